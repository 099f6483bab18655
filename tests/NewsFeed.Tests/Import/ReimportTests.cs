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
}
