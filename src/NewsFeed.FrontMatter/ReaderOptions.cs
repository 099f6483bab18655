namespace NewsFeed.FrontMatter;

/// <summary>
/// Limits that keep hostile files from hurting the process. The list caps bound the rows one file can ask the
/// database for; their defaults are far above the real data (at most 179 related items and a handful of topics).
/// </summary>
public sealed record ReaderOptions
{
    /// <summary>Largest front-matter block accepted, in bytes (default 1 MiB).</summary>
    public int MaxFrontMatterBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists accepted (the real data needs 4).</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Most entries in <c>topics</c>.</summary>
    public int MaxTopics { get; init; } = 1_000;

    /// <summary>Most entries in <c>images</c>.</summary>
    public int MaxImages { get; init; } = 1_000;

    /// <summary>Most entries in <c>related</c>.</summary>
    public int MaxRelated { get; init; } = 5_000;

    /// <summary>Most entries in a provider's <c>images</c> (its logos), the article's provider or a related item's.</summary>
    public int MaxProviderLogos { get; init; } = 100;

    /// <summary>Most entries in one related item's <c>images</c>.</summary>
    public int MaxRelatedImages { get; init; } = 100;

    public static ReaderOptions Default { get; } = new();
}
