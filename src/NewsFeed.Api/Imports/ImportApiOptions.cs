namespace NewsFeed.Api.Imports;

/// <summary>
/// Settings of the HTTP import endpoints (<c>Import:*</c> in configuration, beside the importer's own
/// <see cref="NewsFeed.Import.ImportOptions"/>; <c>Import__ApiKeys__0</c> and so on in the environment).
/// </summary>
public sealed class ImportApiOptions
{
    public const string Section = "Import";

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header. None configured: the import endpoints answer 403.</summary>
    public IReadOnlyList<string> ApiKeys { get; set; } = [];

    /// <summary>The server folder that <c>{ "path": ... }</c> imports are relative to; unset: server-folder imports are off.</summary>
    public string? Root { get; set; }

    /// <summary>Where uploads wait while they are checked and imported; removed afterwards.</summary>
    public string StagingPath { get; set; } = Path.Combine(Path.GetTempPath(), "newsfeed-import");

    /// <summary>Largest request body accepted, in bytes (413 above).</summary>
    public long MaxRequestBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Most files in one upload (413 above); entries inside an archive count against <c>MaxArchiveEntries</c>.</summary>
    public int MaxUploadFiles { get; set; } = 10_000;

    /// <summary>An import of more files than this runs as a background job even without <c>mode=async</c>.</summary>
    public int AsyncAboveFiles { get; set; } = 1_000;

    public ImportRateLimitOptions RateLimit { get; set; } = new();

    public ImportJobOptions Jobs { get; set; } = new();
}

/// <summary>Requests allowed per client (API key, or address when the key is missing or wrong) in each window.</summary>
public sealed class ImportRateLimitOptions
{
    /// <summary><c>POST /import</c> requests per window.</summary>
    public int ImportsPerWindow { get; set; } = 10;

    /// <summary><c>GET</c> and <c>DELETE</c> requests on <c>/imports</c> per window (status polling).</summary>
    public int StatusRequestsPerWindow { get; set; } = 300;

    public double WindowSeconds { get; set; } = 60;
}

/// <summary>How background jobs are picked up and watched.</summary>
public sealed class ImportJobOptions
{
    /// <summary>How often an instance looks for queued jobs (it also looks at once when it queued one itself).</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>How often a running import says it is alive, saves its progress and checks for a cancel request.</summary>
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>A running import silent this long is taken for dead (its instance stopped) and marked failed.</summary>
    public double StaleAfterSeconds { get; set; } = 120;
}
