using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NewsFeed.FrontMatter;

/// <summary>
/// Maps the YAML tree of one front-matter block onto an <see cref="ArticleDocument"/>: checks each known key's
/// type, collects every problem with its line, column and field, and keeps unknown keys verbatim as JSON. Lists
/// longer than their cap fail the file; an optional URL that is not http(s) is left out with a warning, so nothing
/// served can carry a <c>javascript:</c> link.
/// </summary>
internal sealed partial class ArticleMapper(ReaderOptions options, List<ReadIssue> warnings)
{
    private readonly List<ReadIssue> _errors = [];
    private readonly JsonObject _extra = [];
    private readonly List<ReadIssue> _warnings = warnings;
    // The readers of nested mappings, as delegates made once per file rather than at each of its hundreds of entries.
    private Func<Fields, ImageRef?>? _mapImage;
    private Func<Fields, ProviderRef>? _mapProvider;

    public IReadOnlyList<ReadIssue> Errors => _errors;

    public ArticleDocument? Map(YamlMap root)
    {
        var known = new Fields(root, "", this);
        var title = known.Text("title");
        var published = known.Instant("publishedDateTime");
        var webUrl = known.Url("webUrl");
        var originalUrl = known.Url("originalUrl");
        var document = new ArticleDocument
        {
            Category = known.Text("category"),
            Title = title ?? "",
            Excerpt = known.Text("excerpt"),
            PublishedAt = published ?? default,
            OriginalUrl = originalUrl,
            WebUrl = webUrl,
            AmpWebUrl = known.OptionalUrl("ampWebUrl"),
            CdnAmpWebUrl = known.OptionalUrl("cdnAmpWebUrl"),
            Type = known.Text("type"),
            Quality = known.Int("quality"),
            Heat = known.Int("heat"),
            Published = known.Bool("published"),
            Removed = known.Bool("removed"),
            FeaturedContent = known.Text("featuredContent"),
            Provider = known.Map("provider", _mapProvider ??= MapProvider),
            Topics = known.TextList("topics", new ListCap(options.MaxTopics, "Import:MaxTopics")),
            Images = known.List("images", _mapImage ??= MapImage, new ListCap(options.MaxImages, "Import:MaxImages")),
            Related = known.List("related", MapRelated, new ListCap(options.MaxRelated, "Import:MaxRelated")),
            Secured = known.Text("secured"),
        };
        known.KeepUnknown();

        if (title is null) Required(root, "title", "The required field 'title' is missing or empty.");
        if (published is null) Required(root, "publishedDateTime", "The required field 'publishedDateTime' is missing or empty.");
        if (webUrl is null && originalUrl is null)
            Required(root, "webUrl", "The article needs a 'webUrl' or an 'originalUrl': its URL is what identifies it.");

        return _errors.Count > 0 ? null : document with { Extra = _extra.Count > 0 ? _extra.ToJsonString() : null };
    }

    private ProviderRef MapProvider(Fields f)
    {
        var name = f.Text("name");
        var domain = f.Text("domain");
        var images = f.List("images", _mapImage ??= MapImage, new ListCap(options.MaxProviderLogos, "Import:MaxProviderLogos"));
        f.KeepUnknown();
        if (domain is null) AddError(f.Node, $"{f.Path}.domain", "A provider needs a 'domain' (such as wsj.com): providers are identified by it.");
        return new ProviderRef(name, DomainName.Normalize(domain ?? ""), images);
    }

    /// <summary>An image, or null when its URL is not http(s): an image no one may fetch is left out whole.</summary>
    private ImageRef? MapImage(Fields f)
    {
        var url = f.Text("url");
        var image = new ImageRef(url ?? "", f.Int("width"), f.Int("height"), f.Bool("isCached"), f.Text("title"));
        f.KeepUnknown();
        if (!f.Has("url")) AddError(f.Node, $"{f.Path}.url", "An image needs a 'url'.");
        else if (url is null || !CanonicalUrl.IsWebUrl(url))
        {
            f.Warn("url", $"'{f.Path}.url' is not an http or https URL ('{Shorten(url ?? "")}'): the image is left out.");
            return null;
        }
        return image;
    }

    private RelatedRef MapRelated(Fields f)
    {
        var related = new RelatedRef
        {
            Title = f.Text("title"),
            Excerpt = f.Text("excerpt"),
            PublishedAt = f.Instant("publishedDateTime"),
            WebUrl = f.OptionalUrl("webUrl"),
            AmpWebUrl = f.OptionalUrl("ampWebUrl"),
            CdnAmpWebUrl = f.OptionalUrl("cdnAmpWebUrl"),
            Type = f.Text("type"),
            Quality = f.Int("quality"),
            Provider = f.Map("provider", _mapProvider ??= MapProvider),
            Images = f.List("images", _mapImage ??= MapImage, new ListCap(options.MaxRelatedImages, "Import:MaxRelatedImages")),
        };
        f.KeepUnknown();
        return related;
    }

    /// <summary>Reports a missing required value, unless the value was there but already reported as wrong.</summary>
    private void Required(YamlMap root, string field, string message)
    {
        if (_errors.Any(e => e.Field == field || (field == "webUrl" && e.Field == "originalUrl"))) return;
        var at = root[field] ?? root;
        _errors.Add(new ReadIssue(at.Line, at.Column, field, message));
    }

    private void AddError(YamlNode at, string field, string message) =>
        _errors.Add(new ReadIssue(at.Line, at.Column, field, message));

    /// <summary>The most entries one list may have, and the setting that says so (named in the error).</summary>
    private readonly record struct ListCap(int Max, string Setting);

    /// <summary>
    /// Unknown keys of a list entry are kept under the entry's index in the list as stored; when an entry before it
    /// is left out, its extras move down with it (and a left-out entry's go with it), so an export writes them back
    /// where they belong.
    /// </summary>
    private void MoveExtras(string fromPath, string? toPath)
    {
        foreach (var key in _extra.Select(e => e.Key).Where(k => IsAtOrUnder(k, fromPath)).ToList())
        {
            var value = _extra[key];
            _extra.Remove(key);
            if (toPath is not null) _extra[string.Concat(toPath, key.AsSpan(fromPath.Length))] = value;
        }
    }

    private static bool IsAtOrUnder(string key, string path) =>
        key.StartsWith(path, StringComparison.Ordinal) && (key.Length == path.Length || key[path.Length] is '.' or '[');

    /// <summary>Reads the keys of one mapping, remembering which were known so the rest go to the extras.</summary>
    private sealed class Fields(YamlMap node, string path, ArticleMapper mapper)
    {
        // Which entries the readers asked for, by position: a bit each for the dozen entries of a real mapping, an
        // array only for a mapping of more than 64 (a hostile file's). Asked keys are not kept: only present ones matter.
        private ulong _asked;
        private bool[]? _askedPastMask;

        public YamlMap Node => node;
        public string Path => path;

        public bool Has(string key) => node[key] is not null;

        public string? Text(string key) => Scalar(key, "text", s => (true, s.Value));

        /// <summary>A URL that identifies the article: anything but http(s) fails the file.</summary>
        public string? Url(string key)
        {
            var url = Text(key);
            if (url is null || CanonicalUrl.IsWebUrl(url)) return url;
            Error(key, $"'{FieldName(key)}' must be an absolute http or https URL, found '{Shorten(url)}'.");
            return null;
        }

        /// <summary>A URL the article links to: anything but http(s) is left out with a warning, and the article kept.</summary>
        public string? OptionalUrl(string key)
        {
            var url = Text(key);
            if (url is null || CanonicalUrl.IsWebUrl(url)) return url;
            Warn(key, $"'{FieldName(key)}' is not an http or https URL ('{Shorten(url)}'): it is left out.");
            return null;
        }

        public int? Int(string key) =>
            Scalar(key, "a whole number", s => ScalarValues.TryInt(s.Value, out var v) ? (true, v) : (false, 0),
                static (field, text) => ScalarValues.IsWholeNumber(text)
                    ? $"'{field}' is {Shorten(text)}, outside the whole numbers the database stores ({int.MinValue:N0} to {int.MaxValue:N0})."
                    : null);

        public bool? Bool(string key) =>
            Scalar(key, "true or false", s => ScalarValues.TryBool(s.Value, out var v) ? (true, v) : (false, false));

        public DateTime? Instant(string key) =>
            Scalar(key, "a date or date-time such as 2021-12-10T14:30:00Z", s => ScalarValues.TryInstant(s.Value, out var v) ? (true, v) : (false, default),
                static (field, text) => ScalarValues.IsOutOfRangeInstant(text)
                    ? $"'{field}' is {Shorten(text)}, which is before 0001-01-01T00:00:00Z or after 9999-12-31T23:59:59Z in UTC: no database stores it."
                    : null);

        public T? Map<T>(string key, Func<Fields, T> read) where T : class
        {
            var value = Ask(key);
            if (value is null or YamlScalar { IsNull: true }) return null;
            if (value is YamlMap map) return read(new Fields(map, FieldName(key), mapper));
            Error(key, $"'{FieldName(key)}' must be a mapping of keys (such as name: and domain:).");
            return null;
        }

        /// <summary>The list's entries as <paramref name="read"/> maps them, leaving out those it returns null for.</summary>
        public List<T> List<T>(string key, Func<Fields, T?> read, ListCap cap) where T : class
        {
            var value = Ask(key);
            if (value is null or YamlScalar { IsNull: true }) return [];
            if (value is not YamlSequence sequence)
            {
                Error(key, $"'{FieldName(key)}' must be a list.");
                return [];
            }
            if (IsOverCap(key, sequence, cap)) return [];
            var items = new List<T>(sequence.Items.Count);
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var itemPath = $"{FieldName(key)}[{i}]";
                if (sequence.Items[i] is not YamlMap item)
                {
                    mapper.AddError(sequence.Items[i], itemPath, $"Each entry of '{FieldName(key)}' must be a mapping of keys.");
                    continue;
                }
                var entry = read(new Fields(item, itemPath, mapper));
                if (entry is null) mapper.MoveExtras(itemPath, null);
                else
                {
                    if (items.Count != i) mapper.MoveExtras(itemPath, $"{FieldName(key)}[{items.Count}]");
                    items.Add(entry);
                }
            }
            return items;
        }

        /// <summary>A list of names; a single name is accepted as a list of one, as Jekyll accepts it.</summary>
        public List<string> TextList(string key, ListCap cap)
        {
            var value = Ask(key);
            switch (value)
            {
                case null or YamlScalar { IsNull: true }: return [];
                case YamlScalar single: return [single.Value];
                case YamlSequence sequence when IsOverCap(key, sequence, cap):
                    return [];
                case YamlSequence sequence:
                    var names = new List<string>(sequence.Items.Count);
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        if (sequence.Items[i] is YamlScalar { IsNull: false } name) names.Add(name.Value);
                        else mapper.AddError(sequence.Items[i], $"{FieldName(key)}[{i}]", $"Each entry of '{FieldName(key)}' must be a name.");
                    }
                    return names;
                default:
                    Error(key, $"'{FieldName(key)}' must be a list of names.");
                    return [];
            }
        }

        /// <summary>Every key this mapping has that no reader asked for goes to the extras, under its path.</summary>
        public void KeepUnknown()
        {
            for (var i = 0; i < node.Entries.Count; i++)
            {
                if (WasAsked(i)) continue;
                var (key, value) = node.Entries[i];
                mapper._extra[FieldName(ExtraPaths.Escape(key.Value))] = ToJson(value);
            }
        }

        /// <summary>The key's value, or null; either way the key is known now and is not kept as an extra.</summary>
        private YamlNode? Ask(string key)
        {
            var i = node.IndexOf(key);
            if (i < 0) return null;
            if (i < 64) _asked |= 1UL << i;
            else (_askedPastMask ??= new bool[node.Entries.Count - 64])[i - 64] = true;
            return node.Entries[i].Value;
        }

        private bool WasAsked(int i) => i < 64 ? (_asked & (1UL << i)) != 0 : _askedPastMask?[i - 64] == true;

        /// <param name="refusal">
        /// A more precise message than "must be ..." for a text of the right form but out of range, or null; given the
        /// field's name and the text, so that it captures nothing and is not a new delegate at every call.
        /// </param>
        private T? Scalar<T>(string key, string expected, Func<YamlScalar, (bool Ok, T Value)> convert, Func<string, string, string?>? refusal = null) where T : struct =>
            ScalarCore(key, expected, convert, refusal) is (true, var v) ? v : null;

        private string? Scalar(string key, string expected, Func<YamlScalar, (bool Ok, string Value)> convert) =>
            ScalarCore(key, expected, convert, null) is (true, var v) ? v : null;

        private (bool, T) ScalarCore<T>(string key, string expected, Func<YamlScalar, (bool Ok, T Value)> convert, Func<string, string, string?>? refusal)
        {
            var value = Ask(key);
            if (value is null or YamlScalar { IsNull: true }) return (false, default!);
            if (value is YamlScalar scalar)
            {
                var (ok, converted) = convert(scalar);
                if (ok) return (true, converted);
                mapper.AddError(value, FieldName(key), refusal?.Invoke(FieldName(key), scalar.Value) ?? $"'{FieldName(key)}' must be {expected}, found '{Shorten(scalar.Value)}'.");
                return (false, default!);
            }
            mapper.AddError(value, FieldName(key), $"'{FieldName(key)}' must be {expected}, found a {(value is YamlMap ? "mapping" : "list")}.");
            return (false, default!);
        }

        private void Error(string key, string message) => mapper.AddError(node[key] ?? node, FieldName(key), message);

        public void Warn(string key, string message)
        {
            var at = node[key] ?? node;
            mapper._warnings.Add(new ReadIssue(at.Line, at.Column, FieldName(key), message));
        }

        // Checked before any entry is read, so an oversized list costs no mapping work.
        private bool IsOverCap(string key, YamlSequence sequence, ListCap cap)
        {
            var count = sequence.Items.Count;
            if (count <= cap.Max) return false;
            Error(key, $"'{FieldName(key)}' has {count:N0} {(count == 1 ? "entry" : "entries")}, more than the limit of {cap.Max:N0} set by {cap.Setting}.");
            return true;
        }

        private string FieldName(string key) => path.Length == 0 ? key : $"{path}.{key}";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    /// <summary>
    /// Unknown values are kept as JSON with their text as written: quoted scalars and plain text as strings, plain
    /// numbers as JSON numbers of the very same text (<c>1.10</c> stays <c>1.10</c>), true and false as booleans.
    /// </summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalar { IsNull: true } => null,
        YamlScalar { IsPlain: false } s => JsonValue.Create(s.Value),
        YamlScalar { Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        // Parsed, not converted: the node keeps the number's text, where a long or a double would rewrite it (007, 1.10).
        YamlScalar s when JsonNumber().IsMatch(s.Value) => JsonNode.Parse(s.Value),
        YamlScalar s => JsonValue.Create(s.Value),
        YamlSequence seq => new JsonArray([.. seq.Items.Select(ToJson)]),
        YamlMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        _ => throw new JsonException("Unknown YAML node."),
    };

    [GeneratedRegex(@"\A-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
