using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>Re-importing unchanged input changes nothing, whatever folders it spans and however they are split into batches.</summary>
public sealed class ReimportTests
{
    /// <summary>
    /// One URL is in both corpora with the same <c>publishedDateTime</c>: which of its two files is stored must not
    /// depend on which batch the stored one's file falls in on the next run.
    /// </summary>
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Reimporting_seed_azure_and_powerapps_together_reports_nothing_created_or_updated(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        string[] paths = [RepoPaths.SeedFile, Corpus.Azure, Corpus.PowerApps];
        var first = await app.ImportAsync(paths);
        var stored = await ImportTestFiles.SnapshotAsync(app);

        var again = await app.ImportAsync(paths);

        first.Failed.Should().Be(0);
        // Each article's file is unchanged; each file that lost to a newer version of its URL is superseded again.
        again.Should().BeEquivalentTo(new { Files = first.Files, Created = 0, Updated = 0, Unchanged = first.Created, Superseded = first.Files - first.Created, Failed = 0 });
        again.Superseded.Should().BePositive("the test corpus repeats some URLs");
        (await ImportTestFiles.SnapshotAsync(app)).ShouldEqualSnapshot(stored);
    }

    /// <summary>
    /// The same content again changes nothing, so nothing may move what clients sync and revalidate by: the ETag (the
    /// data version) and every change number. The corpus is imported again, and so is its own export: the same articles
    /// in other bytes, so each file is read again and names its provider with the same date as the stored one. A tie
    /// with the stored logos must not count as news when they are the same logos.
    /// </summary>
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Reimporting_the_same_content_moves_neither_the_etag_nor_any_change_number(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        string[] paths = [RepoPaths.SeedFile, Corpus.Azure, Corpus.PowerApps];
        await app.ImportAsync(paths);
        var export = await Export.ExportArchives.ExportAsync(app);
        var client = app.CreateClient();
        var etag = await EtagAsync(client);
        etag.Should().NotBeNull();
        var before = await ChangeNumbersAsync(app);

        var again = await app.ImportAsync([.. paths, export]);

        again.Should().BeEquivalentTo(new { Created = 0, Updated = 0, Failed = 0 });
        (await ChangeNumbersAsync(app)).Should().Equal(before);
        (await EtagAsync(client)).Should().Be(etag, "nothing changed, so the data version behind the ETag stays");
    }

    private static async Task<string?> EtagAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/providers");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag?.Tag;
    }

    private static async Task<List<string>> ChangeNumbersAsync(NewsFeedApp app)
    {
        await using var db = app.CreateDbContext();
        var providers = await db.Providers.OrderBy(p => p.Domain).Select(p => $"provider {p.Domain}: {p.ChangeNumber}").ToListAsync();
        var articles = await db.Articles.OrderBy(a => a.Id).Select(a => $"article {a.Id}: {a.ChangeNumber}").ToListAsync();
        return [.. providers, .. articles];
    }
}
