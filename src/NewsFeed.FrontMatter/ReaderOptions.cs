namespace NewsFeed.FrontMatter;

/// <summary>Limits that keep hostile files from hurting the process.</summary>
public sealed record ReaderOptions
{
    /// <summary>Largest front-matter block accepted, in bytes (default 1 MiB).</summary>
    public int MaxFrontMatterBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists accepted (the real data needs 4).</summary>
    public int MaxDepth { get; init; } = 16;

    public static ReaderOptions Default { get; } = new();
}
