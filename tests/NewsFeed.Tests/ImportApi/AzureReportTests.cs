using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsFeed.Api.Contracts;
using NewsFeed.Import;
using NewsFeed.Tests.Cli;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>The HTTP endpoint and the command line give the same report for the same files (the azure corpus, 4,958 files).</summary>
public abstract class AzureReportTests<TEngine> where TEngine : IEngineKind
{
    [FullCorpusFact]
    public async Task The_azure_tar_gz_uploaded_reports_exactly_what_the_command_line_reports_for_the_folder()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var cli = Task.Run(() => RunCommandLineAsync(FullCorpus.Azure));

        // 4,958 files are more than Import:AsyncAboveFiles (1,000 by default): the upload becomes a background job.
        var response = await host.UploadFilesAsync("", FullCorpus.AzureArchive);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var job = (await response.Content.ReadFromJsonAsync<ImportJobResponse>(ImportApiHost.Json))!;
        var finished = await host.WaitForJobAsync(job.Id, timeoutSeconds: 600);

        var expected = await cli;
        expected.Should().BeEquivalentTo(new { Files = 4958, Created = 4944, Updated = 3, Unchanged = 0, Superseded = 11, Failed = 0 });
        finished.Status.Should().Be("succeeded");
        finished.Report.Should().BeEquivalentTo(expected, o => o.Excluding(r => r.ImportId).Excluding(r => r.DurationMs).WithStrictOrdering());
        host.StagingShouldBeEmpty();
    }

    /// <summary>Runs the real command line (the built app, as an operator would) on a database of its own.</summary>
    private static async Task<ImportReport> RunCommandLineAsync(string folder)
    {
        var result = await CliRunner.RunAsync(await Engines.NewDatabaseAsync(TEngine.Engine), "import", folder, "--json");
        result.ExitCode.Should().Be(0, result.Stderr);
        return JsonSerializer.Deserialize<ImportReport>(result.Stdout, ImportApiHost.Json)!;
    }
}

public sealed class SqliteAzureReportTests : AzureReportTests<OnSqlite>;

public sealed class PostgresAzureReportTests : AzureReportTests<OnPostgres>;
