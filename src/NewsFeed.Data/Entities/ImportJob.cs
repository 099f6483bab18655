namespace NewsFeed.Data.Entities;

/// <summary>
/// A background import, kept in the database so any API instance can run it, exactly one does, and a restart never
/// loses it silently.
/// </summary>
public sealed class ImportJob
{
    public required string Id { get; set; }
    /// <summary>An <see cref="Jobs.ImportStatus"/>: queued, running, succeeded, failed or cancelled.</summary>
    public required string Status { get; set; }
    public bool DryRun { get; set; }
    public bool Atomic { get; set; }
    /// <summary>What is imported, in words (the uploaded file names, or the server folder).</summary>
    public required string Source { get; set; }
    /// <summary>Where the uploaded files wait until the job has run; removed afterwards.</summary>
    public string? StagingPath { get; set; }
    public int FilesDone { get; set; }
    public int? FilesTotal { get; set; }
    /// <summary>The import report as JSON: counts so far while running, the final report once done.</summary>
    public string? Report { get; set; }
    public string? Error { get; set; }
    public bool CancelRequested { get; set; }
    /// <summary>The instance running the job, and when it last said it still was: a stale heartbeat means it died.</summary>
    public string? Owner { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
