using Microsoft.AspNetCore.Mvc;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Feeds;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Queries;

namespace NewsFeed.Api.Controllers;

/// <summary>
/// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of any <c>/articles</c> query: the same filters, newest first, up to 100 items
/// (pageSize, default 50), with titles, links, dates, summaries, topics as categories and the first image.
/// </summary>
[ApiController]
[ReportsInvalidParametersItself]
[Route("feeds")]
[RejectUnknownQueryParameters]
[RefusedQueryParameters("a feed is always the newest items first and has no next page (use /articles to sort or to page by cursor).", "sort", "cursor")]
public sealed class FeedsController(ArticleQueries articles) : ControllerBase
{
    private const int DefaultItems = 50;

    /// <summary>An RSS 2.0 feed of the articles the filters select.</summary>
    /// <remarks>
    /// Takes the same filters as GET /articles; always the newest items first, pageSize of them (default 50, at most
    /// 100). Carries an ETag (send it back in If-None-Match for a 304).
    /// </remarks>
    /// <response code="200">The feed (application/rss+xml).</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A parameter is invalid or unknown.</response>
    [HttpGet("rss", Name = "getRssFeed")]
    [Produces("application/rss+xml", "application/problem+json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "application/rss+xml")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> Rss([FromQuery] ArticleListParameters parameters, CancellationToken ct) =>
        FeedAsync(parameters, items => Content(FeedWriter.Rss(items, Self()), "application/rss+xml; charset=utf-8"), ct);

    /// <summary>An Atom 1.0 feed of the articles the filters select.</summary>
    /// <remarks>
    /// Takes the same filters as GET /articles; always the newest items first, pageSize of them (default 50, at most
    /// 100). Carries an ETag (send it back in If-None-Match for a 304).
    /// </remarks>
    /// <response code="200">The feed (application/atom+xml).</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A parameter is invalid or unknown.</response>
    [HttpGet("atom", Name = "getAtomFeed")]
    [Produces("application/atom+xml", "application/problem+json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "application/atom+xml")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> Atom([FromQuery] ArticleListParameters parameters, CancellationToken ct) =>
        FeedAsync(parameters, items => Content(FeedWriter.Atom(items, Self()), "application/atom+xml; charset=utf-8"), ct);

    /// <summary>A JSON Feed 1.1 of the articles the filters select.</summary>
    /// <remarks>
    /// Takes the same filters as GET /articles; always the newest items first, pageSize of them (default 50, at most
    /// 100). Carries an ETag (send it back in If-None-Match for a 304).
    /// </remarks>
    /// <response code="200">The feed (application/feed+json).</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A parameter is invalid or unknown.</response>
    [HttpGet("json", Name = "getJsonFeed")]
    [Produces("application/feed+json", "application/problem+json")]
    [ProducesResponseType<JsonFeed>(StatusCodes.Status200OK, "application/feed+json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> Json([FromQuery] ArticleListParameters parameters, CancellationToken ct) =>
        FeedAsync(parameters, items => new ObjectResult(FeedWriter.Json(items, Self())) { ContentTypes = { "application/feed+json" } }, ct);

    private async Task<IActionResult> FeedAsync(ArticleListParameters parameters, Func<IReadOnlyList<ArticleSummaryView>, IActionResult> write,
        CancellationToken ct)
    {
        var query = parameters.ToQuery(ModelState);
        if (query is null || !ModelState.IsValid) return this.InvalidParameters();
        // A feed is always the newest items, whatever order a search would rank them in.
        return write(await articles.SummariesAsync(query with { Sort = SortKey.NewestFirst, PageSize = parameters.PageSize ?? DefaultItems }, ct));
    }

    private Uri Self() => new($"{Request.Scheme}://{Request.Host}{Request.PathBase}{Request.Path}{Request.QueryString}");
}
