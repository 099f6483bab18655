using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsFeed.Api.Health;
using NewsFeed.Data.Replicas;

namespace NewsFeed.Api.Extensions;

/// <summary>
/// Health checks: <c>/health/live</c> runs none (the process answers, so it is alive), <c>/health/ready</c> runs the
/// checks tagged <see cref="Ready"/>: the database, and the read replicas when there are any. HealthController serves
/// both, so Swagger documents them like any endpoint.
/// </summary>
internal static class HealthServices
{
    public const string Ready = "ready";

    public static IServiceCollection AddNewsFeedHealth(this IServiceCollection services)
    {
        // A database that does not answer within the timeout is as good as down for the instance's clients.
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        services.AddOptions<HealthCheckServiceOptions>().Configure<ReadReplicas>((o, replicas) =>
        {
            // Only with replicas: without them there is nothing to report, and the probe keeps its one database check.
            if (replicas.All.Count > 0)
                o.Registrations.Add(new HealthCheckRegistration("replicas", sp => ActivatorUtilities.CreateInstance<ReadReplicasCheck>(sp),
                    failureStatus: null, tags: [Ready], timeout: TimeSpan.FromSeconds(5)));
        });
        return services;
    }
}
