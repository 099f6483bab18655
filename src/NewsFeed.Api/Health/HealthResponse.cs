using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NewsFeed.Api.Health;

/// <summary>The outcome of a health probe.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</param>
/// <param name="Checks">What each check found (none for the liveness probe).</param>
public sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckResponse> Checks)
{
    public static HealthResponse From(HealthReport report) => new(
        report.Status.ToString(),
        [.. report.Entries.Select(e => new HealthCheckResponse(e.Key, e.Value.Status.ToString(), e.Value.Description))]);
}

/// <summary>One check of a health probe.</summary>
/// <param name="Name">The check, for example <c>database</c>.</param>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</param>
/// <param name="Description">What it found, in words.</param>
public sealed record HealthCheckResponse(string Name, string Status, string? Description);
