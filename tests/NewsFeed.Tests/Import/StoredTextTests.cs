using Microsoft.EntityFrameworkCore;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>
/// Text reaches the database as written, whatever it holds of what PostgreSQL's COPY text format escapes (tabs, line
/// breaks, backslashes, the <c>\N</c> that means null there): in a title, a related item, an unknown key and the body.
/// </summary>
public sealed class StoredTextTests
{
    private const string Awkward = "tab\there, CR\rLF\nCRLF\r\n, back\\slash, \\N, \\\\N, \\t, end\\";

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Tabs_line_breaks_and_backslashes_are_stored_as_written(Engine engine)
    {
        var quoted = Awkward.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        var seed = await File.ReadAllTextAsync(RepoPaths.SeedFile);
        var title = seed.IndexOf("\ntitle: ", StringComparison.Ordinal) + 1;
        var related = seed.IndexOf("  - title: ", seed.IndexOf("\nrelated:\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var text = string.Concat(
            seed[..title], $"title: \"{quoted}\"\nmood: \"{quoted}\"", seed[seed.IndexOf('\n', title)..related],
            $"  - title: \"{quoted}\"", seed[seed.IndexOf('\n', related)..].TrimEnd('\n'), "\n", Awkward);
        var folder = Corpus.NewScratchFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "awkward.md"), text);
        var document = ArticleFileReader.Read(File.ReadAllBytes(Path.Combine(folder, "awkward.md"))).Document!;
        document.Title.Should().Be(Awkward, "the test's YAML says what it means");
        await using var app = await NewsFeedApp.StartAsync(engine);

        (await app.ImportAsync(folder)).Created.Should().Be(1);

        await using var db = app.CreateDbContext();
        var stored = await db.Articles.AsNoTracking().Include(a => a.Related).SingleAsync(a => a.Title == Awkward);
        stored.Body.Should().EndWith(Awkward);
        stored.Body.Should().Be(document.Body);
        stored.Extra.Should().Be(document.Extra).And.Contain("mood");
        stored.Related.Single(r => r.Position == 0).Title.Should().Be(Awkward);
    }
}
