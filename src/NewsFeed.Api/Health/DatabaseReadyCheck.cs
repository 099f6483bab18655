using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsFeed.Data;

namespace NewsFeed.Api.Health;

/// <summary>Ready means the database answers and has every migration this build knows; it never migrates anything itself.</summary>
internal sealed class DatabaseReadyCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database is reachable and migrated.")
                : HealthCheckResult.Unhealthy(
                    $"The database lacks {pending.Count} migration(s), the latest {pending[^1]}: run the migrate command " +
                    "or start with Database:MigrateOnStartup=true.");
        }
        catch (DbException e)
        {
            // The reason (host, port, refusal) goes to the log with the exception, not to anonymous callers.
            return HealthCheckResult.Unhealthy("The database is unreachable (the log says why).", e);
        }
    }
}
