namespace NewsFeed.Import.Sources;

/// <summary>
/// One file offered to the importer: its path as reported (relative to what was imported), and how to get its bytes.
/// A file that is not an article (by extension) is <see cref="Skip"/>ped; one that cannot be read carries its <see cref="Error"/>.
/// </summary>
public sealed record SourceFile(string Path, Func<byte[]>? Load, long Length, string? Skip = null, string? Error = null)
{
    private static readonly string[] ArticleExtensions = [".md", ".markdown", ".txt"];

    public static bool IsArticleName(string path) =>
        ArticleExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public static SourceFile Skipped(string path) =>
        new(path, null, 0, Skip: "Skipped: not an article file (only .md, .markdown and .txt files are read from folders and archives).");
}
