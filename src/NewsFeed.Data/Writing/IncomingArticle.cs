using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Writing;

/// <summary>A parsed file on its way into the database.</summary>
/// <param name="Slug">The slug the article wants (from its file name or date and title); a clash adds -2, -3...</param>
public sealed record IncomingArticle(ArticleDocument Document, string SourcePath, byte[] ContentHash, string Slug);

public enum WriteOutcome
{
    Created,
    Updated,
    /// <summary>The stored article already has this exact content.</summary>
    Unchanged,
    /// <summary>A newer version of the same article (later publishedDateTime) is stored or came in the same batch; this one changed nothing.</summary>
    Superseded,
}

/// <summary>What happened to one incoming article; for a superseded one, the path of the version that won.</summary>
public sealed record WriteResult(IncomingArticle Article, WriteOutcome Outcome, string? WinnerPath = null);
