namespace NewsFeed.Import;

/// <summary>One error or warning of an import, located in a file (a path inside the folder or upload) and, when known, a line, column and field.</summary>
public sealed record ImportMessage(string File, int? Line, int? Column, string? Field, string Message);

/// <summary>The report of one import: the same shape from the command line, <c>POST /import</c> and background jobs.</summary>
public sealed record ImportReport
{
    public required string ImportId { get; init; }
    /// <summary>An <see cref="Data.Jobs.ImportStatus"/>: succeeded, completedWithErrors (some files failed), failed (nothing imported, or a fatal error) or cancelled.</summary>
    public required string Status { get; init; }
    public bool DryRun { get; init; }
    public int Files { get; init; }
    public int Created { get; init; }
    public int Updated { get; init; }
    /// <summary>Files whose article is stored already with the same content (the same bytes, or the same fields in other bytes).</summary>
    public int Unchanged { get; init; }
    /// <summary>Files that lost to a newer version of their article (a later publishedDateTime, or the tie rules): nothing of them is stored.</summary>
    public int Superseded { get; init; }
    public int Failed { get; init; }
    public int Skipped { get; init; }
    /// <summary>The first warnings (skipped files included), at most <c>Import:MaxReportEntries</c>; <see cref="WarningsNotListed"/> counts the rest.</summary>
    public IReadOnlyList<ImportMessage> Warnings { get; init; } = [];
    /// <summary>Warnings left out of <see cref="Warnings"/> to keep the report bounded.</summary>
    public int WarningsNotListed { get; init; }
    /// <summary>The first errors, at most <c>Import:MaxReportEntries</c>; <see cref="ErrorsNotListed"/> counts the rest.</summary>
    public IReadOnlyList<ImportMessage> Errors { get; init; } = [];
    /// <summary>Errors left out of <see cref="Errors"/> to keep the report bounded.</summary>
    public int ErrorsNotListed { get; init; }
    public long DurationMs { get; init; }
}

/// <summary>How far an import is: sent after each batch, and when it starts waiting for another import's writes (<paramref name="WaitingForWriter"/>).</summary>
public sealed record ImportProgress(int FilesDone, int? FilesTotal, int Imported, int Failed, double ArticlesPerSecond, bool WaitingForWriter = false);
