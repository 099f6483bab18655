using System.Collections.Concurrent;

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

    public CancellationTokenSource Start(string id)
    {
        var cancel = new CancellationTokenSource();
        _running[id] = cancel;
        return cancel;
    }

    public void Finish(string id) => _running.TryRemove(id, out _);

    /// <summary>Stops the import if it runs here; says whether it did.</summary>
    public bool Cancel(string id)
    {
        if (!_running.TryGetValue(id, out var cancel)) return false;
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
