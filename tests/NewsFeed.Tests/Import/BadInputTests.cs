using System.Text;
using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.ReadApi;

namespace NewsFeed.Tests.Import;

/// <summary>
/// Each kind of bad file fails with a message an ops person can act on, located by file, line, column and field, and
/// changes nothing: each bad file below is a damaged copy of the stored seed article (same URL).
/// </summary>
public abstract class BadInputTests<TEngine>(SeededAppFixture<TEngine> fixture) : IClassFixture<SeededAppFixture<TEngine>>
    where TEngine : IEngineKind
{
    [Theory]
    [MemberData(nameof(BadFiles.Names), MemberType = typeof(BadFiles))]
    public async Task A_bad_file_fails_with_its_location_and_changes_nothing(string name)
    {
        var (content, line, column, field, message) = BadFiles.Cases[name];
        var folder = Corpus.NewScratchFolder();
        var path = Path.Combine(folder, $"{name}.md");
        await File.WriteAllBytesAsync(path, content);
        await using var before = fixture.App.CreateDbContext();
        var snapshot = await DatabaseSnapshot.TakeAsync(before);

        var report = await fixture.App.ImportAsync(path);

        report.Should().BeEquivalentTo(new { Files = 1, Failed = 1, Created = 0, Updated = 0, Unchanged = 0, Status = "failed" });
        var error = report.Errors.Should().ContainSingle().Subject;
        error.File.Should().Be($"{name}.md");
        error.Message.Should().StartWith(message);
        error.Line.Should().Be(line);
        error.Column.Should().Be(column);
        error.Field.Should().Be(field);
        await using var after = fixture.App.CreateDbContext();
        (await DatabaseSnapshot.TakeAsync(after)).Should().Equal(snapshot);
    }

    [Fact]
    public async Task A_repeated_key_keeps_the_last_value_with_a_warning()
    {
        var folder = Corpus.NewScratchFolder();
        var path = Path.Combine(folder, "repeated.md");
        await File.WriteAllTextAsync(path, BadFiles.Seed.Replace("published: false\n", "published: false\nremoved: true\nremoved: true\n", StringComparison.Ordinal));

        var report = await fixture.App.ImportAsync(path);

        report.Should().BeEquivalentTo(new { Failed = 0, Updated = 1 });
        report.Warnings.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            File = "repeated.md", Line = 15, Column = 1, Field = "removed",
            Message = "The key 'removed' appears more than once (first on line 14); the last value is used.",
        });
        await using var db = fixture.App.CreateDbContext();
        db.Articles.Single(a => a.SourcePath == "repeated.md").Removed.Should().BeTrue();
        // Put the seed back as it was for the other tests of this class.
        (await fixture.App.ImportAsync(RepoPaths.SeedFile)).Updated.Should().Be(1);
    }

    [Fact]
    public async Task Urls_that_are_not_http_or_https_are_dropped_with_a_warning_and_never_served()
    {
        var path = Path.Combine(Corpus.NewScratchFolder(), "javascript.md");
        await File.WriteAllTextAsync(path, BadFiles.SeedWith(
            (8, "ampWebUrl: \"javascript:alert(1)\""),
            (9, "cdnAmpWebUrl: \"javascript:alert(2)\""),
            (19, "    - url: \"javascript:alert(3)\""),
            (27, "  - url: \"javascript:alert(4)\""),
            (36, "    webUrl: \"javascript:alert(5)\""),
            (37, "    ampWebUrl: \"javascript:alert(6)\""),
            (38, "    cdnAmpWebUrl: \"javascript:alert(7)\""),
            (45, "      - url: \"javascript:alert(8)\"")));

        var report = await fixture.App.ImportAsync(path);

        report.Should().BeEquivalentTo(new { Failed = 0, Updated = 1 });
        report.Warnings.Select(w => (w.File, w.Line, w.Field)).Should().Equal(
            ("javascript.md", 8, "ampWebUrl"), ("javascript.md", 9, "cdnAmpWebUrl"), ("javascript.md", 19, "provider.images[0].url"),
            ("javascript.md", 27, "images[0].url"), ("javascript.md", 36, "related[0].webUrl"), ("javascript.md", 37, "related[0].ampWebUrl"),
            ("javascript.md", 38, "related[0].cdnAmpWebUrl"), ("javascript.md", 45, "related[0].images[0].url"));
        await using (var db = fixture.App.CreateDbContext())
        {
            var id = db.Articles.Single(a => a.SourcePath == "javascript.md").Id;
            using var client = fixture.App.CreateClient();
            foreach (var url in new[] { $"/articles/{id}", $"/articles/{id}/related", "/articles", "/feeds/rss", "/feeds/atom", "/feeds/json" })
                (await client.GetStringAsync(new Uri(url, UriKind.Relative))).Should().NotContainEquivalentOf("javascript:", $"GET {url} serves no script URL");
        }
        // Put the seed back as it was for the other tests of this class.
        (await fixture.App.ImportAsync(RepoPaths.SeedFile)).Updated.Should().Be(1);
    }

    /// <summary>
    /// Npgsql writes DateTime.MinValue and MaxValue as -infinity and infinity; the reader keeps instants to the
    /// microsecond (all PostgreSQL stores), so the last instant is never MaxValue, and the first reads back as written.
    /// </summary>
    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T14:00:00+14:00", "0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.999999Z")]
    public async Task The_first_and_last_instants_import_and_read_back_as_written(string written, string served)
    {
        var name = $"edge-{written[..4]}-{written[11..13]}";
        var path = Path.Combine(Corpus.NewScratchFolder(), $"{name}.md");
        await File.WriteAllTextAsync(path, BadFiles.SeedWith(
            (5, $"publishedDateTime: {written}"),
            (6, $"originalUrl: \"https://example.com/{name}\""),
            (7, $"webUrl: \"https://example.com/{name}\"")));

        var report = await fixture.App.ImportAsync(path);

        report.Should().BeEquivalentTo(new { Failed = 0, Created = 1 });
        await using var db = fixture.App.CreateDbContext();
        var id = db.Articles.Single(a => a.SourcePath == $"{name}.md").Id;
        using var client = fixture.App.CreateClient();
        (await client.GetJsonAsync($"/articles/{id}")).GetProperty("publishedDateTime").GetString().Should().Be(served);
        if (served.StartsWith("0001", StringComparison.Ordinal))
        {
            // On PostgreSQL this instant is stored as -infinity (Npgsql's mapping of DateTime.MinValue): a filter on its day still finds it.
            var listed = await client.GetJsonAsync("/articles?from=0001-01-01&to=0001-01-01&fields=id");
            listed.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).Should().Contain(id);
        }
    }

    [Fact]
    public async Task Good_files_import_beside_bad_ones()
    {
        var folder = Corpus.NewScratchFolder();
        Directory.CreateDirectory(Path.Combine(folder, "mixed", "deeper"));
        File.Copy(Path.Combine(Corpus.PowerApps, "2019-10-29-ai-builder-2019-release-wave-2-overview.md"),
            Path.Combine(folder, "mixed", "deeper", "good.markdown"));
        await File.WriteAllTextAsync(Path.Combine(folder, "mixed", "bad.md"), "---\ntitle: x\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "mixed", "notes.json"), "{}");

        var report = await fixture.App.ImportAsync(Path.Combine(folder, "mixed"));

        report.Should().BeEquivalentTo(new { Files = 3, Created = 1, Failed = 1, Skipped = 1, Status = "completedWithErrors" });
        report.Errors.Single().File.Should().Be("mixed/bad.md");
        report.Warnings.Single().Should().BeEquivalentTo(new { File = "mixed/notes.json" });
    }
}

public sealed class SqliteBadInputTests(SeededAppFixture<OnSqlite> fixture) : BadInputTests<OnSqlite>(fixture);

public sealed class PostgresBadInputTests(SeededAppFixture<OnPostgres> fixture) : BadInputTests<OnPostgres>(fixture);

/// <summary>A bad file's bytes and where and how its import must fail: line, column, field and the message's start.</summary>
public sealed record BadFile(byte[] Content, int? Line, int? Column, string? Field, string Message);

/// <summary>Damaged copies of the seed and other bad files, by name.</summary>
public static class BadFiles
{
    public static readonly string Seed = File.ReadAllText(RepoPaths.SeedFile);

    /// <summary>
    /// The theory's data is the names only: xunit serializes theory data when it discovers the tests, an array element
    /// by element, and the bytes themselves (the 1 MB "too-large" file among them) made discovery take 8 s.
    /// </summary>
    public static TheoryData<string> Names() => new(Cases.Keys);

    public static readonly Table Cases = new()
    {
        { "empty", [], null, null, null, "The file is empty." },
        { "blank", "\n\n  \n"u8.ToArray(), null, null, null, "The file is empty." },
        { "binary", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], 3, 1, null, "The file is binary, not text: it contains a NUL byte." },
        { "latin1", [.. Encoding.UTF8.GetBytes("---\ntitle: \"Caf"), 0xE9, .. Encoding.UTF8.GetBytes("\"\n---\n")], 2, 12, null, "The file is not valid UTF-8 text: save it as UTF-8." },
        { "no-front-matter", Utf8("# Just Markdown\n\nNo front matter here.\n"), 1, 1, null, "No front matter: the first line must be '---', found '# Just Markdown'." },
        { "unclosed", Utf8(Seed[..Seed.LastIndexOf("---", StringComparison.Ordinal)]), 151, 1, null, "The front matter opened by '---' on line 1 is never closed: add a line '---' after it." },
        { "invalid-yaml", Utf8(Seed.Replace("type: article\nquality: 87", "type: [article\nquality: 87", StringComparison.Ordinal)), 10, 7, null, "Invalid YAML: malformed content after line 10" },
        { "unterminated-quote", Utf8(Seed.Replace("type: article\nquality: 87", "type: \"article\nquality: 87", StringComparison.Ordinal)), 10, 7, null, "Invalid YAML:" },
        { "wrong-type", Utf8(Seed.Replace("quality: 87\nheat", "quality: high\nheat", StringComparison.Ordinal)), 11, 10, "quality", "'quality' must be a whole number, found 'high'." },
        { "bad-date", Utf8(Seed.Replace("publishedDateTime: 2021-12-10T14:30:00Z", "publishedDateTime: last tuesday", StringComparison.Ordinal)), 5, 20, "publishedDateTime", "'publishedDateTime' must be a date or date-time such as 2021-12-10T14:30:00Z, found 'last tuesday'." },
        { "bad-related-date", Utf8(Seed.Replace("publishedDateTime: 2021-12-09T22:33:00Z", "publishedDateTime: 2021-13-45", StringComparison.Ordinal)), 35, 24, "related[0].publishedDateTime", "'related[0].publishedDateTime' must be a date or date-time" },
        { "no-title", Utf8(Seed.Replace("title: \"Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban\"\n", "", StringComparison.Ordinal)), 2, 1, "title", "The required field 'title' is missing or empty." },
        { "no-url", Utf8(RemoveLines(Seed, "originalUrl:", "webUrl:")), 2, 1, "webUrl", "The article needs a 'webUrl' or an 'originalUrl': its URL is what identifies it." },
        { "relative-url", Utf8(Seed.Replace("webUrl: \"https://www.wsj.com/articles/chinese", "webUrl: \"/articles/chinese", StringComparison.Ordinal)), 7, 9, "webUrl", "'webUrl' must be an absolute http or https URL" },
        { "not-a-mapping", Utf8("---\n- just\n- a list\n---\n"), 2, 1, null, "The front matter must be 'key: value' lines (a YAML mapping); it holds none." },
        { "alias", Utf8("---\ntitle: &t \"Laughs\"\nexcerpt: *t\n---\n"), 2, 8, "title", "YAML anchors (&name) are not accepted in front matter." },
        { "billion-laughs", Utf8("---\na: &a [\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\nd: [*c,*c,*c]\n---\n"), 2, 4, "a", "YAML anchors (&name) are not accepted in front matter." },
        { "merge-key", Utf8("---\nprovider:\n  <<: {name: x}\n---\n"), 3, 3, "provider", "YAML merge keys (<<) are not accepted in front matter." },
        { "too-deep", Utf8("---\nx: " + new string('[', 40) + new string(']', 40) + "\n---\n"), 2, 19, "x" + string.Concat(Enumerable.Repeat("[0]", 15)), "The front matter is nested more than 16 levels deep." },
        // Block style, as the fast parser reads it: sixteen nested mappings, so the value of the last is the 17th level.
        { "too-deep-block", Utf8("---\n" + string.Concat(Enumerable.Range(1, 16).Select(i => $"{new string(' ', i - 1)}a{i}:" + (i < 16 ? "\n" : " x\n"))) + "---\n"),
            17, 21, string.Join('.', Enumerable.Range(1, 16).Select(i => $"a{i}")), "The front matter is nested more than 16 levels deep." },
        { "nul-title", Utf8(SeedWith((3, "title: \"\\0Chinese AI\""))), 3, 8, "title", "'title' holds a NUL character (\\0), which the database cannot store." },
        { "nul-unknown-key", Utf8(Seed.Replace("published: false\n", "published: false\nmood: \"calm\\0\"\n", StringComparison.Ordinal)), 14, 7, "mood", "'mood' holds a NUL character (\\0)" },
        { "lone-surrogate", Utf8(Seed.Replace("  - title: \"U.S. to Bar", "  - title: \"\\uDC00U.S. to Bar", StringComparison.Ordinal)), 33, 12, null, "Invalid YAML: While scanning a quoted scalar, found invalid Unicode surrogates." },
        { "quality-out-of-range", Utf8(Seed.Replace("quality: 87\nheat", "quality: 2147483648\nheat", StringComparison.Ordinal)), 11, 10, "quality", "'quality' is 2147483648, outside the whole numbers the database stores" },
        { "date-before-year-1", Utf8(Seed.Replace("publishedDateTime: 2021-12-10T14:30:00Z", "publishedDateTime: 0001-01-01T00:00:00+14:00", StringComparison.Ordinal)), 5, 20, "publishedDateTime", "'publishedDateTime' is 0001-01-01T00:00:00+14:00, which is before 0001-01-01T00:00:00Z" },
        { "too-many-topics", Utf8(Seed.Replace("topics:\n  - AI\n", "topics:\n" + string.Concat(Enumerable.Range(1, 1_001).Select(i => $"  - Topic {i}\n")), StringComparison.Ordinal)), 24, 3, "topics", "'topics' has 1,001 entries, more than the limit of 1,000 set by Import:MaxTopics." },
        { "too-large", Utf8("---\ntitle: \"" + new string('a', 1024 * 1024 + 10) + "\"\n---\n"), 2, 1, null, "The front matter is 1,048,596 bytes, more than the limit of 1,048,576." },
    };

    /// <summary>The seed with whole lines replaced (1-based line numbers), so a test names exactly where its damage is.</summary>
    public static string SeedWith(params (int Line, string Text)[] changes)
    {
        var lines = Seed.Split('\n');
        foreach (var (line, text) in changes) lines[line - 1] = text;
        return string.Join('\n', lines);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The cases by name, written as rows: name, bytes, line, column, field, message.</summary>
    public sealed class Table : Dictionary<string, BadFile>
    {
        public void Add(string name, byte[] content, int? line, int? column, string? field, string message) =>
            Add(name, new BadFile(content, line, column, field, message));
    }

    private static string RemoveLines(string text, params string[] prefixes) =>
        string.Join('\n', text.Split('\n').Where(l => !prefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal))));
}
