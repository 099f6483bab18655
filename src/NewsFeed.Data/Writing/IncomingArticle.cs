using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Writing;

/// <summary>A parsed file on its way into the database.</summary>
/// <param name="Slug">The slug the article wants (from its file name or date and title); a clash adds -2, -3...</param>
public sealed record IncomingArticle(ArticleDocument Document, string SourcePath, byte[] ContentHash, string Slug)
{
    /// <summary>See <see cref="FrontMatter.DocumentHash"/>; computed here, on the parser's thread, not the writer's.</summary>
    public byte[] DocumentHash { get; } = FrontMatter.DocumentHash.Of(Document);
}

public enum WriteOutcome
{
    Created,
    Updated,
    /// <summary>The stored article already has this content (the same file, or another saying the same thing).</summary>
    Unchanged,
    /// <summary>A newer version of the same article (later publishedDateTime) is stored or came in the same batch; this one changed nothing.</summary>
    Superseded,
    /// <summary>The database refused this file (a value, a constraint, a limit); <see cref="WriteResult.Error"/> says why. Nothing of it is stored.</summary>
    Failed,
    /// <summary>
    /// A tie with the stored version that a later file of this import may still decide: nothing written yet; write it
    /// again once every file of the import is seen.
    /// </summary>
    Deferred,
}

/// <summary>
/// What happened to one incoming article; for a superseded one, the path of the version that won; for a failed one,
/// the reason and the field when the database names it.
/// </summary>
public sealed record WriteResult(IncomingArticle Article, WriteOutcome Outcome, string? WinnerPath = null, string? Error = null, string? Field = null);
