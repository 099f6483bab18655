using NewsFeed.Import;

namespace NewsFeed.Api.Contracts;

/// <summary>
/// One import as the server tracks it: a background job, or a request that ran synchronously (both are kept, so
/// <c>GET /imports</c> lists every recent import).
/// </summary>
/// <param name="Id">The import's id; the report's <c>importId</c> and the stored articles carry it too.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Source">What is imported: the uploaded file names, or the server path.</param>
/// <param name="Progress">Files done of the total, and counts so far (final counts once finished).</param>
/// <param name="Report">The final import report once finished (left out of lists: ask for the import by id).</param>
/// <param name="Message">Why it failed or how it was cancelled, and what that left in the database.</param>
/// <param name="CancelRequested">A cancel was asked for; a running import stops at its next batch.</param>
public sealed record ImportJobResponse(
    string Id,
    string Status,
    bool DryRun,
    bool Atomic,
    string Source,
    ImportJobProgress Progress,
    ImportReport? Report,
    string? Message,
    bool CancelRequested,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt);

/// <summary>How far an import is.</summary>
/// <param name="FilesDone">Files settled so far (imported, failed or skipped).</param>
/// <param name="FilesTotal">Files in the import, when known.</param>
/// <param name="Imported">Files whose article is stored (created, updated or unchanged).</param>
/// <param name="Failed">Files that failed.</param>
public sealed record ImportJobProgress(int FilesDone, int? FilesTotal, int Imported, int Failed);

/// <summary>A page of imports, newest first.</summary>
/// <param name="Total">Imports on all pages.</param>
public sealed record ImportJobList(IReadOnlyList<ImportJobResponse> Items, int Page, int PageSize, int Total);
