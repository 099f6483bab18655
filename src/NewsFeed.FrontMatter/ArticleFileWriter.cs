using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace NewsFeed.FrontMatter;

/// <summary>
/// Writes an <see cref="ArticleDocument"/> back as a front-matter file, keys in the order the real files use, unknown
/// keys back at their places, then the body verbatim. Reading the result gives the same document.
/// </summary>
public static class ArticleFileWriter
{
    public static string Write(ArticleDocument d) => TryWriteDirect(d) ?? WriteWithYamlDotNet(d);

    /// <summary>The file as <see cref="DirectYamlWriter"/> writes it, or null when its YAML is left to YamlDotNet.</summary>
    internal static string? TryWriteDirect(ArticleDocument d)
    {
        var file = new StringBuilder(4096).Append("---\n");
        try
        {
            Emit(new DirectYamlWriter(file), d);
        }
        catch (DirectYamlWriter.NotWritten)
        {
            return null;
        }
        return file.Append("\n---\n").Append(d.Body).ToString();
    }

    /// <summary>The file as YamlDotNet's emitter writes its YAML: byte for byte what <see cref="TryWriteDirect"/> writes when it does.</summary>
    internal static string WriteWithYamlDotNet(ArticleDocument d)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var yaml = new YamlDotNetSink(text);
        Emit(yaml, d);
        yaml.Finish();
        return new StringBuilder("---\n").Append(text.ToString().TrimEnd('\n')).Append("\n---\n").Append(d.Body).ToString();
    }

    private static void Emit(IYamlSink yaml, ArticleDocument d)
    {
        var extras = new Extras(d.Extra);
        yaml.MappingStart();
        Scalars(yaml, d, ArticleFields.AroundLists.Before);
        if (d.Provider is { } provider) Provider(yaml, provider, "provider", extras);
        if (d.Topics.Count > 0)
        {
            yaml.Key("topics");
            yaml.SequenceStart();
            foreach (var topic in d.Topics) yaml.Quoted(topic);
            yaml.SequenceEnd();
        }
        Images(yaml, d.Images, "images", extras);
        if (d.Related.Count > 0)
        {
            yaml.Key("related");
            yaml.SequenceStart();
            for (var i = 0; i < d.Related.Count; i++) Related(yaml, d.Related[i], $"related[{i}]", extras);
            yaml.SequenceEnd();
        }
        Scalars(yaml, d, ArticleFields.AroundLists.After);
        extras.EmitAt(yaml, "");
        yaml.MappingEnd();
    }

    /// <summary>Text quoted, as the real files write it; numbers, flags and instants plain.</summary>
    private static void Scalars(IYamlSink yaml, ArticleDocument d, IReadOnlyList<ArticleField> fields)
    {
        foreach (var field in fields)
        {
            switch (field.Get(d))
            {
                case string text: Text(yaml, field.Key, text); break;
                case int number: Plain(yaml, field.Key, number.ToString(CultureInfo.InvariantCulture)); break;
                case bool flag: Plain(yaml, field.Key, Bool(flag)); break;
                case DateTime instant: Plain(yaml, field.Key, Instant(instant)); break;
            }
        }
    }

    /// <summary>The <c>provider:</c> key and its mapping, the article's or a related item's.</summary>
    private static void Provider(IYamlSink yaml, ProviderRef provider, string path, Extras extras)
    {
        yaml.Key("provider");
        yaml.MappingStart();
        Text(yaml, "name", provider.Name);
        Text(yaml, "domain", provider.Domain);
        Images(yaml, provider.Images, $"{path}.images", extras);
        extras.EmitAt(yaml, path);
        yaml.MappingEnd();
    }

    private static void Related(IYamlSink yaml, RelatedRef r, string path, Extras extras)
    {
        yaml.MappingStart();
        Text(yaml, "title", r.Title);
        Text(yaml, "excerpt", r.Excerpt);
        Plain(yaml, "publishedDateTime", r.PublishedAt is { } at ? Instant(at) : null);
        Text(yaml, "webUrl", r.WebUrl);
        Text(yaml, "ampWebUrl", r.AmpWebUrl);
        Text(yaml, "cdnAmpWebUrl", r.CdnAmpWebUrl);
        Text(yaml, "type", r.Type);
        if (r.Provider is { } provider) Provider(yaml, provider, $"{path}.provider", extras);
        Plain(yaml, "quality", r.Quality?.ToString(CultureInfo.InvariantCulture));
        Images(yaml, r.Images, $"{path}.images", extras);
        extras.EmitAt(yaml, path);
        yaml.MappingEnd();
    }

    private static void Images(IYamlSink yaml, IReadOnlyList<ImageRef> images, string path, Extras extras)
    {
        if (images.Count == 0) return;
        yaml.Key("images");
        yaml.SequenceStart();
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            yaml.MappingStart();
            Text(yaml, "url", image.Url);
            Plain(yaml, "width", image.Width?.ToString(CultureInfo.InvariantCulture));
            Plain(yaml, "height", image.Height?.ToString(CultureInfo.InvariantCulture));
            Plain(yaml, "isCached", Bool(image.IsCached));
            Text(yaml, "title", image.Title);
            extras.EmitAt(yaml, $"{path}[{i}]");
            yaml.MappingEnd();
        }
        yaml.SequenceEnd();
    }

    private static void Text(IYamlSink yaml, string key, string? value)
    {
        if (value is null) return;
        yaml.Key(key);
        yaml.Quoted(value);
    }

    private static void Plain(IYamlSink yaml, string key, string? value)
    {
        if (value is null) return;
        yaml.Key(key);
        yaml.Plain(value);
    }

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

        public void EmitAt(IYamlSink yaml, string path)
        {
            if (!_byOwner.TryGetValue(path, out var keys)) return;
            foreach (var (name, value) in keys)
            {
                yaml.Key(name);
                Json(yaml, value);
            }
        }

        private static void Json(IYamlSink yaml, JsonNode? node)
        {
            switch (node)
            {
                case null: yaml.Plain("null"); break;
                case JsonObject o:
                    yaml.MappingStart();
                    foreach (var (k, v) in o)
                    {
                        yaml.Key(k);
                        Json(yaml, v);
                    }
                    yaml.MappingEnd();
                    break;
                case JsonArray a:
                    yaml.SequenceStart();
                    foreach (var item in a) Json(yaml, item);
                    yaml.SequenceEnd();
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s): yaml.Quoted(s); break;
                default: yaml.Plain(node.ToJsonString()); break;
            }
        }
    }
}
