using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsFeed.Data.Replicas;

namespace NewsFeed.Api.Health;

/// <summary>
/// Measures the read replicas now. A replica that is down or too far behind is Degraded, not Unhealthy: the instance
/// still serves every read, from the primary, so a load balancer must keep sending it traffic.
/// </summary>
internal sealed class ReadReplicasCheck(ReadReplicas replicas) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await replicas.CheckAsync(cancellationToken);
        var unusable = replicas.All.Where(r => r.UnusableBecause is not null).Select(r => $"Replica {r.Name} {r.UnusableBecause}").ToList();
        return unusable.Count == 0
            ? HealthCheckResult.Healthy($"{replicas.All.Count} read replica(s) take reads.")
            : HealthCheckResult.Degraded(string.Join(" ", unusable));
    }
}
