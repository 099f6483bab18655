using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Queries;

namespace NewsFeed.Api.Controllers;

/// <summary>Articles: filtered, searched, sorted and paged lists, and whole records.</summary>
[ApiController]
[ReportsInvalidParametersItself]
[Route("articles")]
[RejectUnknownQueryParameters]
public sealed class ArticlesController(ArticleQueries articles, FeaturedContentSanitizer sanitizer, IOptions<JsonOptions> json)
    : ControllerBase
{
    /// <summary>A page of article summaries.</summary>
    /// <remarks>
    /// Filters combine with AND; the values of one repeated filter with OR. Page with page/pageSize, or with cursor
    /// (the nextCursor of the previous page) for keyset paging whose cost does not grow with depth. The Link header
    /// names the first, previous, next (and, when the total is exact, last) pages. Responses carry an ETag (send it
    /// back in If-None-Match for a 304) that changes as soon as an import changes the data.
    /// </remarks>
    /// <response code="200">The page.</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A parameter is invalid or unknown; errors names it and says what is allowed.</response>
    [HttpGet(Name = "listArticles")]
    [ProducesResponseType<ArticlePage>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> List([FromQuery] ArticleListParameters parameters, CancellationToken ct)
    {
        // Binding errors (pageSize=abc) and the parameters' own checks are reported together, each under its name.
        var query = parameters.ToQuery(ModelState);
        if (query is null || !ModelState.IsValid) return this.InvalidParameters();
        var page = (await articles.ListAsync(query, ct)).ToContract(query);
        Response.Headers.Link = query.Page is { } number
            ? PageLinks.ForPages(Request, number, page.NextCursor is not null, page.TotalCountIsExact ? Math.Max(page.TotalPages, 1) : null)
            : PageLinks.ForCursor(Request, page.NextCursor);
        return parameters.FieldSet() is { } fields ? Ok(SparseFields.Apply(page, fields, json.Value.JsonSerializerOptions)) : Ok(page);
    }

    /// <summary>One article, whole: summary fields plus body, sanitized featuredContent, related items, extra keys and timestamps.</summary>
    /// <remarks>
    /// Everything the article's file held: the front-matter fields, the Markdown body verbatim, featuredContent
    /// sanitized for display, every related item in file order and the unknown keys in extra. Fields the file did not
    /// have are left out, never null. Carries an ETag (send it back in If-None-Match for a 304).
    /// </remarks>
    /// <param name="idOrSlug" example="2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban">The article's numeric id or its slug.</param>
    /// <response code="200">The article.</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A query parameter was given; this endpoint takes none.</response>
    /// <response code="404">No article has this id or slug.</response>
    [HttpGet("{idOrSlug}", Name = "getArticle")]
    [ProducesResponseType<Article>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get([FromRoute] string idOrSlug, CancellationToken ct)
    {
        var article = await articles.GetAsync(idOrSlug, ct);
        return article is null ? ArticleNotFound(idOrSlug) : Ok(article.ToContract(sanitizer));
    }

    /// <summary>An article's related items alone, in file order, each linked to the article here with its URL when there is one.</summary>
    /// <remarks>
    /// The same items as the article's related field, without the rest of the record. An item whose URL is an
    /// article here carries its articleId and slug. Carries an ETag (send it back in If-None-Match for a 304).
    /// </remarks>
    /// <param name="idOrSlug" example="2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban">The article's numeric id or its slug.</param>
    /// <response code="200">The related items (possibly none).</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A query parameter was given; this endpoint takes none.</response>
    /// <response code="404">No article has this id or slug.</response>
    [HttpGet("{idOrSlug}/related", Name = "listRelatedItems")]
    [ProducesResponseType<IReadOnlyList<RelatedItem>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Related([FromRoute] string idOrSlug, CancellationToken ct)
    {
        var related = await articles.GetRelatedAsync(idOrSlug, ct);
        return related is null ? ArticleNotFound(idOrSlug) : Ok(related.Select(r => r.ToContract()).ToList());
    }

    private ObjectResult ArticleNotFound(string idOrSlug) =>
        Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found",
            detail: $"No article has the id or slug '{idOrSlug}'. Find articles with GET /articles.");
}
