using System.Net;
using System.Text.Json;
using NewsFeed.Import;
using NewsFeed.Tests.Cli;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// The HTTP endpoint and the command line give the same report for the same files (the azure corpus, 4,958 files):
/// the full-corpus fixture uploads its archive (<see cref="FullCorpusFixture{TEngine}"/>), the command line imports
/// the folder here.
/// </summary>
public abstract class AzureReportTests<TEngine>(FullCorpusFixture<TEngine> corpus) where TEngine : IEngineKind
{
    [FullCorpusFact]
    public async Task The_azure_tar_gz_uploaded_reports_exactly_what_the_command_line_reports_for_the_folder()
    {
        var expected = await RunCommandLineAsync(FullCorpus.Azure);

        // 4,958 files are more than Import:AsyncAboveFiles (1,000 by default): the upload became a background job.
        corpus.AzureUpload.StatusCode.Should().Be(HttpStatusCode.Accepted, await corpus.AzureUpload.Content.ReadAsStringAsync());
        expected.Should().BeEquivalentTo(new { Files = 4958, Created = 4944, Updated = 3, Unchanged = 0, Superseded = 11, Failed = 0 });
        corpus.AzureJob!.Status.Should().Be("succeeded");
        corpus.AzureJob.Report.Should().BeEquivalentTo(expected, o => o.Excluding(r => r.ImportId).Excluding(r => r.DurationMs).WithStrictOrdering());
        corpus.Host.StagingShouldBeEmpty();
    }

    /// <summary>Runs the real command line (the built app, as an operator would) on a database of its own.</summary>
    private static async Task<ImportReport> RunCommandLineAsync(string folder)
    {
        var result = await CliRunner.RunAsync(await Engines.NewDatabaseAsync(TEngine.Engine), "import", folder, "--json");
        result.ExitCode.Should().Be(0, result.Stderr);
        return JsonSerializer.Deserialize<ImportReport>(result.Stdout, ImportApiHost.Json)!;
    }
}

[Collection(SqliteFullCorpus.Name)]
public sealed class SqliteAzureReportTests(FullCorpusFixture<OnSqlite> corpus) : AzureReportTests<OnSqlite>(corpus);

[Collection(PostgresFullCorpus.Name)]
public sealed class PostgresAzureReportTests(FullCorpusFixture<OnPostgres> corpus) : AzureReportTests<OnPostgres>(corpus);
