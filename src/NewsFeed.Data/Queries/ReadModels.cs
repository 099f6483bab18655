using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Queries;

// What the query services return: plain records shaped for reading, never entities. The API maps them to its contracts.

/// <summary>An article as listed.</summary>
public sealed record ArticleSummaryView
{
    public required long Id { get; init; }
    public required string Slug { get; init; }
    /// <summary>
    /// The article's front-matter fields as stored: every scalar of <see cref="ArticleFields"/> (in lists, all but
    /// <see cref="ArticleReads.DetailOnly"/>), the provider as the article's file gave it, topics and images; the body,
    /// related items and extras only in an <see cref="ArticleView"/>.
    /// </summary>
    public required ArticleDocument Document { get; init; }
    public required int RelatedCount { get; init; }
    public required DateTime UpdatedAt { get; init; }
    /// <summary>With a search: the matched text with matches between <see cref="SnippetMarks.Start"/> and <see cref="SnippetMarks.End"/>.</summary>
    public string? Snippet { get; init; }
    public long ChangeNumber { get; init; }
}

/// <summary>A related item as stored, and the article here it names (by the canonical form of its URL), if any.</summary>
public sealed record RelatedItemView
{
    /// <summary>Every field of <see cref="ArticleFields.Related"/>, the provider as the article's file gave it, and the images.</summary>
    public required RelatedRef Document { get; init; }
    public long? ArticleId { get; init; }
    public string? Slug { get; init; }
}

/// <summary>One article with everything stored about it: its <see cref="ArticleSummaryView.Document"/> is whole.</summary>
public sealed record ArticleView
{
    public required ArticleSummaryView Summary { get; init; }
    public required IReadOnlyList<RelatedItemView> Related { get; init; }
    public required DateTime ImportedAt { get; init; }
}

public sealed record FacetCount(string Value, string? Label, long Count);

public sealed record ArticleListResult(
    IReadOnlyList<ArticleSummaryView> Items, long TotalCount, bool TotalCountIsExact, ArticleCursor? Next,
    IReadOnlyDictionary<Facet, IReadOnlyList<FacetCount>>? Facets);

public sealed record TopicView(string Name, string Slug, long ArticleCount);

public sealed record ProviderSummaryView(string Domain, string? Name, IReadOnlyList<ImageRef> Images, long ArticleCount);

public sealed record ProviderListResult(IReadOnlyList<ProviderSummaryView> Items, long TotalCount);
