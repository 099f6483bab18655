using System.Net;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// Reads while an import writes: a few concurrent readers, a bounded number of requests over the list endpoints,
/// not one error. The heavier version, to run by hand, is bench/load/run.sh.
/// </summary>
public abstract class ReadsDuringImportTests<TEngine> where TEngine : IEngineKind
{
    private const int Readers = 4;
    private const int RequestsPerReader = 30;

    private static readonly string[] Paths =
    [
        "/articles", "/articles?pageSize=5&sort=-quality", "/articles?q=azure", "/articles?topic=Azure&facets=topic",
        "/topics", "/providers", "/providers?q=micro",
    ];

    [Fact]
    public async Task Concurrent_reads_during_a_running_import_all_succeed()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, ImportApiHost.SlowAzureImport());
        var job = await ImportApiHost.JobOf(await host.ImportServerPathAsync("azure", "?mode=async"));
        // Seen running with batches committed just before the readers start: they overlap the import's writes, however
        // fast the machine gets through the rest of it.
        var during = await host.WaitForJobAsync(job.Id, j => j.Progress.FilesDone > 0);

        var answers = await Task.WhenAll(Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            using var client = host.App.CreateClient();
            var seen = new List<string>();
            for (var i = 0; i < RequestsPerReader; i++)
            {
                var path = Paths[(reader + i) % Paths.Length];
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                    seen.Add($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            return seen;
        })));
        await host.Client.DeleteAsync($"/imports/{job.Id}");
        var ended = await host.WaitForJobAsync(job.Id);

        answers.SelectMany(a => a).Should().BeEmpty("no read may fail while an import writes");
        during.Status.Should().Be("running", "the reads must start while the import writes");
        ended.Status.Should().BeOneOf("cancelled", "succeeded");
    }
}

public sealed class SqliteReadsDuringImportTests : ReadsDuringImportTests<OnSqlite>;

public sealed class PostgresReadsDuringImportTests : ReadsDuringImportTests<OnPostgres>;
