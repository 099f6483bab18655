using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.FrontMatter;

/// <summary>The fast path and YamlDotNet build the same tree, positions included, and the fast path knows when to step aside.</summary>
public sealed class FastYamlParserTests
{
    [Fact]
    public void Both_parsers_agree_on_every_corpus_file_and_the_fast_one_reads_nearly_all()
    {
        var files = Directory.GetFiles(Corpus.Azure).Concat(Directory.GetFiles(Corpus.PowerApps)).Append(RepoPaths.SeedFile).ToList();
        var fastOnes = 0;
        foreach (var file in files)
        {
            var yaml = FrontMatterOf(File.ReadAllText(file));
            var slow = new YamlTreeBuilder(1, ReaderOptions.Default, []).Build(yaml);
            var fast = FastYamlParser.TryParse(yaml, 1, ReaderOptions.Default.MaxDepth);
            if (fast is null) continue;
            fastOnes++;
            YamlDump.Of(fast).Should().Be(YamlDump.Of(slow), $"both parsers must read {file} alike");
        }
        fastOnes.Should().BeGreaterThan(files.Count * 9 / 10);
    }

    [Theory]
    [InlineData("title: \"a \\\"quoted\\\" word \\u00e9 \\x41 \\\\ end\"\nquality: 87\n")]
    [InlineData("title: 'it''s'\nlist:\n- a\n- 'b'\n-   \"c\"\nnested:\n  deeper:\n    - k: v\n      k2: 2\n    - k: w\n")]
    [InlineData("a: b\nc:\n  - x: 1\n    y:\n      - p\n")]
    [InlineData("url: https://example.com/a?b=c#frag\nneg: -1\ntime: 2021-12-10T14:30:00Z\n")]
    public void Both_parsers_agree_on_the_forms_the_fast_path_reads(string yaml)
    {
        var fast = FastYamlParser.TryParse(yaml, 1, 16);
        fast.Should().NotBeNull();
        YamlDump.Of(fast).Should().Be(YamlDump.Of(new YamlTreeBuilder(1, ReaderOptions.Default, []).Build(yaml)));
    }

    /// <summary>
    /// Every UTF-16 code unit, at the start, in the middle and at the end of a text, at every offset around the vector
    /// widths: the search finds exactly the characters the YAML specification does not allow in a document (c-printable),
    /// the byte-order mark and the line separators, here written as that rule rather than as the search's four parts.
    /// </summary>
    [Fact]
    public void The_characters_handed_over_to_YamlDotNet_are_those_yaml_does_not_print()
    {
        static bool Printable(char c) => c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uD7FF')
            or (>= '\uD800' and <= '\uDFFF') or (>= '\uE000' and <= '\uFFFD');
        static bool HandedOver(char c) => !Printable(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF';

        var text = new char[100];
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var c = (char)code;
            foreach (var at in new[] { 0, 7, 15, 16, 31, 32, 63, 64, 99 })
            {
                Array.Fill(text, 'a');
                text[at] = c;
                if (FastYamlParser.HasHandedOverCharacter(text) != HandedOver(c))
                    Assert.Fail($"U+{code:X4} at {at}: expected {(HandedOver(c) ? "handed over" : "read")}");
            }
        }
    }

    [Theory]
    [InlineData("a: [1, 2]\n")]
    [InlineData("a: |\n  block\n")]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !tag 1\n")]
    [InlineData("# comment\na: 1\n")]
    [InlineData("a: 1 # comment\n")]
    [InlineData("a: b\na: c\n")]
    [InlineData("a: multi\n  line\n")]
    [InlineData("a: \"unterminated\n")]
    [InlineData("a: \"bad \\q escape\"\n")]
    [InlineData("a:\n")]
    [InlineData("a: x: y\n")]
    [InlineData("\ta: 1\n")]
    [InlineData("a:\n    b: 1\n  c: 2\n")]
    // Line breaks other than LF and CRLF, a merge key, a key YamlDotNet finds too long, an escape past Unicode.
    [InlineData("a: foo\r  bar\n")]
    [InlineData("a: foo\u0085  bar\n")]
    [InlineData("a: foo\u2028  bar\n")]
    [InlineData("a: foo\u2029  bar\n")]
    [InlineData("<<: x\n")]
    [InlineData("a:\n  - <<: x\n")]
    [InlineData("a: \"\\U80000000\"\n")]
    public void Anything_else_is_left_to_YamlDotNet(string yaml) =>
        FastYamlParser.TryParse(yaml, 1, 16).Should().BeNull();

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_024)]
    [InlineData(1_100)]
    public void A_key_near_or_over_YamlDotNets_limit_is_left_to_it(int length) =>
        FastYamlParser.TryParse($"{new string('k', length)}: v\n", 1, 16).Should().BeNull();

    private static string FrontMatterOf(string text)
    {
        var start = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        var end = text.IndexOf("\n---", start - 1, StringComparison.Ordinal);
        return text[start..(end + 1)];
    }
}
