namespace NewsFeed.Data.Jobs;

/// <summary>
/// The statuses of an import, one list for the job row (<c>import_jobs.status</c>) and the report (<c>status</c>): the
/// store, the executor, the API and the report all compare against these, so a status is spelled in one place.
/// </summary>
public static class ImportStatus
{
    /// <summary>A job waiting for an instance to claim it.</summary>
    public const string Queued = "queued";
    /// <summary>A job claimed by an instance and importing.</summary>
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    /// <summary>A report only: some files failed, the others were imported (the job itself succeeded).</summary>
    public const string CompletedWithErrors = "completedWithErrors";
    /// <summary>A report: nothing could be imported; a job: it did not finish (see its error).</summary>
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Whether a job with this status has ended for good.</summary>
    public static bool IsFinished(string status) => status is Succeeded or Failed or Cancelled;
}
