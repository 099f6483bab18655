using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data;
using NewsFeed.Data.Entities;
using NewsFeed.Data.Jobs;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// Holds the app at one point of a job's start until the test lets it go, so a cancel request lands in a window a loaded
/// machine opens only now and then: most of all right after the job's row first says it runs on this instance
/// (committed), before the import has begun. An EF Core interceptor on the app's real database, added by the test;
/// nothing in the product waits for it.
/// </summary>
public sealed class JobStartPause : DbCommandInterceptor, ISaveChangesInterceptor
{
    private enum Point { BeforeClaim, AfterClaim, AfterSynchronousInsert }

    private readonly Point _point;
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    private JobStartPause(Point point) => _point = point;

    /// <summary>Holds the job runner just before its claim of a queued job: the job still says "queued".</summary>
    public static JobStartPause BeforeClaim() => new(Point.BeforeClaim);

    /// <summary>Holds the job runner after its claim of a queued job.</summary>
    public static JobStartPause AfterClaim() => new(Point.AfterClaim);

    /// <summary>Holds a synchronous import's request after it recorded its job, running.</summary>
    public static JobStartPause AfterSynchronousInsert() => new(Point.AfterSynchronousInsert);

    /// <summary>Completes when the app is held.</summary>
    public Task Paused => _paused.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>For <see cref="ImportApiHost.StartAsync(Infrastructure.Engine, DatabaseSettings?, IReadOnlyDictionary{string, string?}?, Action{IServiceCollection}?)"/>.</summary>
    public void AddTo(IServiceCollection services) =>
        // Singleton: the app's contexts come from a pooled factory, whose options are built once.
        services.ConfigureDbContext<NewsFeedDbContext>(options => options.AddInterceptors(this), ServiceLifetime.Singleton);

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_point == Point.BeforeClaim && IsClaim(command)) await HoldAsync(cancellationToken);
        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (_point == Point.AfterClaim && IsClaim(command) && result == 1) await HoldAsync(cancellationToken);
        return result;
    }

    // After the save's transaction committed, so the row is visible and SQLite's write lock free while held.
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var running = eventData.Context?.ChangeTracker.Entries<ImportJob>().Any(e => e.Entity.Status == ImportStatus.Running) == true;
        if (_point == Point.AfterSynchronousInsert && running) await HoldAsync(cancellationToken);
        return result;
    }

    // The claim is the only statement that sets a job's owner.
    private static bool IsClaim(DbCommand command) =>
        command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
        && command.CommandText.Contains("owner", StringComparison.Ordinal);

    private async Task HoldAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _held, 1) != 0) return;
        _paused.TrySetResult();
        // The app's own token: a test that fails before releasing still lets the app stop.
        await _released.Task.WaitAsync(cancellationToken);
    }
}
