using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data.Entities;
using NewsFeed.Data.Writing;

namespace NewsFeed.Data.Jobs;

/// <summary>
/// Import jobs in the database (<c>import_jobs</c>), shared by every API instance. State changes are single conditional
/// UPDATEs (compare and set on the status), so two instances can never both claim, finish or cancel the same job: on
/// PostgreSQL the second UPDATE waits for the first one's row lock and then no longer matches.
/// </summary>
public sealed class ImportJobStore(IDbContextFactory<NewsFeedDbContext> contexts)
{
    /// <param name="writerWait">
    /// How long an import may wait for another one's writer (Import:WriterWaitSeconds). SQLite has one write lock for
    /// everything, so there this insert already waits for that writer: it waits as long, and gives up the same way.
    /// </param>
    public async Task AddAsync(ImportJob job, TimeSpan writerWait, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // SQLite's busy wait is the command timeout (30 s by default), not the import's.
        if (db.Database.IsSqlite()) db.Database.SetCommandTimeout(writerWait);
        db.ImportJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 5 or 6 })
        {
            throw new WriterBusyException(writerWait);
        }
    }

    public async Task<ImportJob?> FindAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
    }

    /// <summary>A page of jobs, newest first.</summary>
    public async Task<(List<ImportJob> Jobs, int Total)> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var total = await db.ImportJobs.CountAsync(ct);
        var jobs = await db.ImportJobs.AsNoTracking()
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip(Queries.Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return (jobs, total);
    }

    /// <summary>The oldest queued jobs, at most <paramref name="max"/>: an instance claims one it can run (<see cref="ClaimAsync"/>).</summary>
    public async Task<List<ImportJob>> QueuedAsync(int max, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ImportJobs.AsNoTracking().Where(j => j.Status == ImportStatus.Queued)
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id).Take(max).ToListAsync(ct);
    }

    /// <summary>Marks a queued job running on <paramref name="owner"/>; null when another instance claimed it, or it was cancelled, first.</summary>
    public async Task<ImportJob?> ClaimAsync(string id, string owner, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        var claimed = await db.ImportJobs.Where(j => j.Id == id && j.Status == ImportStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.Owner, owner)
                .SetProperty(j => j.StartedAt, now).SetProperty(j => j.HeartbeatAt, now), ct);
        return claimed == 1 ? await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct) : null;
    }

    /// <summary>Says the job is alive and how far it is; returns whether someone asked to cancel it.</summary>
    public async Task<bool> HeartbeatAsync(string id, int filesDone, string progress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        await db.ImportJobs.Where(j => j.Id == id && j.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.FilesDone, filesDone)
                .SetProperty(j => j.Report, progress), ct);
        return await db.ImportJobs.Where(j => j.Id == id).Select(j => j.CancelRequested).SingleOrDefaultAsync(ct);
    }

    public async Task FinishAsync(string id, string status, int filesDone, string? report, string? message, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        await db.ImportJobs.Where(j => j.Id == id && j.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, status).SetProperty(j => j.FilesDone, filesDone)
                .SetProperty(j => j.Report, report).SetProperty(j => j.Error, message)
                .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.HeartbeatAt, now), ct);
    }

    /// <summary>What a cancel request did.</summary>
    public enum CancelOutcome { NoSuchJob, Cancelled, Stopping, AlreadyFinished }

    /// <summary>
    /// Cancels a queued job at once, and a running one that nothing runs any more (<paramref name="whyAbandoned"/> says
    /// so from its row); asks the instance running any other running job to stop at its next heartbeat.
    /// </summary>
    public async Task<CancelOutcome> CancelAsync(string id, Func<ImportJob, string?> whyAbandoned, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        var cancelled = await db.ImportJobs.Where(j => j.Id == id && j.Status == ImportStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Cancelled).SetProperty(j => j.CancelRequested, true)
                .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Error, "Cancelled on request before it started: nothing was imported."), ct);
        if (cancelled == 1) return CancelOutcome.Cancelled;
        if (await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct) is not { } job) return CancelOutcome.NoSuchJob;
        if (job.Status != ImportStatus.Running) return CancelOutcome.AlreadyFinished;
        if (whyAbandoned(job) is { } why)
        {
            var message = $"Cancelled on request. {why}; {job.FilesDone:N0} files were done, and what they wrote stays committed.";
            var ended = await db.ImportJobs.Where(j => j.Id == id && j.Status == ImportStatus.Running && j.HeartbeatAt == job.HeartbeatAt)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Cancelled).SetProperty(j => j.CancelRequested, true)
                    .SetProperty(j => j.Error, message).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Report, (string?)null), ct);
            if (ended == 1) return CancelOutcome.Cancelled;
        }
        var requested = await db.ImportJobs.Where(j => j.Id == id && j.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
        return requested == 1 ? CancelOutcome.Stopping : CancelOutcome.AlreadyFinished;
    }

    /// <summary>The staging folders of jobs not finished yet: their files are still needed.</summary>
    public async Task<HashSet<string>> StagingInUseAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var paths = await db.ImportJobs.Where(j => j.StagingPath != null && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running))
            .Select(j => j.StagingPath!).ToListAsync(ct);
        return [.. paths];
    }

    /// <summary>
    /// Marks failed the running jobs that nothing runs any more (<paramref name="whyAbandoned"/> says why from their row:
    /// their instance stopped answering, or their runner on this instance is gone), and returns them so their staged
    /// files can be removed. Their progress stays as last saved; the progress JSON is dropped because a finished job's report
    /// column holds a final report, which they never got.
    /// </summary>
    public async Task<List<ImportJob>> FailAbandonedAsync(Func<ImportJob, string?> whyAbandoned, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var running = await db.ImportJobs.AsNoTracking().Where(j => j.Status == ImportStatus.Running).ToListAsync(ct);
        var failed = new List<ImportJob>();
        foreach (var (job, why) in running.Select(j => (j, whyAbandoned(j))))
        {
            if (why is null) continue;
            var message = $"{why}, after {job.FilesDone:N0} files. What it committed before stays committed; import the same " +
                "files again to finish: unchanged files are recognised and skipped.";
            var now = DateTime.UtcNow;
            var marked = await db.ImportJobs
                .Where(j => j.Id == job.Id && j.Status == ImportStatus.Running && j.HeartbeatAt == job.HeartbeatAt)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Failed).SetProperty(j => j.Error, message)
                    .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Report, (string?)null), ct);
            if (marked == 1) failed.Add(job);
        }
        return failed;
    }
}
