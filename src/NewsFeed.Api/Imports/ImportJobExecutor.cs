using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NewsFeed.Data.Entities;
using NewsFeed.Data.Jobs;
using NewsFeed.Import;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Imports;

/// <summary>How one import ended: its job status, its report (none when it failed before finishing) and a note for people.</summary>
public sealed record ImportOutcome(string Status, ImportReport? Report, string? Message);

/// <summary>
/// Runs one import that is recorded as a job (every HTTP import is: a synchronous one runs in its request, a background
/// one in <see cref="ImportJobRunner"/>). While it runs, a heartbeat saves its progress and picks up cancel requests;
/// at the end the job gets its final report and staged uploads are removed (read caches need no telling: they are keyed by
/// the data version, which the import's commits move).
/// </summary>
public sealed partial class ImportJobExecutor(
    ImportPipeline pipeline, ImportJobStore store, RunningImports running,
    IOptions<ImportApiOptions> options, IHostApplicationLifetime lifetime, ILogger<ImportJobExecutor> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="job">A job already marked running by this instance.</param>
    /// <param name="cancel">Its registration in <see cref="RunningImports"/>, made before its row said it runs here; ended here.</param>
    /// <param name="aborted">The request's own abort signal for a synchronous import.</param>
    public async Task<ImportOutcome> RunAsync(ImportJob job, ImportInput input, CancellationTokenSource cancel, CancellationToken aborted)
    {
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, aborted, lifetime.ApplicationStopping);
            using var stopHeartbeat = new CancellationTokenSource();
            using var progress = new LatestProgress(input.Count);
            var heartbeat = HeartbeatAsync(job.Id, progress, cancel, stopHeartbeat.Token);
            ImportOutcome outcome;
            try
            {
                var report = await pipeline.RunAsync(input.Files, new ImportRequest(job.DryRun, job.Atomic, job.Id), progress, input.Count, linked.Token);
                outcome = Conclude(job, report, cancel.IsCancellationRequested, aborted.IsCancellationRequested);
            }
            catch (Exception e)
            {
                // Whatever stopped it, the job must not stay "running"; the error still goes up (a 500, or the runner's log).
                outcome = new ImportOutcome(ImportStatus.Failed, null,
                    $"The import stopped on an error after {progress.FilesDone:N0} files: {e.Message} What it committed before stays committed; import the same files again to finish.");
                await FinishAsync(job, outcome, progress, heartbeat, stopHeartbeat);
                throw;
            }
            await FinishAsync(job, outcome, progress, heartbeat, stopHeartbeat);
            return outcome;
        }
        finally
        {
            // Only once the outcome is recorded (or given up on): until then the sweep must not take the job for abandoned.
            running.Finish(job.Id);
        }
    }

    /// <summary>Ends a claimed job that could not start, saying why, and its registration in <see cref="RunningImports"/>.</summary>
    public async Task FailAsync(ImportJob job, string message)
    {
        try
        {
            if (job.StagingPath is { } staging) StagedUpload.Remove(staging);
            await store.FinishAsync(job.Id, ImportStatus.Failed, 0, null, message, CancellationToken.None);
        }
        finally
        {
            running.Finish(job.Id);
        }
    }

    private static ImportOutcome Conclude(ImportJob job, ImportReport report, bool cancelRequested, bool aborted)
    {
        var done = $"{report.Files:N0} files were done before it stopped";
        var kept = job.Atomic || job.DryRun ? "nothing was written (an all-or-nothing or dry run)" : "what they wrote stays written";
        return report.Status switch
        {
            ImportStatus.Cancelled when cancelRequested => new(ImportStatus.Cancelled, report, $"Cancelled on request: {done}, and {kept}."),
            ImportStatus.Cancelled when aborted => new(ImportStatus.Cancelled, report, $"Cancelled: the client went away. {done}, and {kept}."),
            ImportStatus.Cancelled => new(ImportStatus.Failed, report, $"The server stopped during the import: {done}, and {kept}. Import the same files again to finish."),
            ImportStatus.Failed => new(ImportStatus.Failed, report, "No file could be imported: see the errors in the report."),
            _ => new(ImportStatus.Succeeded, report, null),
        };
    }

    private async Task FinishAsync(ImportJob job, ImportOutcome outcome, LatestProgress progress, Task heartbeat, CancellationTokenSource stopHeartbeat)
    {
        await stopHeartbeat.CancelAsync();
        await heartbeat;
        var report = outcome.Report is null ? null : JsonSerializer.Serialize(outcome.Report, Json);
        var filesDone = outcome.Report?.Files ?? progress.FilesDone;
        // The staged files go before the job is seen as finished, so a finished job never has files left behind.
        if (job.StagingPath is { } staging) StagedUpload.Remove(staging);
        await RecordOutcomeAsync(job.Id, outcome, filesDone, report);
        LogFinished(logger, job.Id, outcome.Status, filesDone);
    }

    /// <summary>
    /// Records how the job ended, retrying with a growing pause while the database is unreachable (an outage is often
    /// what ended the import). Past <see cref="FinalWriteRetryLimit"/> it gives up: the job is then no longer running
    /// here, so the sweep marks it failed as soon as the database answers again.
    /// </summary>
    private async Task RecordOutcomeAsync(string id, ImportOutcome outcome, int filesDone, string? report)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        var giveUpAt = DateTime.UtcNow + FinalWriteRetryLimit;
        while (true)
        {
            try
            {
                await store.FinishAsync(id, outcome.Status, filesDone, report, outcome.Message, CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException && DateTime.UtcNow + pause < giveUpAt)
            {
                LogFinalWriteRetry(logger, id, pause.TotalSeconds, e);
                await Task.Delay(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxFinalWritePause.Ticks));
            }
        }
    }

    private static readonly TimeSpan FinalWriteRetryLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxFinalWritePause = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Saves the progress after each committed batch (so a job that dies still shows what it committed) and at least
    /// every heartbeat interval, and picks up cancel requests made on other instances.
    /// </summary>
    private async Task HeartbeatAsync(string id, LatestProgress progress, CancellationTokenSource cancel, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(options.Value.Jobs.HeartbeatSeconds);
        try
        {
            while (true)
            {
                await progress.WaitForBatchAsync(interval, stop);
                try
                {
                    if (await store.HeartbeatAsync(id, progress.FilesDone, progress.Json, stop)) await cancel.CancelAsync();
                }
                catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
                {
                    // A missed heartbeat is harmless unless it lasts; the import itself goes on.
                    LogHeartbeatFailed(logger, id, e);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The import is over.
        }
    }

    /// <summary>The last progress the pipeline reported (it reports once per committed batch), kept as JSON for the job row.</summary>
    private sealed class LatestProgress(int filesTotal) : IProgress<ImportProgress>, IDisposable
    {
        private readonly SemaphoreSlim _batchDone = new(0, 1);
        private ImportProgress _latest = new(0, filesTotal, 0, 0, 0);

        public int FilesDone => Volatile.Read(ref _latest).FilesDone;

        public string Json => JsonSerializer.Serialize(Volatile.Read(ref _latest), ImportJobExecutor.Json);

        public void Report(ImportProgress value)
        {
            Volatile.Write(ref _latest, value);
            try
            {
                _batchDone.Release();
            }
            catch (SemaphoreFullException)
            {
                // The previous batch is not saved yet: the next save takes this one too.
            }
        }

        /// <summary>Waits for the next committed batch, or the interval, whichever comes first.</summary>
        public Task<bool> WaitForBatchAsync(TimeSpan interval, CancellationToken ct) => _batchDone.WaitAsync(interval, ct);

        public void Dispose() => _batchDone.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} finished: {Status}, {Files} files")]
    private static partial void LogFinished(ILogger logger, string importId, string status, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: its outcome could not be recorded; trying again in {Seconds} s")]
    private static partial void LogFinalWriteRetry(ILogger logger, string importId, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: the heartbeat could not be saved")]
    private static partial void LogHeartbeatFailed(ILogger logger, string importId, Exception exception);
}
