using Microsoft.EntityFrameworkCore;
using NewsFeed.Data;
using NewsFeed.Tests.Cli;
using NewsFeed.Tests.ImportApi;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Faults;

/// <summary>
/// PostgreSQL restarted in the middle of an import, from the command line and as a background job: the import ends
/// failed and says why, no article is stored in part, and importing the same files again gives exactly what an
/// uninterrupted import gives.
/// </summary>
public sealed class PostgresRestartTests(FaultCluster cluster) : IClassFixture<FaultCluster>
{
    /// <summary>Small batches, so the import is still writing when the server goes down.</summary>
    private const string SmallBatches = "20";

    private static NewsFeedDbContext Open(DatabaseSettings database)
    {
        var options = new DbContextOptionsBuilder<NewsFeedDbContext>();
        DataServiceCollectionExtensions.Configure(options, database with { ConnectionString = RestartablePostgres.Unpooled(database.ConnectionString) });
        return new NewsFeedDbContext(options.Options);
    }

    private static async Task WaitForSomeArticlesAsync(DatabaseSettings database, Task stillRunning)
    {
        await using var db = Open(database);
        while (!stillRunning.IsCompleted)
        {
            // The schema appears with the first migration step; until then there is nothing to count.
            try
            {
                if (await db.Articles.AnyAsync()) return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
            }
            await Task.Delay(20);
        }
        throw new InvalidOperationException("The import ended before it stored anything: nothing was left to interrupt.");
    }

    private static async Task ShouldHoldWholeArticlesOnlyAsync(DatabaseSettings database, List<string> clean)
    {
        await using (var db = Open(database))
        {
            (await FaultCluster.PartialArticlesAsync(db)).Should().BeEmpty("a batch is stored whole or not at all");
            (await db.Articles.CountAsync()).Should().BePositive().And.BeLessThan(clean.Count(r => r.StartsWith("article ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_restart_during_a_command_line_import_exits_1_saying_why_and_a_second_run_finishes_it()
    {
        var clean = await cluster.CleanAzureAsync();
        var database = await cluster.Server.NewDatabaseAsync();

        var run = CliRunner.RunAsync(database, "import", Corpus.Azure, $"--Import:BatchSize={SmallBatches}");
        await WaitForSomeArticlesAsync(database, run);
        await cluster.Server.RestartAsync();
        var interrupted = await run;

        interrupted.ExitCode.Should().Be(1, interrupted.Stdout + interrupted.Stderr);
        interrupted.Stderr.Should().Contain("error: ").And.Contain("database")
            .And.Contain("import the same files again").And.NotContain("   at ");
        await ShouldHoldWholeArticlesOnlyAsync(database, clean);

        var again = await CliRunner.RunAsync(database, "import", Corpus.Azure);
        again.ExitCode.Should().BeOneOf([0, 2], again.Stderr);
        await using var after = Open(database);
        (await DatabaseSnapshot.TakeAsync(after)).ShouldEqualSnapshot(clean);
    }

    [Fact]
    public async Task A_restart_during_a_background_job_ends_it_failed_with_the_reason_and_a_new_job_finishes_it()
    {
        var clean = await cluster.CleanAzureAsync();
        var settings = new Dictionary<string, string?> { ["Import:Root"] = Path.GetDirectoryName(Corpus.Azure), ["Import:BatchSize"] = SmallBatches };
        await using var host = await ImportApiHost.StartAsync(Engine.Postgres, await cluster.Server.NewDatabaseAsync(), settings);
        var started = await host.ImportServerPathAsync("azure", "?mode=async");
        var job = await ImportApiHost.JobOf(started);

        await host.WaitForJobAsync(job.Id, j => j.Progress.FilesDone > 0);
        await cluster.Server.RestartAsync();
        var ended = await host.WaitForJobAsync(job.Id, timeoutSeconds: 120);

        ended.Status.Should().Be("failed");
        ended.Message.Should().Contain("stopped on an error").And.Contain("import the same files again");
        ended.Progress.FilesDone.Should().BePositive();
        await ShouldHoldWholeArticlesOnlyAsync(host.App.Database, clean);

        var again = await host.WaitForJobAsync((await ImportApiHost.JobOf(await host.ImportServerPathAsync("azure", "?mode=async"))).Id);
        again.Status.Should().Be("succeeded", again.Message);
        await using var after = Open(host.App.Database);
        (await DatabaseSnapshot.TakeAsync(after)).ShouldEqualSnapshot(clean);
    }
}
