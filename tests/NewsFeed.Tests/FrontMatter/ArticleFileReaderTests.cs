using System.Text;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Import;

namespace NewsFeed.Tests.FrontMatter;

/// <summary>
/// The reader on edited copies of the seed article: one YAML meaning whichever path reads it, values both engines
/// store, bounded lists, and only http(s) URLs kept. Line and column count from the file's first line.
/// </summary>
public sealed class ArticleFileReaderTests
{
    [Theory]
    [InlineData("\r")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void A_line_break_of_any_kind_reads_as_YamlDotNet_reads_it(string lineBreak)
    {
        var line = $"title: foo{lineBreak}  bar";
        var yamlDotNet = (YamlMap)new YamlTreeBuilder(0, ReaderOptions.Default, []).Build(line + "\n")!;

        var result = Read(BadFiles.SeedWith((3, line)));

        result.Errors.Should().BeEmpty();
        result.Document!.Title.Should().Be(((YamlScalar)yamlDotNet["title"]!).Value);
    }

    [Fact]
    public void A_lone_carriage_return_folds_a_title_onto_one_line() =>
        Read(BadFiles.SeedWith((3, "title: foo\r  bar"))).Document!.Title.Should().Be("foo bar");

    [Theory]
    [InlineData(14, "<<: x", 14, 1, null, "YAML merge keys (<<) are not accepted in front matter.")]
    [InlineData(20, "      <<: x", 20, 7, "provider.images[0]", "YAML merge keys (<<) are not accepted in front matter.")]
    // Where YamlDotNet stopped: just past the escape it could not turn into a character.
    [InlineData(3, "title: \"\\U80000000\"", 3, 19, null, "Invalid YAML: the text before this point cannot be read (ArgumentOutOfRangeException)")]
    // A lone surrogate has no UTF-8 form, so no database could store it.
    [InlineData(33, "  - title: \"\\uD800\"", 33, 12, null, "Invalid YAML: While scanning a quoted scalar, found invalid Unicode surrogates.")]
    public void What_YamlDotNet_refuses_fails_the_file_whichever_path_reads_it(
        int lineToEdit, string text, int line, int column, string? field, string message)
    {
        var error = Read(BadFiles.SeedWith((lineToEdit, text))).Errors.Should().ContainSingle().Subject;

        error.Should().BeEquivalentTo(new { Line = line, Column = column, Field = field }, $"the error was: {error.Message}");
        error.Message.Should().StartWith(message);
    }

    [Fact]
    public void A_key_longer_than_YamlDotNet_accepts_fails_the_file_with_its_line()
    {
        var error = Read(BadFiles.SeedWith((14, new string('k', 1_100) + ": x"))).Errors.Should().ContainSingle().Subject;

        error.Line.Should().Be(14);
        error.Column.Should().NotBeNull();
        error.Message.Should().StartWith("Invalid YAML:");
    }

    [Theory]
    [InlineData(3, "title: \"a\\0b\"", 3, 8, "title", "'title' holds a NUL character (\\0), which the database cannot store.")]
    [InlineData(14, "mood: \"a\\0b\"", 14, 7, "mood", "'mood' holds a NUL character")]
    [InlineData(14, "\"k\\0\": x", 14, 1, null, "A key holds a NUL character")]
    [InlineData(24, "  - \"A\\x00I\"", 24, 5, "topics[0]", "'topics[0]' holds a NUL character")]
    [InlineData(11, "quality: 99999999999", 11, 10, "quality", "'quality' is 99999999999, outside the whole numbers the database stores (-2,147,483,648 to 2,147,483,647).")]
    [InlineData(12, "heat: -2147483649", 12, 7, "heat", "'heat' is -2147483649, outside the whole numbers")]
    [InlineData(5, "publishedDateTime: 0001-01-01T00:00:00+14:00", 5, 20, "publishedDateTime", "'publishedDateTime' is 0001-01-01T00:00:00+14:00, which is before 0001-01-01T00:00:00Z or after 9999-12-31T23:59:59Z in UTC")]
    [InlineData(35, "    publishedDateTime: 9999-12-31T23:00:00-02:00", 35, 24, "related[0].publishedDateTime", "'related[0].publishedDateTime' is 9999-12-31T23:00:00-02:00, which is before")]
    public void A_value_no_engine_can_store_as_given_fails_the_file_with_its_place(
        int lineToEdit, string text, int line, int column, string? field, string message)
    {
        var error = Read(BadFiles.SeedWith((lineToEdit, text))).Errors.Should().ContainSingle().Subject;

        error.Should().BeEquivalentTo(new { Line = line, Column = column, Field = field }, $"the error was: {error.Message}");
        error.Message.Should().StartWith(message);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z")]
    [InlineData("0001-01-01T14:00:00+14:00", "0001-01-01T00:00:00.0000000Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999990Z")]
    [InlineData("9999-12-31T20:00:00-03:59", "9999-12-31T23:59:00.0000000Z")]
    public void Instants_within_years_1_to_9999_in_UTC_are_kept_to_the_microsecond_both_engines_store(string text, string expected)
    {
        var result = Read(BadFiles.SeedWith((5, $"publishedDateTime: {text}")));

        result.Errors.Should().BeEmpty();
        result.Document!.PublishedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData("Import:MaxTopics", "topics", 24, 3)]
    [InlineData("Import:MaxImages", "images", 27, 3)]
    [InlineData("Import:MaxProviderLogos", "provider.images", 19, 5)]
    [InlineData("Import:MaxRelated", "related", 33, 3)]
    [InlineData("Import:MaxRelatedImages", "related[0].images", 45, 7)]
    public void A_list_longer_than_its_cap_fails_the_file_naming_the_field_the_count_and_the_setting(
        string setting, string field, int line, int column)
    {
        var options = setting switch
        {
            "Import:MaxTopics" => new ReaderOptions { MaxTopics = 0 },
            "Import:MaxImages" => new ReaderOptions { MaxImages = 0 },
            "Import:MaxProviderLogos" => new ReaderOptions { MaxProviderLogos = 0 },
            "Import:MaxRelated" => new ReaderOptions { MaxRelated = 2 },
            _ => new ReaderOptions { MaxRelatedImages = 0 },
        };
        var count = field == "related" ? BadFiles.Seed.Split("\n  - title: ").Length - 1 : 1;

        var errors = Read(BadFiles.Seed, options).Errors;

        errors.Should().OnlyContain(e => e.Message.EndsWith($" set by {setting}.", StringComparison.Ordinal), "each related item's images are capped alike");
        errors[0].Should().BeEquivalentTo(new
        {
            Line = line, Column = column, Field = field,
            Message = $"'{field}' has {count} {(count == 1 ? "entry" : "entries")}, more than the limit of {(field == "related" ? 2 : 0)} set by {setting}.",
        });
    }

    [Fact]
    public void The_default_caps_read_the_seed_whole() =>
        Read(BadFiles.Seed).Document!.Related.Count.Should().BeGreaterThan(2);

    [Fact]
    public void Optional_urls_that_are_not_http_or_https_are_dropped_with_a_warning_and_the_article_kept()
    {
        var result = Read(BadFiles.SeedWith(
            (8, "ampWebUrl: \"javascript:alert(1)\""),
            (9, "cdnAmpWebUrl: \"data:text/html,<script>alert(1)</script>\""),
            (19, "    - url: \"javascript:alert(1)\""),
            (27, "  - url: \"ftp://images.wsj.net/im-449875/social\""),
            (36, "    webUrl: \"javascript:alert(1)\""),
            (37, "    ampWebUrl: \"vbscript:msgbox(1)\""),
            (38, "    cdnAmpWebUrl: \"/relative/path\""),
            (45, "      - url: \"JavaScript:alert(1)\"")));

        result.Errors.Should().BeEmpty();
        var document = result.Document!;
        document.Should().BeEquivalentTo(new { AmpWebUrl = (string?)null, CdnAmpWebUrl = (string?)null, Images = Array.Empty<ImageRef>() });
        document.Provider!.Images.Should().BeEmpty();
        document.Related[0].Should().BeEquivalentTo(new
        {
            WebUrl = (string?)null, AmpWebUrl = (string?)null, CdnAmpWebUrl = (string?)null, Images = Array.Empty<ImageRef>(),
        });
        document.Related[0].Title.Should().StartWith("U.S. to Bar Investment");
        document.WebUrl.Should().StartWith("https://www.wsj.com/articles/");
        result.Warnings.Select(w => (w.Line, w.Column, w.Field)).Should().Equal(
            (8, 12, "ampWebUrl"), (9, 15, "cdnAmpWebUrl"), (19, 12, "provider.images[0].url"), (27, 10, "images[0].url"),
            (36, 13, "related[0].webUrl"), (37, 16, "related[0].ampWebUrl"), (38, 19, "related[0].cdnAmpWebUrl"),
            (45, 14, "related[0].images[0].url"));
        result.Warnings[0].Message.Should().Be("'ampWebUrl' is not an http or https URL ('javascript:alert(1)'): it is left out.");
        result.Warnings[2].Message.Should().Be("'provider.images[0].url' is not an http or https URL ('javascript:alert(1)'): the image is left out.");
    }

    [Fact]
    public void An_image_left_out_takes_its_unknown_keys_along_and_the_next_image_keeps_its_own()
    {
        var result = Read(BadFiles.SeedWith(
            (27, "  - url: \"javascript:alert(1)\"\n    mood: dropped"),
            (31, "  - url: \"https://images.wsj.net/second\"\n    mood: kept\n")));

        result.Errors.Should().BeEmpty();
        result.Document!.Images.Should().ContainSingle().Which.Url.Should().Be("https://images.wsj.net/second");
        result.Document.Extra.Should().Be("""{"images[0].mood":"kept"}""");
    }

    private static ReadResult Read(string text, ReaderOptions? options = null) =>
        ArticleFileReader.Read(Encoding.UTF8.GetBytes(text), options);
}
