using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NewsFeed.FrontMatter;

/// <summary>
/// Writes an <see cref="ArticleDocument"/> back as a front-matter file, keys in the order the real files use, unknown
/// keys back at their places, then the body verbatim. Reading the result gives the same document.
/// </summary>
public static class ArticleFileWriter
{
    public static string Write(ArticleDocument d)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        // No line folding: one long excerpt stays one line, as in the real files.
        var emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true, newLine: "\n"));
        var extras = new Extras(d.Extra);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        emitter.Emit(new MappingStart());
        Scalars(emitter, d, ArticleFields.AroundLists.Before);
        if (d.Provider is { } provider) Mapping(emitter, "provider", () => Provider(emitter, provider, "provider", extras));
        if (d.Topics.Count > 0) Sequence(emitter, "topics", d.Topics, (topic, _) => emitter.Emit(Quoted(topic)));
        Images(emitter, d.Images, "images", extras);
        if (d.Related.Count > 0)
            Sequence(emitter, "related", d.Related, (r, i) => Related(emitter, r, $"related[{i}]", extras));
        Scalars(emitter, d, ArticleFields.AroundLists.After);
        extras.EmitAt(emitter, "");
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return new StringBuilder("---\n").Append(text.ToString().TrimEnd('\n')).Append("\n---\n").Append(d.Body).ToString();
    }

    /// <summary>Text quoted, as the real files write it; numbers, flags and instants plain.</summary>
    private static void Scalars(Emitter emitter, ArticleDocument d, IReadOnlyList<ArticleField> fields)
    {
        foreach (var field in fields)
        {
            switch (field.Get(d))
            {
                case string text: Text(emitter, field.Key, text); break;
                case int number: Plain(emitter, field.Key, number.ToString(CultureInfo.InvariantCulture)); break;
                case bool flag: Plain(emitter, field.Key, Bool(flag)); break;
                case DateTime instant: Plain(emitter, field.Key, Instant(instant)); break;
            }
        }
    }

    private static void Provider(Emitter emitter, ProviderRef provider, string path, Extras extras)
    {
        Text(emitter, "name", provider.Name);
        Text(emitter, "domain", provider.Domain);
        Images(emitter, provider.Images, $"{path}.images", extras);
        extras.EmitAt(emitter, path);
    }

    private static void Related(Emitter emitter, RelatedRef r, string path, Extras extras)
    {
        emitter.Emit(new MappingStart());
        Text(emitter, "title", r.Title);
        Text(emitter, "excerpt", r.Excerpt);
        Plain(emitter, "publishedDateTime", r.PublishedAt is { } at ? Instant(at) : null);
        Text(emitter, "webUrl", r.WebUrl);
        Text(emitter, "ampWebUrl", r.AmpWebUrl);
        Text(emitter, "cdnAmpWebUrl", r.CdnAmpWebUrl);
        Text(emitter, "type", r.Type);
        if (r.Provider is { } provider) Mapping(emitter, "provider", () => Provider(emitter, provider, $"{path}.provider", extras));
        Plain(emitter, "quality", r.Quality?.ToString(CultureInfo.InvariantCulture));
        Images(emitter, r.Images, $"{path}.images", extras);
        extras.EmitAt(emitter, path);
        emitter.Emit(new MappingEnd());
    }

    private static void Images(Emitter emitter, IReadOnlyList<ImageRef> images, string path, Extras extras)
    {
        if (images.Count == 0) return;
        Sequence(emitter, "images", images, (image, i) =>
        {
            emitter.Emit(new MappingStart());
            Text(emitter, "url", image.Url);
            Plain(emitter, "width", image.Width?.ToString(CultureInfo.InvariantCulture));
            Plain(emitter, "height", image.Height?.ToString(CultureInfo.InvariantCulture));
            Plain(emitter, "isCached", Bool(image.IsCached));
            Text(emitter, "title", image.Title);
            extras.EmitAt(emitter, $"{path}[{i}]");
            emitter.Emit(new MappingEnd());
        });
    }

    private static void Mapping(Emitter emitter, string key, Action body)
    {
        emitter.Emit(Key(key));
        emitter.Emit(new MappingStart());
        body();
        emitter.Emit(new MappingEnd());
    }

    private static void Sequence<T>(Emitter emitter, string key, IReadOnlyList<T> items, Action<T, int> item)
    {
        emitter.Emit(Key(key));
        emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
        for (var i = 0; i < items.Count; i++) item(items[i], i);
        emitter.Emit(new SequenceEnd());
    }

    private static void Text(Emitter emitter, string key, string? value)
    {
        if (value is null) return;
        emitter.Emit(Key(key));
        emitter.Emit(Quoted(value));
    }

    private static void Plain(Emitter emitter, string key, string? value)
    {
        if (value is null) return;
        emitter.Emit(Key(key));
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));
    }

    // Quoting allowed: an unknown key's name may be no plain scalar (a colon and space in it, say); the emitter quotes it then.
    private static Scalar Key(string key) => new(null, null, key, ScalarStyle.Plain, true, true);

    private static Scalar Quoted(string value) => new(null, null, value, ScalarStyle.DoubleQuoted, false, true);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };

    private static string Instant(DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The unknown keys kept at import (a JSON object keyed by path), put back where they came from.</summary>
    private sealed class Extras
    {
        private readonly Dictionary<string, List<(string Name, JsonNode? Value)>> _byOwner = new(StringComparer.Ordinal);

        public Extras(string? json)
        {
            if (json is null) return;
            foreach (var (path, value) in JsonNode.Parse(json)!.AsObject())
            {
                var (owner, name) = ExtraPaths.Split(path);
                if (!_byOwner.TryGetValue(owner, out var keys)) _byOwner[owner] = keys = [];
                keys.Add((name, value));
            }
        }

        public void EmitAt(Emitter emitter, string path)
        {
            if (!_byOwner.TryGetValue(path, out var keys)) return;
            foreach (var (name, value) in keys)
            {
                emitter.Emit(Key(name));
                Json(emitter, value);
            }
        }

        private static void Json(Emitter emitter, JsonNode? node)
        {
            switch (node)
            {
                case null: emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false)); break;
                case JsonObject o:
                    emitter.Emit(new MappingStart());
                    foreach (var (k, v) in o)
                    {
                        emitter.Emit(Key(k));
                        Json(emitter, v);
                    }
                    emitter.Emit(new MappingEnd());
                    break;
                case JsonArray a:
                    emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                    foreach (var item in a) Json(emitter, item);
                    emitter.Emit(new SequenceEnd());
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s): emitter.Emit(Quoted(s)); break;
                default: emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false)); break;
            }
        }
    }
}
