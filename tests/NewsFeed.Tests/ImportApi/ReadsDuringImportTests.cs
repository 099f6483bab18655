using System.Net;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// Reads while an import writes: a few concurrent readers read the list endpoints from before the import starts until it
/// has ended (a bounded number of requests at most), and not one read fails. The heavier version, to run by hand, is
/// bench/load/run.sh.
/// </summary>
public abstract class ReadsDuringImportTests<TEngine> where TEngine : IEngineKind
{
    private const int Readers = 4;
    private const int MaxRequestsPerReader = 3000;

    private static readonly string[] Paths =
    [
        "/articles", "/articles?pageSize=5&sort=-quality", "/articles?q=azure", "/articles?topic=Azure&facets=topic",
        "/topics", "/providers", "/providers?q=micro",
    ];

    [Fact]
    public async Task Concurrent_reads_during_a_running_import_all_succeed()
    {
        var gate = ImportGate.Create();
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, gate.Settings());
        using var importEnded = new CancellationTokenSource();
        // Started before the import and stopped after it: the reads cover the whole import, however fast it runs.
        var readers = Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            using var client = host.App.CreateClient();
            var failures = new List<string>();
            var requests = 0;
            for (; requests < MaxRequestsPerReader && !importEnded.IsCancellationRequested; requests++)
            {
                var path = Paths[(reader + requests) % Paths.Length];
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                    failures.Add($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            return (Failures: failures, Requests: requests);
        })).ToList();

        var job = await ImportApiHost.JobOf(await host.ImportServerPathAsync("azure", "?mode=async"));
        // The readers go on while the import has committed batches and waits at its gate, then while it finishes.
        await host.WaitForJobAsync(job.Id, j => j.Progress.FilesDone > 0);
        gate.Open();
        var ended = await host.WaitForJobAsync(job.Id);
        await importEnded.CancelAsync();
        var answers = await Task.WhenAll(readers);

        answers.SelectMany(a => a.Failures).Should().BeEmpty("no read may fail while an import writes");
        answers.Should().OnlyContain(a => a.Requests < MaxRequestsPerReader, "every reader must still be reading when the import ends");
        ended.Should().BeEquivalentTo(new { Status = "succeeded", Report = new { Failed = 0 } });
        ended.Report!.Created.Should().BePositive();
    }
}

public sealed class SqliteReadsDuringImportTests : ReadsDuringImportTests<OnSqlite>;

public sealed class PostgresReadsDuringImportTests : ReadsDuringImportTests<OnPostgres>;
