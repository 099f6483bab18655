using NewsFeed.Api.Health;

namespace NewsFeed.Api.Extensions;

/// <summary>
/// Health checks: <c>/health/live</c> runs none (the process answers, so it is alive), <c>/health/ready</c> runs the
/// checks tagged <see cref="Ready"/>. HealthController serves both, so Swagger documents them like any endpoint.
/// </summary>
internal static class HealthServices
{
    public const string Ready = "ready";

    public static IServiceCollection AddNewsFeedHealth(this IServiceCollection services)
    {
        // A database that does not answer within the timeout is as good as down for the instance's clients.
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }
}
