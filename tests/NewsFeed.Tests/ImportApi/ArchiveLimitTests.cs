using System.Net;
using System.Text.Json;
using NewsFeed.Import;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// Archive limits count every byte the reader has to unpack, including entries it skips or cuts short, and a report
/// lists a bounded number of entries per kind, so a small hostile archive can neither run long nor leave a huge report.
/// </summary>
public abstract class ArchiveLimitTests<TEngine> where TEngine : IEngineKind
{
    private const long Limit = 16 * 1024 * 1024;

    [Theory]
    [InlineData("big.bin")]
    [InlineData("huge.md")]
    public async Task An_entry_unpacking_past_the_limit_is_refused_even_when_it_is_skipped_or_too_large_to_import(string name)
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:MaxUnpackedBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        // 64 MiB of zeros pack to under 100 KB: only the limit can stop this.
        var archive = TestFiles.TarGz(TestFiles.TarFile("good.md", TestFiles.Article("good")), TestFiles.TarZeros(name, 4 * Limit));
        archive.Length.Should().BeLessThan(1_000_000);

        var problem = await ImportApiHost.ProblemOf(await host.UploadAsync("", ("bomb.tar.gz", archive)), HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString().Should().Contain(Limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        (await host.SnapshotAsync()).Should().BeEmpty();
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_lists_at_most_the_configured_entries_per_kind_and_counts_the_rest()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:MaxReportEntries"] = "5" });
        var skipped = Enumerable.Range(0, 20).Select(i => TestFiles.TarFile($"assets/{i:D2}.bin", [1, 2, 3]));
        var bad = Enumerable.Range(0, 8).Select(i => TestFiles.TarFile($"bad/{i}.md", TestFiles.BadUrl()));
        var archive = TestFiles.TarGz([TestFiles.TarFile("good.md", TestFiles.Article("good")), .. skipped, .. bad]);

        var job = await host.WaitForJobAsync((await ImportApiHost.JobOf(await host.UploadAsync("?mode=async", ("mixed.tar.gz", archive)))).Id);

        var report = job.Report!;
        report.Should().BeEquivalentTo(new { Files = 29, Created = 1, Skipped = 20, Failed = 8, WarningsNotListed = 15, ErrorsNotListed = 3 });
        report.Warnings.Should().HaveCount(5).And.OnlyContain(w => w.File.StartsWith("assets/", StringComparison.Ordinal));
        report.Errors.Should().HaveCount(5).And.OnlyContain(e => e.File.StartsWith("bad/", StringComparison.Ordinal));
        await using var db = host.App.CreateDbContext();
        var stored = JsonSerializer.Deserialize<ImportReport>(db.ImportJobs.Single(j => j.Id == job.Id).Report!, ImportApiHost.Json)!;
        stored.Warnings.Should().HaveCount(5);
        stored.Errors.Should().HaveCount(5);
    }
}

public sealed class SqliteArchiveLimitTests : ArchiveLimitTests<OnSqlite>;

public sealed class PostgresArchiveLimitTests : ArchiveLimitTests<OnPostgres>;
