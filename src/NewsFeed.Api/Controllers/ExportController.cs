using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Api.Export;
using NewsFeed.Data;
using NewsFeed.Data.Export;
using NewsFeed.FrontMatter;

namespace NewsFeed.Api.Controllers;

/// <summary>Articles as front-matter files again: one at a time, or all of them as a .tar.gz that imports back as it was.</summary>
[ApiController]
public sealed class ExportController(IDbContextFactory<NewsFeedDbContext> contexts, ArticleDocuments documents, ExportArchive archive)
    : ControllerBase
{
    /// <summary>One article as the front-matter file it was imported from: every field and unknown key, then the body.</summary>
    /// <param name="idOrSlug">The article's id or slug.</param>
    /// <response code="200">The file (`text/markdown`).</response>
    /// <response code="404">No such article.</response>
    [HttpGet("/articles/{idOrSlug}/source")]
    [Produces("text/markdown", "application/problem+json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/markdown")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Source(string idOrSlug, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = long.TryParse(idOrSlug, out var n)
            ? await db.Articles.Where(a => a.Id == n).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct)
            : await db.Articles.Where(a => a.Slug == idOrSlug).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);
        if (id is null)
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found",
                detail: $"No article has the id or slug '{idOrSlug}'.");
        var (_, document) = (await documents.LoadAsync([id.Value], ct)).Single();
        return Content(ArticleFileWriter.Write(document), "text/markdown; charset=utf-8");
    }

    /// <summary>Every article (removed ones included) as a .tar.gz of front-matter files, streamed.</summary>
    /// <remarks>Import the archive (command line or `POST /import`) into any NewsFeed to get the same articles back.</remarks>
    /// <response code="200">The archive (`application/gzip`).</response>
    [HttpGet("/export")]
    [ProducesResponseType<FileResult>(StatusCodes.Status200OK, "application/gzip")]
    public async Task Export(CancellationToken ct)
    {
        Response.ContentType = "application/gzip";
        Response.Headers.ContentDisposition = "attachment; filename=\"newsfeed-export.tar.gz\"";
        await using var db = await contexts.CreateDbContextAsync(ct);
        await archive.WriteAsync(Response.Body, db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).AsAsyncEnumerable(), ct);
    }
}
