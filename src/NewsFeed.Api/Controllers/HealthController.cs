using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsFeed.Api.Extensions;
using NewsFeed.Api.Health;

namespace NewsFeed.Api.Controllers;

/// <summary>Probes for load balancers, orchestrators and the container's HEALTHCHECK.</summary>
[ApiController]
[Route("health")]
[Produces("application/json")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class HealthController(HealthCheckService health) : ControllerBase
{
    /// <summary>Liveness: the process is up and serving HTTP. Touches no database, so a database outage never restarts the instance.</summary>
    /// <response code="200">The process is alive.</response>
    [HttpGet("live")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<HealthResponse>> Live(CancellationToken ct) =>
        Answer(await health.CheckHealthAsync(_ => false, ct));

    /// <summary>Readiness: the database is reachable and has every migration applied, so the instance can take traffic.</summary>
    /// <response code="200">Ready.</response>
    /// <response code="503">Not ready: the database is unreachable or not migrated (the check's description says which).</response>
    [HttpGet("ready")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<HealthResponse>> Ready(CancellationToken ct) =>
        Answer(await health.CheckHealthAsync(c => c.Tags.Contains(HealthServices.Ready), ct));

    private ObjectResult Answer(HealthReport report) => StatusCode(
        report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK,
        HealthResponse.From(report));
}
