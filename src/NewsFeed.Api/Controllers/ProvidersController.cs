using Microsoft.AspNetCore.Mvc;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Queries;

namespace NewsFeed.Api.Controllers;

/// <summary>Providers (publishers) with their logos and article counts.</summary>
[ApiController]
[ReportsInvalidParametersItself]
[Route("providers")]
[RejectUnknownQueryParameters]
public sealed class ProvidersController(ProviderQueries providers) : ControllerBase
{
    /// <summary>A page of providers, most articles first, then by domain; q filters by domain or name.</summary>
    /// <remarks>
    /// Paged with page and pageSize; the Link header names the first, previous, next and last pages. A provider's
    /// domain filters GET /articles (provider=...). Carries an ETag (send it back in If-None-Match for a 304).
    /// </remarks>
    /// <response code="200">The page; the Link header names the first, previous, next and last pages.</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A parameter is invalid or unknown.</response>
    [HttpGet(Name = "listProviders")]
    [ProducesResponseType<ProviderPage>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> List([FromQuery] ProviderListParameters parameters, CancellationToken ct)
    {
        if (!ModelState.IsValid) return this.InvalidParameters();
        var (page, pageSize) = (parameters.Page ?? 1, parameters.PageSize ?? 20);
        var result = await providers.ListAsync(parameters.Q, page, pageSize, ct);
        var pages = ContractMapping.PageCount(result.TotalCount, pageSize);
        Response.Headers.Link = PageLinks.ForPages(Request, page, page < pages, Math.Max(pages, 1));
        return Ok(new ProviderPage([.. result.Items.Select(p => p.ToContract())], page, pageSize, result.TotalCount, true, pages));
    }

    /// <summary>One provider by domain.</summary>
    /// <remarks>Its domain, name, logos and count of visible articles. Carries an ETag (send it back in If-None-Match for a 304).</remarks>
    /// <param name="domain" example="wsj.com">The provider's domain, e.g. "wsj.com" (any case).</param>
    /// <response code="200">The provider.</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A query parameter was given; this endpoint takes none.</response>
    /// <response code="404">No provider has this domain.</response>
    [HttpGet("{domain}", Name = "getProvider")]
    [ProducesResponseType<Provider>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get([FromRoute] string? domain, CancellationToken ct) =>
        await providers.GetAsync(domain, ct) is { } provider
            ? Ok(provider.ToContract())
            : Problem(statusCode: StatusCodes.Status404NotFound, title: "Provider not found",
                detail: $"No provider has the domain '{domain}'. GET /providers?q=... finds providers by name or domain.");
}
