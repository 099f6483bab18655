using NewsFeed.FrontMatter;

namespace NewsFeed.Import;

/// <summary>Import settings (<c>Import:*</c> in configuration).</summary>
public sealed record ImportOptions
{
    /// <summary>Largest front-matter block accepted, in bytes.</summary>
    public int MaxFrontMatterBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest file accepted (front matter and body), in bytes; a larger file fails, the rest go on.</summary>
    public long MaxFileBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Most entries read from one archive.</summary>
    public int MaxArchiveEntries { get; init; } = 200_000;

    /// <summary>Most bytes one archive may unpack to, counted as read (not as declared), against zip bombs.</summary>
    public long MaxUnpackedBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most entries in one file's <c>topics</c>; a file with more fails, naming this setting.</summary>
    public int MaxTopics { get; init; } = ReaderOptions.Default.MaxTopics;

    /// <summary>Most entries in one file's <c>images</c>.</summary>
    public int MaxImages { get; init; } = ReaderOptions.Default.MaxImages;

    /// <summary>Most entries in one file's <c>related</c>.</summary>
    public int MaxRelated { get; init; } = ReaderOptions.Default.MaxRelated;

    /// <summary>Most logos (<c>images</c>) of one provider.</summary>
    public int MaxProviderLogos { get; init; } = ReaderOptions.Default.MaxProviderLogos;

    /// <summary>Most <c>images</c> of one related item.</summary>
    public int MaxRelatedImages { get; init; } = ReaderOptions.Default.MaxRelatedImages;

    /// <summary>What the file reader gets of these settings: the size of a front-matter block and the list caps.</summary>
    public ReaderOptions Reader => new()
    {
        MaxFrontMatterBytes = MaxFrontMatterBytes,
        MaxTopics = MaxTopics,
        MaxImages = MaxImages,
        MaxRelated = MaxRelated,
        MaxProviderLogos = MaxProviderLogos,
        MaxRelatedImages = MaxRelatedImages,
    };

    /// <summary>Most warnings, and most errors, a report lists; it counts the rest (<c>warningsNotListed</c>, <c>errorsNotListed</c>).</summary>
    public int MaxReportEntries { get; init; } = 1000;

    /// <summary>
    /// Articles per write transaction. Each batch costs PostgreSQL a fixed share besides its rows (its statements'
    /// planning, seven COPY starts, the key check, the commit): importing the azure corpus in batches of 20 took the
    /// server 4.9 CPU-s against 2.5 in batches of 1,000. 500 halves what 250 paid for that (alternated runs: 4 to 6%
    /// less wall time) for about 80 MB more peak memory (how peak memory behaves at 10x the files: bench/PROFILE.md).
    /// </summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// How long an import waits, in seconds, for another import to finish writing a batch before it fails with
    /// that reason; the progress says it is waiting meanwhile.
    /// </summary>
    public int WriterWaitSeconds { get; init; } = 300;

    /// <summary>Parsing threads; 0 means one per core.</summary>
    public int Parallelism { get; init; }
}

/// <summary>What one import run is asked to do.</summary>
/// <param name="DryRun">Validate and report, write nothing.</param>
/// <param name="Atomic">
/// All or nothing: every batch in one transaction, so an import that stops midway (a fatal error, a cancellation)
/// stores nothing. Files that fail on their own (unreadable, invalid, refused by the database) fail alone, as without
/// it: a savepoint per batch keeps the transaction usable after a refusal.
/// </param>
/// <param name="ImportId">The id the report and the stored articles carry; a new one when not given (a background job passes its own).</param>
public sealed record ImportRequest(bool DryRun = false, bool Atomic = false, string? ImportId = null);
