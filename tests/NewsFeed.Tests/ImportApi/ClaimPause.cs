using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// Holds the app's job runner right after its first claim (the committed UPDATE that marks a queued job running on this
/// instance) until the test lets it go, so the test sees the job "running" before the runner has begun its import: the
/// window a cancel request can fall into, which a loaded machine opens only now and then. An EF Core interceptor on
/// the app's real database, added by the test; nothing in the product waits for it.
/// </summary>
public sealed class ClaimPause : DbCommandInterceptor
{
    private readonly TaskCompletionSource _claimed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _paused;

    /// <summary>Completes when the runner has claimed a job and is held.</summary>
    public Task Claimed => _claimed.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>For <see cref="ImportApiHost.StartAsync(Infrastructure.Engine, DatabaseSettings?, IReadOnlyDictionary{string, string?}?, Action{IServiceCollection}?)"/>.</summary>
    public void AddTo(IServiceCollection services) =>
        // Singleton: the app's contexts come from a pooled factory, whose options are built once.
        services.ConfigureDbContext<NewsFeedDbContext>(options => options.AddInterceptors(this), ServiceLifetime.Singleton);

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (result == 1 && IsClaim(command) && Interlocked.Exchange(ref _paused, 1) == 0)
        {
            _claimed.TrySetResult();
            // The runner's stopping token: a test that fails before releasing still lets the app stop.
            await _released.Task.WaitAsync(cancellationToken);
        }
        return result;
    }

    // The claim is the only statement that sets a job's owner.
    private static bool IsClaim(DbCommand command) =>
        command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
        && command.CommandText.Contains("owner", StringComparison.Ordinal);
}
