namespace NewsFeed.Data.Replicas;

/// <summary>
/// A read that the callers who want it at the same time share, without any of them getting a value older than a read
/// of its own would have given: a caller takes only the result of a read that started after it asked. One that asks
/// while a read runs (which started before it asked) waits for that one to end and joins the next, which starts then
/// and serves everyone who asked meanwhile. So one read runs at a time, however many callers ask, and none waits for
/// more than two.
/// </summary>
internal sealed class FreshSharedRead<T>(Func<Task<T>> read)
{
    private readonly Lock _lock = new();
    private bool _running;
    private TaskCompletionSource<T>? _next;

    /// <summary>
    /// The result of a read that starts after this call. <paramref name="ct"/> stops this caller's wait only: the read
    /// goes on for the others who share it.
    /// </summary>
    public Task<T> ReadAsync(CancellationToken ct)
    {
        TaskCompletionSource<T> first;
        lock (_lock)
        {
            if (_running) return (_next ??= NewRead()).Task.WaitAsync(ct);
            _running = true;
            first = NewRead();
        }
        _ = RunAsync(first);
        return first.Task.WaitAsync(ct);
    }

    // Callers continue on the thread pool, not on the thread that runs the reads: the next read starts without
    // waiting for the requests the last one served.
    private static TaskCompletionSource<T> NewRead() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync(TaskCompletionSource<T> current)
    {
        // Off the caller's thread: a read that completes synchronously (SQLite) would otherwise keep the caller that
        // started it running the reads of everyone who joins after it, for as long as they keep coming.
        await Task.Yield();
        while (true)
        {
            try
            {
                current.SetResult(await read());
            }
            catch (Exception e)
            {
                // Whatever the read throws is the answer of everyone who shared it; the loop goes on for the next.
                current.SetException(e);
            }
            lock (_lock)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }
                (current, _next) = (_next, null);
            }
        }
    }
}
