using System.Text;
using CsCheck;
using NewsFeed.FrontMatter;

namespace NewsFeed.Tests.FrontMatter;

/// <summary>
/// Generated front matter with unknown keys at every level (the article, its provider, an image, a related item and
/// its provider), named with dots, brackets and backslashes, holding scalars YAML reads as numbers, booleans or text,
/// nested mappings and lists. Read, written back, read again: the YAML tree is the original's (every key where it was,
/// every scalar's text as written, numbers and booleans still plain), and the second writing is byte for byte the first.
/// </summary>
public sealed partial class UnknownKeysPropertyTests
{
    private static readonly string[] Known =
    [
        "category", "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "type",
        "quality", "heat", "published", "removed", "featuredContent", "provider", "name", "domain", "topics", "images",
        "url", "width", "height", "isCached", "related", "secured",
    ];

    private static readonly Gen<string> KeyName = Gen.Frequency(
        (6, Gen.Char['a', 'z'].Array[1, 6].Select(c => new string(c))),
        (4, Gen.OneOf("og.title", "og:image", "a[0]", "provider.name", "provider.x", "images[0].url", "related[1].title",
            "\\x", "\\\\y", "x.y.z", "[b]", "a.", "twitter.card", "images", "provider")),
        (1, Gen.Select(Gen.OneOf("a", "provider", "images[2]", "related[0]", "\\"), Gen.OneOf(".", "[0].", "["), Gen.Char['a', 'z'].Array[1, 3],
            (a, b, c) => a + b + new string(c))));

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf("1.10", "007", "1e5", "-0", "0.0", "10", "123456789012345678901234567890", "hello", "true", "false",
            "2021-12-10", "+1", ".5", "0x1F", "1_000", "1.", "-1.5E-3", "yes", "null").Select(s => s),
        Gen.OneOf("1.10", "007", "true", "a: b", "x # y", "", "hello").Select(s => $"\"{s}\""));

    private static Gen<string> Value(int depth, string indent) => depth == 0
        ? Scalar.Select(s => " " + s)
        : Gen.Frequency(
            (5, Scalar.Select(s => " " + s)),
            (1, Gen.Select(KeyName, Value(depth - 1, indent + "  ")).Array[1, 3].Select(entries =>
                string.Concat(entries.DistinctBy(e => e.Item1).Select(e => $"\n{indent}  \"{Escape(e.Item1)}\":{e.Item2}")))),
            (1, Value(depth - 1, indent + "  ").Where(v => !v.StartsWith('\n')).Array[1, 3].Select(items =>
                string.Concat(items.Select(v => $"\n{indent}  -{v}")))));

    /// <summary>Unknown keys for one mapping at this indent (known names left out: they are no unknown keys).</summary>
    private static Gen<string> Unknown(string indent) =>
        Gen.Select(KeyName, Value(2, indent)).Array[0, 4].Select(entries => string.Concat(entries
            .Where(e => !Known.Contains(e.Item1)).DistinctBy(e => e.Item1).Select(e => $"{indent}\"{Escape(e.Item1)}\":{e.Item2}\n")));

    private static readonly Gen<string> FrontMatter = Gen.Select(Unknown(""), Unknown("  "), Unknown("    "), Unknown("    "), Unknown("      "),
        (root, provider, image, related, relatedProvider) =>
            "---\n" +
            "title: \"A title\"\npublishedDateTime: 2021-12-10T14:30:00Z\nwebUrl: \"https://example.com/a\"\n" +
            $"provider:\n  name: \"Example\"\n  domain: \"example.com\"\n{provider}" +
            $"images:\n  - url: \"https://example.com/i.png\"\n{image}" +
            $"related:\n  - title: \"Other\"\n    provider:\n      domain: \"other.com\"\n{relatedProvider}{related}" +
            root + "---\nBody\n");

    [Fact]
    public void Unknown_keys_and_scalars_survive_writing_back_as_written()
    {
        FrontMatter.Sample(text =>
        {
            var read = ArticleFileReader.Read(Encoding.UTF8.GetBytes(text));
            read.Errors.Should().BeEmpty();
            var written = ArticleFileWriter.Write(read.Document!);
            var again = ArticleFileReader.Read(Encoding.UTF8.GetBytes(written)).Document!;

            again.Should().BeEquivalentTo(read.Document, o => o.WithStrictOrdering());
            ArticleFileWriter.Write(again).Should().Be(written);
            Same(Tree(text), Tree(written), "").Should().BeNull();
        }, iter: 2000);
    }

    private static string Escape(string key) => key.Replace("\\", "\\\\", StringComparison.Ordinal);

    private static YamlNode Tree(string file)
    {
        var yaml = file[4..file.IndexOf("\n---\n", StringComparison.Ordinal)];
        return new YamlTreeBuilder(0, ReaderOptions.Default, []).Build(yaml)!;
    }

    /// <summary>Where the two trees differ (null when they do not): keys as sets, scalars by their text and whether YAML types them.</summary>
    private static string? Same(YamlNode a, YamlNode b, string path) => (a, b) switch
    {
        (YamlScalar x, YamlScalar y) when x.IsNull && y.IsNull => null,
        (YamlScalar x, YamlScalar y) => x.Value == y.Value && Typed(x) == Typed(y) ? null : $"{path}: '{x.Value}' (plain {x.IsPlain}) became '{y.Value}' (plain {y.IsPlain})",
        (YamlMap x, YamlMap y) when !x.Entries.Select(e => e.Key.Value).Order(StringComparer.Ordinal).SequenceEqual(y.Entries.Select(e => e.Key.Value).Order(StringComparer.Ordinal)) =>
            $"{path}: keys {string.Join(",", x.Entries.Select(e => e.Key.Value))} became {string.Join(",", y.Entries.Select(e => e.Key.Value))}",
        (YamlMap x, YamlMap y) => x.Entries.Select(e => Same(e.Value, y[e.Key.Value]!, $"{path}.{e.Key.Value}")).FirstOrDefault(d => d is not null),
        (YamlSequence x, YamlSequence y) when x.Items.Count == y.Items.Count => x.Items.Zip(y.Items).Select((p, i) => Same(p.First, p.Second, $"{path}[{i}]")).FirstOrDefault(d => d is not null),
        _ => $"{path}: a {a.GetType().Name} became a {b.GetType().Name}",
    };

    /// <summary>
    /// A plain number (in JSON's spelling, which is how the extras keep it) or boolean must stay plain. Other spellings
    /// YAML may read as numbers (<c>007</c>, <c>0x1F</c>, <c>.5</c>) keep their text but are written back quoted.
    /// </summary>
    private static bool Typed(YamlScalar s) => s.IsPlain && (s.Value is "true" or "false" || JsonNumber().IsMatch(s.Value));

    [System.Text.RegularExpressions.GeneratedRegex(@"\A-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\z")]
    private static partial System.Text.RegularExpressions.Regex JsonNumber();
}
