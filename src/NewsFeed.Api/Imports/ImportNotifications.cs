using Microsoft.Extensions.Primitives;

namespace NewsFeed.Api.Imports;

/// <summary>
/// Tells the rest of the app that an import changed stored articles, so read caches can drop what they hold at once:
/// a cache entry made with <c>entry.AddExpirationToken(notifications.Watch())</c> expires when the next import completes.
/// </summary>
public sealed class ImportNotifications : IDisposable
{
    private CancellationTokenSource _current = new();

    /// <summary>A token that fires when the next import that wrote something completes.</summary>
    public IChangeToken Watch() => new CancellationChangeToken(Volatile.Read(ref _current).Token);

    public void ImportCompleted()
    {
        // The old source is not disposed: a reader may still be taking its token.
        Interlocked.Exchange(ref _current, new CancellationTokenSource()).Cancel();
    }

    public void Dispose() => _current.Dispose();
}
