using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Imports;
using NewsFeed.Data.Entities;
using NewsFeed.Import;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// A job never stays "running" once nothing runs it: not when its runner on this very instance is gone (the final
/// status write failed while the database blinked), and not when its instance died, whose committed progress still shows.
/// </summary>
public abstract class ImportJobEndTests<TEngine> where TEngine : IEngineKind
{
    /// <summary>What a job's row looks like after its runner saved progress for the last time, then vanished.</summary>
    private static async Task AddAbandonedJobAsync(ImportApiHost host, string id, string owner, DateTime heartbeatAt, int filesDone)
    {
        await using var db = host.App.CreateDbContext();
        db.ImportJobs.Add(new ImportJob
        {
            Id = id, Status = "running", Source = "azure", Owner = owner, CreatedAt = heartbeatAt.AddMinutes(-1),
            StartedAt = heartbeatAt.AddMinutes(-1), HeartbeatAt = heartbeatAt, FilesTotal = 4957, FilesDone = filesDone,
            Report = JsonSerializer.Serialize(new ImportProgress(filesDone, 4957, filesDone, 0, 250), ImportJobExecutor.Json),
        });
        await db.SaveChangesAsync();
    }

    private static string ThisInstance(ImportApiHost host) => host.App.Services.GetRequiredService<RunningImports>().InstanceId;

    [Fact]
    public async Task A_job_of_this_instance_that_nothing_runs_any_more_is_marked_failed_with_what_it_committed()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        await AddAbandonedJobAsync(host, "abandoned", ThisInstance(host), DateTime.UtcNow.AddMinutes(-1), filesDone: 1495);

        var job = await host.WaitForJobAsync("abandoned", timeoutSeconds: 30);

        job.Status.Should().Be("failed");
        job.Message.Should().Contain("stopped").And.Contain("import the same files again");
        job.Progress.FilesDone.Should().Be(1495);
    }

    [Fact]
    public async Task A_job_whose_instance_died_shows_the_files_it_had_committed()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:Jobs:StaleAfterSeconds"] = "1" });
        await AddAbandonedJobAsync(host, "crashed", "gone-host/123/abc", DateTime.UtcNow.AddMinutes(-4), filesDone: 1495);

        var job = await host.WaitForJobAsync("crashed", timeoutSeconds: 30);

        job.Status.Should().Be("failed");
        job.Message.Should().Contain("gone-host/123/abc");
        job.Progress.FilesDone.Should().Be(1495);
    }

    [Fact]
    public async Task Progress_is_saved_as_batches_commit_not_only_at_heartbeats()
    {
        // A heartbeat far away: any progress seen in the job row was saved because a batch committed.
        var gate = ImportGate.Create();
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, gate.Settings(("Import:Jobs:HeartbeatSeconds", "600")));
        var job = await ImportApiHost.JobOf(await host.ImportServerPathAsync("azure", "?mode=async"));

        var progressed = await host.WaitForJobAsync(job.Id, j => j.Progress.FilesDone > 0, timeoutSeconds: 120);
        await host.Client.DeleteAsync($"/imports/{job.Id}");
        gate.Open();
        await host.WaitForJobAsync(job.Id);

        progressed.Status.Should().Be("running");
        progressed.Progress.FilesDone.Should().BePositive();
        progressed.Progress.Imported.Should().BePositive();
    }

    [Fact]
    public async Task Cancelling_a_job_that_nothing_runs_cancels_it_at_once()
    {
        // A long heartbeat keeps the sweep away from the fresh row, so only DELETE can end it here.
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:Jobs:HeartbeatSeconds"] = "600" });
        await AddAbandonedJobAsync(host, "ours", ThisInstance(host), DateTime.UtcNow, filesDone: 20);

        var response = await host.Client.DeleteAsync("/imports/ours");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var job = (await response.Content.ReadFromJsonAsync<ImportJobResponse>(ImportApiHost.Json))!;
        job.Status.Should().Be("cancelled");
        job.Message.Should().Contain("Cancelled on request").And.Contain("stays committed");
        job.Progress.FilesDone.Should().Be(20);
        (await host.GetJobAsync("ours")).Status.Should().Be("cancelled");
    }

    [Fact]
    public async Task Cancelling_a_finished_job_is_a_409_saying_why()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var report = await ImportApiHost.ReportOf(await host.UploadAsync("?mode=sync", ("a.md", TestFiles.Article("a"))));

        var problem = await ImportApiHost.ProblemOf(await host.Client.DeleteAsync($"/imports/{report.ImportId}"), HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString().Should().Contain("succeeded");
    }
}

public sealed class SqliteImportJobEndTests : ImportJobEndTests<OnSqlite>;

public sealed class PostgresImportJobEndTests : ImportJobEndTests<OnPostgres>;
