using Microsoft.AspNetCore.Mvc;
using System.Runtime.CompilerServices;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Export;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Queries;
using NewsFeed.Data.Export;
using NewsFeed.FrontMatter;

namespace NewsFeed.Api.Controllers;

/// <summary>Articles as front-matter files again: one at a time, or all of them as a .tar.gz that imports back as it was.</summary>
[ApiController]
[ReportsInvalidParametersItself]
[RejectUnknownQueryParameters]
public sealed class ExportController(
    ArticleDocuments documents, ArticleQueries articles, ExportArchive archive)
    : ControllerBase
{
    /// <summary>One article as the front-matter file it was imported from: every field and unknown key, then the body.</summary>
    /// <remarks>
    /// The YAML front matter between --- lines, then the Markdown body verbatim, as text/markdown. Importing it gives
    /// the same article back. Carries an ETag (send it back in If-None-Match for a 304).
    /// </remarks>
    /// <param name="idOrSlug" example="2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban">The article's numeric id or its slug.</param>
    /// <response code="200">The file (`text/markdown`).</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="404">No such article.</response>
    [HttpGet("/articles/{idOrSlug}/source", Name = "getArticleSource")]
    [Produces("text/markdown", "application/problem+json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/markdown")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Source(string idOrSlug, CancellationToken ct)
    {
        var id = await articles.FindIdAsync(idOrSlug, ct);
        if (id is null)
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found",
                detail: $"No article has the id or slug '{idOrSlug}'.");
        var (_, document) = (await documents.LoadAsync([id.Value], ct)).Single();
        return Content(ArticleFileWriter.Write(document), "text/markdown; charset=utf-8");
    }

    /// <summary>The articles that the <c>/articles</c> filters select, as a .tar.gz of front-matter files, streamed.</summary>
    /// <remarks>
    /// Takes the same filters as `GET /articles` (so removed articles only with `includeRemoved=true`) and streams
    /// every match, newest first, in one archive: it has no pages, so `page`, `pageSize` and `cursor` are refused
    /// (400). Import the archive (command line or `POST /import`) into any NewsFeed to get the same articles back.
    /// </remarks>
    /// <response code="200">The archive (`application/gzip`).</response>
    /// <response code="400">A parameter is invalid or unknown, or is one of page, pageSize and cursor.</response>
    [HttpGet("/export", Name = "exportArticles")]
    [RefusedQueryParameters("the export streams every match in one archive, so it has no pages.", "page", "pageSize", "cursor")]
    [ProducesResponseType<FileResult>(StatusCodes.Status200OK, "application/gzip")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Export([FromQuery] ArticleListParameters parameters, CancellationToken ct)
    {
        var query = parameters.ToQuery(ModelState);
        if (query is null || !ModelState.IsValid) return this.InvalidParameters();
        Response.ContentType = "application/gzip";
        Response.Headers.ContentDisposition = "attachment; filename=\"newsfeed-export.tar.gz\"";
        await archive.WriteAsync(Response.Body, MatchingIds(query with { Sort = SortKey.NewestFirst, Page = null, PageSize = 100 }, ct), ct);
        return new EmptyResult();
    }

    /// <summary>Every match, a keyset page at a time: constant cost per page however deep the export goes.</summary>
    private async IAsyncEnumerable<long> MatchingIds(ArticleQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = query; ;)
        {
            var (ids, next) = await articles.IdsAsync(page, ct);
            foreach (var id in ids) yield return id;
            if (next is null) yield break;
            page = page with { After = next };
        }
    }
}
