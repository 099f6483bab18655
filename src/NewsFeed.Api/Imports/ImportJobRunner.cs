using System.Data.Common;
using Microsoft.Extensions.Options;
using NewsFeed.Data.Jobs;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Imports;

/// <summary>
/// Runs queued import jobs on this instance, one at a time, whichever instance queued them: it claims the oldest one it
/// can run (an upload's staged files must be visible here), runs it, and looks again. Each round it also marks failed
/// the jobs that nothing runs any more (their instance stopped answering, or their runner here could not record how
/// they ended), so neither a restart nor a database outage leaves a job "running" forever.
/// </summary>
public sealed partial class ImportJobRunner(
    ImportJobStore store, ImportJobExecutor executor, ImportInputs inputs, RunningImports running,
    IOptions<ImportApiOptions> options, ILogger<ImportJobRunner> logger) : BackgroundService
{
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    // Enough that jobs staged on other machines do not hide one this instance can run.
    private const int ClaimCandidates = 20;

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Looks for work now instead of at the next poll (this instance just queued a job).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var jobs = options.Value.Jobs;
        await SweepOrphansAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var stale in await store.FailAbandonedAsync(job => running.WhyAbandoned(job, jobs, graceForOwnJobs: true), stoppingToken))
                {
                    LogStale(logger, stale.Id, stale.Owner);
                    if (stale.StagingPath is { } staging) StagedUpload.Remove(staging);
                }
                while (!stoppingToken.IsCancellationRequested && await ClaimNextAsync(stoppingToken) is (var job, var cancel))
                    await RunAsync(job, cancel);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException && !stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly unreachable or not migrated yet: try again at the next poll.
                LogPollFailed(logger, e);
            }
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(jobs.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Removes staged uploads left by a process that died mid-request (before its job existed, or with a job since
    /// finished): folders no unfinished job names, untouched for an hour (another instance sharing the folder may be
    /// receiving an upload right now).
    /// </summary>
    private async Task SweepOrphansAsync(CancellationToken ct)
    {
        var staging = options.Value.StagingPath;
        if (!Directory.Exists(staging)) return;
        try
        {
            var inUse = await store.StagingInUseAsync(ct);
            var cutoff = DateTime.UtcNow - OrphanAge;
            foreach (var folder in Directory.EnumerateDirectories(staging))
            {
                if (inUse.Contains(folder)) continue;
                var touched = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
                    .Select(File.GetLastWriteTimeUtc).Append(Directory.GetLastWriteTimeUtc(folder)).Max();
                if (touched >= cutoff) continue;
                StagedUpload.Remove(folder);
                LogOrphanRemoved(logger, folder);
            }
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Only tidying: the next start tries again.
            LogSweepFailed(logger, e);
        }
    }

    /// <summary>Claims the oldest queued job this instance can run, registered as running here first (see <see cref="RunningImports.Start"/>).</summary>
    private async Task<(NewsFeed.Data.Entities.ImportJob Job, CancellationTokenSource Cancel)?> ClaimNextAsync(CancellationToken ct)
    {
        foreach (var queued in (await store.QueuedAsync(ClaimCandidates, ct)).Where(CanRun))
        {
            var cancel = running.Start(queued.Id);
            NewsFeed.Data.Entities.ImportJob? claimed = null;
            try
            {
                claimed = await store.ClaimAsync(queued.Id, running.InstanceId, ct);
            }
            finally
            {
                if (claimed is null) running.Finish(queued.Id);
            }
            if (claimed is not null) return (claimed, cancel);
        }
        return null;
    }

    /// <summary>An upload's files are staged on one machine's disk (or a shared one): only an instance that sees them runs the job.</summary>
    private static bool CanRun(NewsFeed.Data.Entities.ImportJob job) => job.StagingPath is null || Directory.Exists(job.StagingPath);

    private async Task RunAsync(NewsFeed.Data.Entities.ImportJob job, CancellationTokenSource cancel)
    {
        ImportInput input;
        try
        {
            input = inputs.ForJob(job);
        }
        catch (Exception e) when (e is InputRefusedException or ImportRefusedException or IOException or UnauthorizedAccessException)
        {
            // Checked when the job was queued, so only a change on disk since (a folder removed or relinked) lands here.
            await executor.FailAsync(job, $"The files could not be read: {e.Message}");
            return;
        }
        try
        {
            await executor.RunAsync(job, input, cancel, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Deliberately broad: the job is already marked failed with the error, and one job's failure must neither
            // stop this runner nor (as an escaping exception would) the whole host.
            LogJobFailed(logger, job.Id, e);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} was left running by {Owner}, which no longer runs it: marked failed")]
    private static partial void LogStale(ILogger logger, string importId, string? owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for queued imports failed; trying again at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the staged upload {Folder}, left by a stopped instance")]
    private static partial void LogOrphanRemoved(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing staged uploads left by stopped instances failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed")]
    private static partial void LogJobFailed(ILogger logger, string importId, Exception exception);
}
