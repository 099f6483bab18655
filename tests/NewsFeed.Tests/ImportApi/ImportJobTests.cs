using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Api.Contracts;
using NewsFeed.Data.Entities;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>Background imports: 202 to the final report, cancelling, restarts, and several instances on one database.</summary>
public abstract class ImportJobTests<TEngine> where TEngine : IEngineKind
{
    private static async Task<ImportJobResponse> AcceptedAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var job = (await response.Content.ReadFromJsonAsync<ImportJobResponse>(ImportApiHost.Json))!;
        response.Headers.Location!.AbsolutePath.Should().Be($"/imports/{job.Id}");
        return job;
    }

    [Fact]
    public async Task A_background_job_goes_from_202_to_its_final_report()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:AsyncAboveFiles"] = "2" });
        var zip = TestFiles.Zip(("news/a.md", TestFiles.Article("a")), ("news/b.md", TestFiles.Article("b")), ("news/bad.md", TestFiles.BadUrl()));

        var asked = await AcceptedAsync(await host.UploadAsync("?mode=async", ("news.zip", zip)));
        var finished = await host.WaitForJobAsync(asked.Id);
        // Three files are more than Import:AsyncAboveFiles: a background job without asking.
        var automatic = await AcceptedAsync(await host.UploadAsync("?dryRun=true", ("news.zip", zip)));
        var dry = await host.WaitForJobAsync(automatic.Id);
        var forcedSync = await ImportApiHost.ReportOf(await host.UploadAsync("?mode=sync&dryRun=true", ("news.zip", zip)));

        asked.Should().BeEquivalentTo(new { Status = "queued", Source = "upload: news.zip", Progress = new { FilesTotal = 3 } });
        finished.Should().BeEquivalentTo(new { Status = "succeeded", Progress = new { FilesDone = 3, FilesTotal = 3, Imported = 2, Failed = 1 } });
        finished.Report!.Should().BeEquivalentTo(new { ImportId = asked.Id, Status = "completedWithErrors", Files = 3, Created = 2, Failed = 1 });
        finished.Report!.Errors.Should().ContainSingle(e => e.File == "news/bad.md" && e.Line == 3 && e.Field == "webUrl");
        dry.Report!.Should().BeEquivalentTo(new { DryRun = true, Files = 3, Unchanged = 2, Failed = 1 });
        forcedSync.Should().BeEquivalentTo(dry.Report, o => o.Excluding(r => r.ImportId).Excluding(r => r.DurationMs));
        await using var db = host.App.CreateDbContext();
        (await db.Articles.Select(a => a.ImportId).Distinct().SingleAsync()).Should().Be(asked.Id);
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_stops_a_running_job_keeping_what_it_committed_and_a_queued_one_before_it_starts()
    {
        var gate = ImportGate.Create();
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, gate.Settings());
        var running = await AcceptedAsync(await host.ImportServerPathAsync("azure", "?mode=async"));
        await host.WaitForJobAsync(running.Id, j => j.Progress.FilesDone > 0);
        // This instance runs one job at a time, so the next one waits in the queue.
        var queued = await AcceptedAsync(await host.UploadAsync("?mode=async", ("late.md", TestFiles.Article("late"))));

        var cancelQueued = await host.Client.DeleteAsync($"/imports/{queued.Id}");
        var cancelRunning = await host.Client.DeleteAsync($"/imports/{running.Id}");
        gate.Open();
        var stopped = await host.WaitForJobAsync(running.Id);
        var again = await host.Client.DeleteAsync($"/imports/{running.Id}");

        cancelQueued.StatusCode.Should().Be(HttpStatusCode.OK);
        (await cancelQueued.Content.ReadFromJsonAsync<ImportJobResponse>(ImportApiHost.Json))!.Status.Should().Be("cancelled");
        cancelRunning.StatusCode.Should().Be(HttpStatusCode.Accepted);
        stopped.Status.Should().Be("cancelled");
        stopped.Message.Should().Contain("Cancelled on request").And.Contain("stays written");
        stopped.Report!.Status.Should().Be("cancelled");
        stopped.Report.Files.Should().BePositive().And.BeLessThan(gate.Files);
        await ImportApiHost.ProblemOf(again, HttpStatusCode.Conflict);
        (await host.GetJobAsync(queued.Id)).Status.Should().Be("cancelled");
        await using var db = host.App.CreateDbContext();
        var stored = await db.Articles.CountAsync();
        stored.Should().BePositive().And.BeLessThanOrEqualTo(stopped.Report.Created);
        (await db.Articles.CountAsync(a => a.SourcePath == "late.md")).Should().Be(0);
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_atomic_job_leaves_nothing_written()
    {
        var gate = ImportGate.Create();
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, gate.Settings());
        var job = await AcceptedAsync(await host.ImportServerPathAsync("azure", "?mode=async&atomic=true"));
        // Running, and unable to finish before the gate opens (on SQLite the open transaction holds progress back).
        await host.WaitForJobAsync(job.Id, j => j.Status == "running");

        (await host.Client.DeleteAsync($"/imports/{job.Id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        gate.Open();
        var stopped = await host.WaitForJobAsync(job.Id);

        stopped.Should().BeEquivalentTo(new { Status = "cancelled", Atomic = true });
        stopped.Message.Should().Contain("nothing was written");
        (await host.SnapshotAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancel_right_after_a_job_is_claimed_stops_it_before_it_writes()
    {
        // The job's row says "running" before its runner has begun the import: an operator who cancels right after a
        // job starts lands here. Before the runner registered the job first, the cancel found nothing to stop: it took
        // the job for abandoned (200, "its runner stopped"), or, if the atomic import took SQLite's write lock first,
        // waited on that lock for 30 s (503); either way the import went on.
        var gate = ImportGate.Create();
        var claim = JobStartPause.AfterClaim();
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, null, gate.Settings(), claim.AddTo);
        var job = await AcceptedAsync(await host.ImportServerPathAsync("azure", "?mode=async&atomic=true"));
        await claim.Paused.WaitAsync(TimeSpan.FromMinutes(2));
        var claimed = await host.GetJobAsync(job.Id);

        var cancel = await host.Client.DeleteAsync($"/imports/{job.Id}");
        claim.Release();
        gate.Open();
        var stopped = await host.WaitForJobAsync(job.Id);

        claimed.Status.Should().Be("running");
        cancel.StatusCode.Should().Be(HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        stopped.Should().BeEquivalentTo(new { Status = "cancelled", Atomic = true });
        stopped.Message.Should().Contain("Cancelled on request").And.Contain("nothing was written");
        (await host.SnapshotAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_job_cancelled_as_the_runner_claims_it_never_starts()
    {
        // The runner registers a job before claiming it, so the cancel request finds it here, but it is still queued.
        var claiming = JobStartPause.BeforeClaim();
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, null, services: claiming.AddTo);
        var job = await AcceptedAsync(await host.UploadAsync("?mode=async", ("a.md", TestFiles.Article("a"))));
        await claiming.Paused.WaitAsync(TimeSpan.FromMinutes(2));

        var cancel = await host.Client.DeleteAsync($"/imports/{job.Id}");
        claiming.Release();
        var after = await host.GetJobAsync(job.Id);

        cancel.StatusCode.Should().Be(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        (await cancel.Content.ReadFromJsonAsync<ImportJobResponse>(ImportApiHost.Json))!.Status.Should().Be("cancelled");
        after.Message.Should().Contain("before it started");
        await using var db = host.App.CreateDbContext();
        (await db.Articles.CountAsync()).Should().Be(0);
        await host.StagingShouldBecomeEmptyAsync();
    }

    [Fact]
    public async Task A_cancel_right_after_a_synchronous_import_is_recorded_stops_it_before_it_writes()
    {
        // The same window for an import run in its request: its row says "running" before the import begins.
        var gate = ImportGate.Create();
        var recorded = JobStartPause.AfterSynchronousInsert();
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, null, gate.Settings(), recorded.AddTo);
        var importing = host.ImportServerPathAsync("azure", "?mode=sync&atomic=true");
        await recorded.Paused.WaitAsync(TimeSpan.FromMinutes(2));
        var job = (await host.Client.GetFromJsonAsync<ImportJobList>("/imports", ImportApiHost.Json))!.Items.Single();

        var cancel = await host.Client.DeleteAsync($"/imports/{job.Id}");
        recorded.Release();
        gate.Open();
        var report = await ImportApiHost.ReportOf(await importing);

        job.Status.Should().Be("running");
        cancel.StatusCode.Should().Be(HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        report.Status.Should().Be("cancelled");
        (await host.GetJobAsync(job.Id)).Message.Should().Contain("Cancelled on request").And.Contain("nothing was written");
        (await host.SnapshotAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_job_whose_instance_stops_answering_is_marked_failed_and_its_staged_files_removed()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:Jobs:StaleAfterSeconds"] = "1" });
        var staged = Directory.CreateDirectory(Path.Combine(host.Staging, "crashed", "000001")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(staged, "a.md"), TestFiles.Article("a"));
        await using (var db = host.App.CreateDbContext())
        {
            db.ImportJobs.Add(new ImportJob
            {
                Id = "crashed", Status = "running", Source = "upload: a.md", StagingPath = Path.Combine(host.Staging, "crashed"),
                Owner = "gone-host/123/abc", CreatedAt = DateTime.UtcNow.AddMinutes(-5), StartedAt = DateTime.UtcNow.AddMinutes(-5),
                HeartbeatAt = DateTime.UtcNow.AddMinutes(-4), FilesTotal = 1,
            });
            await db.SaveChangesAsync();
        }

        var job = await host.WaitForJobAsync("crashed", timeoutSeconds: 30);

        job.Status.Should().Be("failed");
        job.Message.Should().Contain("gone-host/123/abc").And.Contain("stopped answering");
        await host.StagingShouldBecomeEmptyAsync();
    }

    [Fact]
    public async Task At_start_staged_uploads_left_by_a_dead_process_are_removed_but_not_recent_ones()
    {
        await using var first = await ImportApiHost.StartAsync(TEngine.Engine);
        var orphan = Directory.CreateDirectory(Path.Combine(first.Staging, "orphan", "000001")).FullName;
        var file = Path.Combine(orphan, "a.md");
        await File.WriteAllBytesAsync(file, TestFiles.Article("a"));
        foreach (var path in new[] { file, orphan, Path.GetDirectoryName(orphan)! }) File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-2));
        var receiving = Directory.CreateDirectory(Path.Combine(first.Staging, "receiving", "000001")).FullName;

        await using var second = await ImportApiHost.StartAsync(TEngine.Engine, first.App.Database,
            new Dictionary<string, string?> { ["Import:StagingPath"] = first.Staging });
        for (var i = 0; i < 100 && Directory.Exists(Path.GetDirectoryName(orphan)); i++) await Task.Delay(50);

        Directory.Exists(Path.GetDirectoryName(orphan)).Should().BeFalse();
        Directory.Exists(receiving).Should().BeTrue();
    }

    [Fact]
    public async Task A_restart_during_a_job_leaves_it_failed_with_the_reason()
    {
        var gate = ImportGate.Create();
        var host = await ImportApiHost.StartAsync(TEngine.Engine, gate.Settings());
        var job = await AcceptedAsync(await host.ImportServerPathAsync("azure", "?mode=async"));
        await host.WaitForJobAsync(job.Id, j => j.Progress.FilesDone > 0);

        await host.DisposeAsync();
        gate.Open();
        await using var restarted = await ImportApiHost.StartAsync(TEngine.Engine, host.App.Database, gate.Settings());
        var after = await restarted.GetJobAsync(job.Id);

        after.Status.Should().Be("failed");
        after.Message.Should().Contain("The server stopped during the import").And.Contain("Import the same files again");
        after.Report!.Files.Should().BePositive().And.BeLessThan(gate.Files);
    }

    [Fact]
    public async Task With_two_instances_on_one_database_every_job_runs_exactly_once()
    {
        await using var first = await ImportApiHost.StartAsync(TEngine.Engine);
        await using var second = await ImportApiHost.StartAsync(TEngine.Engine, first.App.Database);

        var jobs = new List<ImportJobResponse>();
        for (var i = 0; i < 8; i++)
        {
            var host = i % 2 == 0 ? first : second;
            jobs.Add(await AcceptedAsync(await host.UploadAsync("?mode=async", ($"job{i}.md", TestFiles.Article($"job{i}")))));
        }
        var finished = new List<ImportJobResponse>();
        foreach (var job in jobs) finished.Add(await first.WaitForJobAsync(job.Id));

        // A job run twice would report its article unchanged the second time, or leave a second set of rows.
        finished.Should().OnlyContain(j => j.Status == "succeeded" && j.Report!.Created == 1 && j.Report.Unchanged == 0);
        await using var db = first.App.CreateDbContext();
        (await db.Articles.CountAsync()).Should().Be(8);
        var owners = await db.ImportJobs.Select(j => j.Owner).ToListAsync();
        owners.Should().HaveCount(8).And.OnlyContain(o => o != null);
        first.StagingShouldBeEmpty();
        second.StagingShouldBeEmpty();
    }
}

public sealed class SqliteImportJobTests : ImportJobTests<OnSqlite>;

public sealed class PostgresImportJobTests : ImportJobTests<OnPostgres>;
