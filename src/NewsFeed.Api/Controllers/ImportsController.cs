using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Imports;
using NewsFeed.Api.OpenApi;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Jobs;
using NewsFeed.Import;

namespace NewsFeed.Api.Controllers;

/// <summary>
/// Imports for operators: upload article files and archives, or name a folder on the server; follow background imports.
/// Every endpoint needs an API key in the X-Api-Key header.
/// </summary>
[ApiController]
[RejectUnknownQueryParameters]
[RequireApiKey]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
public sealed class ImportsController(ImportService imports) : ControllerBase
{
    private const long MaxJsonBodyBytes = 64 * 1024;

    /// <summary>Imports uploaded files and archives, or a folder on the server.</summary>
    /// <remarks>
    /// Send either `multipart/form-data` with one or more files in the `files` field (article files, and `.zip`, `.tar`
    /// or `.tar.gz` archives, read recursively), or `application/json` `{ "path": "2021/december" }` naming a folder, file
    /// or archive under the import root. Small imports run in the request and answer with the report (the same report
    /// as the command line's `--json`); `mode=async`, or more files than `Import:AsyncAboveFiles`, queues a background job
    /// and answers 202 with its `Location`. An archive with unsafe entries (`..`, absolute paths, links), corrupt data or
    /// over a limit is refused whole: nothing of the request is imported.
    /// </remarks>
    /// <param name="dryRun" example="false">Validate and report as a real import would, but write nothing.</param>
    /// <param name="atomic" example="false">All or nothing: the whole import is one transaction.</param>
    /// <param name="mode" example="sync">`auto` (default), `sync` (always in the request) or `async` (always a background job).</param>
    /// <response code="200">Imported (some files may have failed: see `failed` and `errors`).</response>
    /// <response code="202">Queued as a background job: follow `Location` (`GET /imports/{id}`).</response>
    /// <response code="400">A malformed request, an unsafe or corrupt archive, or a non-archive with an archive's name.</response>
    /// <response code="403">No API key configured, server-folder imports off, or a path leading outside the import root.</response>
    /// <response code="404">No folder or file at that path under the import root.</response>
    /// <response code="413">Over a limit: request size, number of files, archive entries, or unpacked size.</response>
    /// <response code="415">Neither multipart/form-data nor application/json.</response>
    /// <response code="422">No file could be imported; the problem details carry the report in `report`.</response>
    [HttpPost("/import", Name = "importArticles")]
    [ImportRequestBody]
    [StreamedBody]
    [EnableRateLimiting(ImportRateLimits.Imports)]
    [ProducesResponseType<ImportReport>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ImportJobResponse>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Import([FromQuery] bool dryRun = false, [FromQuery] bool atomic = false,
        [FromQuery] ImportMode mode = ImportMode.Auto)
    {
        var query = new ImportQuery(dryRun, atomic, mode);
        var ct = HttpContext.RequestAborted;
        ImportStarted started;
        if (Request.HasFormContentType && Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            started = await imports.ImportUploadAsync(Request, query, ct);
        else if (Request.HasJsonContentType())
            started = await imports.ImportServerPathAsync((await ReadFolderRequestAsync(ct)).Path, query, ct);
        else
            return Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send files as multipart/form-data (field 'files'), or a server folder as application/json { \"path\": \"...\" }.");

        if (started.Queued is { } job) return AcceptedAtAction(nameof(Get), new { id = job.Id }, job);
        var outcome = started.Finished!;
        if (outcome.Report is not { Status: ImportStatus.Failed } failed) return Ok(outcome.Report);
        var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, StatusCodes.Status422UnprocessableEntity,
            "No file could be imported", detail: $"All {failed.Files:N0} files failed or were skipped; the report in 'report' says why, file by file.");
        problem.Extensions["report"] = failed;
        return UnprocessableEntity(problem);
    }

    /// <summary>Lists recent imports, newest first.</summary>
    /// <remarks>Background jobs and imports that ran in their request alike, with status and progress; without their reports (ask for one by id).</remarks>
    /// <param name="page" example="1">Page number, from 1.</param>
    /// <param name="pageSize" example="20">Imports per page, 1 to 100.</param>
    /// <response code="200">A page of imports (without their reports: ask for one by id).</response>
    /// <response code="400">A page or page size out of range.</response>
    [HttpGet("/imports", Name = "listImports")]
    [EnableRateLimiting(ImportRateLimits.Status)]
    [ProducesResponseType<ImportJobList>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ImportJobList> List([FromQuery, Range(1, int.MaxValue)] int page = 1, [FromQuery, Range(1, 100)] int pageSize = 20) =>
        await imports.ListAsync(page, pageSize, HttpContext.RequestAborted);

    /// <summary>Shows one import: status, progress, and the final report once finished.</summary>
    /// <remarks>Poll it after a 202 from POST /import (its Location) until status is succeeded, failed or cancelled.</remarks>
    /// <param name="id" example="3f2b9c1d5e6a4b7c8d9e0f1a2b3c4d5e">The import's id, from POST /import's answer or GET /imports.</param>
    /// <response code="200">The import.</response>
    /// <response code="404">No import with this id.</response>
    [HttpGet("/imports/{id}", Name = "getImport")]
    [EnableRateLimiting(ImportRateLimits.Status)]
    [ProducesResponseType<ImportJobResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(string id) =>
        await imports.FindAsync(id, HttpContext.RequestAborted) is { } job ? Ok(job) : NotFoundProblem(id);

    /// <summary>Cancels an import: a queued one (or a running one that nothing runs any more) at once, a running one at its next batch.</summary>
    /// <param name="id" example="3f2b9c1d5e6a4b7c8d9e0f1a2b3c4d5e">The import's id, from POST /import's answer or GET /imports.</param>
    /// <remarks>What a running import committed before it stopped stays committed (nothing, for an atomic import or a dry run); the import's message says so.</remarks>
    /// <response code="200">It was queued, or nothing ran it any more, and is now cancelled.</response>
    /// <response code="202">It is running and will stop at its next batch: poll it to see it cancelled.</response>
    /// <response code="404">No import with this id.</response>
    /// <response code="409">It has already finished.</response>
    [HttpDelete("/imports/{id}", Name = "cancelImport")]
    [EnableRateLimiting(ImportRateLimits.Status)]
    [ProducesResponseType<ImportJobResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ImportJobResponse>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Cancel(string id) =>
        await imports.CancelAsync(id, HttpContext.RequestAborted) switch
        {
            null or (_, ImportJobStore.CancelOutcome.NoSuchJob) => NotFoundProblem(id),
            (var job, ImportJobStore.CancelOutcome.Stopping) => AcceptedAtAction(nameof(Get), new { id }, job),
            (var job, ImportJobStore.CancelOutcome.Cancelled) => Ok(job),
            var (job, _) => Problem(statusCode: StatusCodes.Status409Conflict, title: "The import has already finished",
                detail: $"Import '{id}' is {job.Status}{(job.FinishedAt is { } at ? $" since {at:u}" : "")}; only a queued or running import can be cancelled."),
        };

    private ObjectResult NotFoundProblem(string id) =>
        Problem(statusCode: StatusCodes.Status404NotFound, title: "No such import",
            detail: $"There is no import '{id}'. GET /imports lists the recent ones.");

    private async Task<ImportFolderRequest> ReadFolderRequestAsync(CancellationToken ct)
    {
        if (Request.ContentLength > MaxJsonBodyBytes)
            throw ImportRefusedException.RequestTooLarge(MaxJsonBodyBytes);
        ImportFolderRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ImportFolderRequest>(Request.Body, ImportJobExecutor.Json, ct);
        }
        catch (JsonException e)
        {
            throw ImportRefusedException.BadRequest($"The JSON body is not valid: {e.Message} Send {{ \"path\": \"folder/under/the/root\" }}.");
        }
        return body is { Path: { Length: > 0 } }
            ? body
            : throw ImportRefusedException.BadRequest("The JSON body needs a \"path\": a folder relative to the import root, for example { \"path\": \"2021/december\" }.");
    }
}
