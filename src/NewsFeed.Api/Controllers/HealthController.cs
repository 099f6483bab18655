using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsFeed.Api.Errors;
using NewsFeed.Api.Extensions;
using NewsFeed.Api.Health;
using NewsFeed.Api.OpenApi;
using NewsFeed.Api.Reading;

namespace NewsFeed.Api.Controllers;

/// <summary>Probes for load balancers, orchestrators and the container's HEALTHCHECK.</summary>
[ApiController]
[RejectUnknownQueryParameters]
[Route("health")]
[Produces("application/json")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class HealthController(HealthCheckService health) : ControllerBase
{
    /// <summary>Liveness: the process is up and serving HTTP. Touches no database, so a database outage never restarts the instance.</summary>
    /// <remarks>Answers 200 while the process serves HTTP, whatever the database's state: restart the instance only when this fails.</remarks>
    /// <response code="200">The process is alive.</response>
    [HttpGet("live", Name = "getLiveness")]
    [TouchesNoDatabase]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<HealthResponse>> Live(CancellationToken ct) =>
        Answer(await health.CheckHealthAsync(_ => false, ct));

    /// <summary>Readiness: the database is reachable and has every migration applied, so the instance can take traffic.</summary>
    /// <remarks>Route traffic to the instance only while this answers 200; a 503 carries Retry-After and says which check failed.</remarks>
    /// <response code="200">Ready.</response>
    /// <response code="503">
    /// Not ready: the database is unreachable or not migrated. Problem details, like every error, with the probe's
    /// outcome in <c>health</c> and what each check found in <c>checks</c>.
    /// </response>
    [HttpGet("ready", Name = "getReadiness")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult<HealthResponse>> Ready(CancellationToken ct) =>
        Answer(await health.CheckHealthAsync(c => c.Tags.Contains(HealthServices.Ready), ct));

    private ObjectResult Answer(HealthReport report)
    {
        var response = HealthResponse.From(report);
        if (report.Status != HealthStatus.Unhealthy) return Ok(response);
        // The probe's own status is a word ("Unhealthy"), the problem's a number: it goes out as `health`.
        var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, StatusCodes.Status503ServiceUnavailable, "Not ready",
            detail: string.Join(" ", response.Checks.Where(c => c.Status != nameof(HealthStatus.Healthy)).Select(c => $"{c.Name}: {c.Description}")));
        problem.Extensions["health"] = response.Status;
        problem.Extensions["checks"] = response.Checks;
        Response.Headers.RetryAfter = ProblemExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return StatusCode(StatusCodes.Status503ServiceUnavailable, problem);
    }
}
