using System.Text;
using CsCheck;
using NewsFeed.FrontMatter;

namespace NewsFeed.Tests.FrontMatter;

/// <summary>
/// Generated front matter, shaped like the articles' (their keys, block mappings and lists a few levels deep) and
/// salted with what trips parsers up: every kind of line break, the three quoting styles, escapes valid and not,
/// comments, tabs, merge keys, keys around YamlDotNet's 1,024-character limit. On a failure CsCheck prints the seed
/// that replays it. The weights keep most generated files within what the fast path reads, so the property mostly
/// compares trees rather than hand-overs (the test checks it does).
/// </summary>
public sealed class FastYamlPropertyTests
{
    private static readonly string[] RealKeys =
    [
        "category", "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "type",
        "quality", "heat", "published", "removed", "featuredContent", "provider", "name", "domain", "topics", "images",
        "url", "width", "height", "isCached", "related", "secured",
    ];

    private static readonly string[] PlainPieces =
    [
        "a", "AI", "Wall Street", " ", "null", "true", "12", "-1", "1e3", "0x1F", "2021-12-10T14:30:00Z",
        "https://x.com/a?b=c#d", "é", "😀", "\u00a0", "ü-ß", "a-b", "a:b", "x'y", "x\"y",
    ];

    private static readonly string[] HostilePieces =
    [
        "  ", ":", ": ", "#", " #", "-", "- ", "?", "'", "''", "\"", "\\", "\t", "[", "]", "{", "}", ",", "&a", "*a", "!t",
        "|", ">", "%", "@", "`", "~", "\uFEFF", "\u0001", "\u007f", "\r", "\n", "\u0085", "\u2028", "\u2029",
    ];

    private static readonly string[] Escapes =
    [
        "\\n", "\\t", "\\0", "\\x41", "\\u00e9", "\\U0001F600", "\\U80000000", "\\UFFFFFFFF", "\\uD800", "\\uDC00", "\\q",
        "\\N", "\\_", "\\L", "\\P", "\\e", "\\/", "\\ ", "\\\"", "\\\\", "\\x", "\\u12", "\\\t",
    ];

    private static readonly Gen<string> LineBreak = Gen.Frequency(
        (40, Gen.Const("\n")), (6, Gen.Const("\r\n")), (1, Gen.Const("\r")), (1, Gen.Const("\u0085")),
        (1, Gen.Const("\u2028")), (1, Gen.Const("\u2029")));

    private static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(PlainPieces).Array[1, 5].Select(string.Concat)),
        (1, Gen.OneOf([.. PlainPieces, .. HostilePieces]).Array[0, 5].Select(string.Concat)));

    private static readonly Gen<string> Word = Gen.Char['a', 'z'].Array[1, 8].Select(c => new string(c));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (24, Word),
        (16, Text),
        (12, Text.Select(t => $"'{t.Replace("'", "''", StringComparison.Ordinal)}'")),
        (12, Gen.Select(Text, Gen.Frequency((3, Gen.Const(Array.Empty<string>())), (1, Gen.OneOf(Escapes).Array[1, 2])), (t, e) =>
            $"\"{t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}{string.Concat(e)}\"")),
        (1, Text.Select(t => "'" + t)),
        (1, Text.Select(t => "\"" + t)));

    private static readonly Gen<string> Key = Gen.Frequency(
        (60, Gen.OneOf(RealKeys)),
        (20, Word),
        (1, Gen.Const("<<")),
        (1, Gen.Int[990, 1_040].Select(n => new string('k', n))),
        (2, Text));

    private static readonly Gen<string> AfterColon = Gen.Frequency((30, Gen.Const(" ")), (1, Gen.Const("  ")), (1, Gen.Const("\t")));

    private static readonly Gen<string> Comment = Gen.Frequency((40, Gen.Const("")), (1, Gen.Const(" # a comment")), (1, Gen.Const("#x")));

    // Most files end their lines one way (LF or CRLF); some mix in every kind of break.
    private static readonly Gen<string> FrontMatter = Mapping(0, 0).SelectMany(lines => Gen.Frequency(
            (6, Gen.Const("\n").Array[lines.Length, lines.Length]),
            (2, Gen.Const("\r\n").Array[lines.Length, lines.Length]),
            (2, LineBreak.Array[lines.Length, lines.Length]))
        .Select(breaks => string.Concat(lines.Zip(breaks, (l, b) => l + b))));

    [Fact]
    public void The_fast_path_builds_YamlDotNets_tree_or_hands_the_file_over_and_the_reader_never_throws()
    {
        const int cases = 3_000;
        var fastReads = 0;
        FrontMatter.Sample(yaml =>
        {
            var fast = FastYamlParser.TryParse(yaml, 1, ReaderOptions.Default.MaxDepth);
            if (fast is not null)
            {
                Interlocked.Increment(ref fastReads);
                var warnings = new List<ReadIssue>();
                YamlNode? slow = null;
                var slowRead = () => slow = new YamlTreeBuilder(1, ReaderOptions.Default, warnings).Build(yaml);
                slowRead.Should().NotThrow("the fast path read this, so YamlDotNet must too");
                warnings.Should().BeEmpty();
                YamlDump.Of(fast).Should().Be(YamlDump.Of(slow));
            }
            var read = () => ArticleFileReader.Read(Encoding.UTF8.GetBytes($"---\n{yaml}---\nbody\n"));
            read.Should().NotThrow();
        }, iter: cases);

        // Generated files are hostile on purpose, but the property says little unless the fast path reads many of them.
        fastReads.Should().BeGreaterThan(cases / 5, $"the fast path read {fastReads} of {cases} generated files");
    }

    private static Gen<string[]> Mapping(int depth, int indent) =>
        Entry(depth, indent).Array[1, depth == 0 ? 6 : 3].Select(entries => entries.SelectMany(e => e).ToArray());

    private static Gen<string[]> Entry(int depth, int indent)
    {
        var pad = new string(' ', indent);
        var scalarLine = Gen.Select(Key, AfterColon, Scalar, Comment, (k, s, v, c) => new[] { $"{pad}{k}:{s}{v}{c}" });
        if (depth >= 3) return scalarLine;
        return Gen.Frequency(
            (30, scalarLine),
            (6, Gen.Select(Key, Mapping(depth + 1, indent + 2), (k, lines) => lines.Prepend($"{pad}{k}:").ToArray())),
            (6, Gen.Select(Key, Gen.OneOf(indent, indent + 2).SelectMany(i => Sequence(depth + 1, i)), (k, lines) => lines.Prepend($"{pad}{k}:").ToArray())),
            (1, Key.Select(k => new[] { $"{pad}{k}:" })),
            (1, Gen.OneOf("", "# a note", $"{pad}# indented note", $"\t{pad}x: 1").Select(l => new[] { l })));
    }

    private static Gen<string[]> Sequence(int depth, int indent)
    {
        var pad = new string(' ', indent);
        var item = Gen.Frequency(
            (12, Scalar.Select(s => new[] { $"{pad}- {s}" })),
            // "- key: value" then the mapping's other keys aligned under the first.
            (9, Mapping(depth + 1, indent + 2).Select(lines => lines.Select((l, i) => i == 0 ? $"{pad}- {l.TrimStart(' ')}" : l).ToArray())),
            (1, Gen.Const(new[] { $"{pad}- - nested" })));
        return item.Array[1, 4].Select(items => items.SelectMany(i => i).ToArray());
    }
}
