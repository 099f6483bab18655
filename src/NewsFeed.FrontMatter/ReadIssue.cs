namespace NewsFeed.FrontMatter;

/// <summary>An error or warning about one place in a file. Line and column are 1-based and count from the file's first line.</summary>
public sealed record ReadIssue(int? Line, int? Column, string? Field, string Message);

/// <summary>What reading one file gave: a document, or the errors that stopped it; warnings either way.</summary>
public sealed record ReadResult(ArticleDocument? Document, IReadOnlyList<ReadIssue> Errors, IReadOnlyList<ReadIssue> Warnings)
{
    public bool Succeeded => Document is not null;

    public static ReadResult Fail(ReadIssue error) => new(null, [error], []);
}
