using System.Collections.Concurrent;
using NewsFeed.Data.Entities;

namespace NewsFeed.Api.Imports;

/// <summary>
/// The imports this instance is running, so a cancel request answered here stops its import at once; a cancel request
/// answered by another instance reaches it through the database at the next heartbeat.
/// </summary>
public sealed class RunningImports
{
    /// <summary>Names this instance in <c>import_jobs.owner</c>: unique per process start.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    /// <summary>
    /// Registers an import about to run here. Call it before the job's row can say it runs here (the claim, or a
    /// synchronous import's insert), and <see cref="Finish"/> once its outcome is recorded or the row never said so: a
    /// cancel request answered in between must find the import to stop it, or it would find a running job with no runner
    /// (taken for abandoned) while the import goes on; on SQLite an import that started meanwhile holds the write lock
    /// the request's own update then waits on.
    /// </summary>
    public CancellationTokenSource Start(string id)
    {
        var cancel = new CancellationTokenSource();
        _running[id] = cancel;
        return cancel;
    }

    public void Finish(string id)
    {
        if (_running.TryRemove(id, out var cancel)) cancel.Dispose();
    }

    /// <summary>
    /// Why nothing runs this running job any more, or null while something may: its runner on this instance is gone
    /// (it could not record how the job ended), or its instance stopped sending heartbeats.
    /// </summary>
    /// <param name="graceForOwnJobs">
    /// Also leave a job of this instance alone until two heartbeats after its last one. Only a margin for the sweep, which
    /// has no hurry: a job is registered here before its row says it runs here (see <see cref="Start"/>), so a cancel
    /// request (false) ends at once a job of this instance that is not registered.
    /// </param>
    public string? WhyAbandoned(ImportJob job, ImportJobOptions jobs, bool graceForOwnJobs)
    {
        var now = DateTime.UtcNow;
        if (job.Owner == InstanceId)
        {
            var grace = graceForOwnJobs ? TimeSpan.FromSeconds(2 * jobs.HeartbeatSeconds) : TimeSpan.Zero;
            return _running.ContainsKey(job.Id) || job.HeartbeatAt > now - grace ? null
                : $"Its runner on this server ({job.Owner}) stopped without recording how the import ended (the database may have been unreachable then)";
        }
        return job.HeartbeatAt is { } heard && heard >= now - TimeSpan.FromSeconds(jobs.StaleAfterSeconds) ? null
            : $"The server running this import ({job.Owner}) stopped answering during it (last heard of at {job.HeartbeatAt:u})";
    }

    /// <summary>
    /// Stops the import if it runs here; says whether this call did. A second request for an import already told to
    /// stop did not: the store then says how it stands (finished, 409), though the import may not have left this list yet.
    /// </summary>
    public bool Cancel(string id)
    {
        if (!_running.TryGetValue(id, out var cancel) || cancel.IsCancellationRequested) return false;
        try
        {
            cancel.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            // It finished in the meantime: nothing left to cancel.
            return false;
        }
    }
}
