namespace NewsFeed.Data.Queries;

// What the query services return: plain records shaped for reading, never entities. The API maps them to its contracts.

public sealed record ImageView(string Url, int? Width, int? Height, bool? IsCached, string? Title);

public sealed record ProviderView(string? Name, string Domain, IReadOnlyList<ImageView> Images);

public sealed record ArticleSummaryView(
    long Id, string Slug, string Title, string? Excerpt, DateTime PublishedAt, string? WebUrl, string? OriginalUrl,
    string? AmpWebUrl, string? CdnAmpWebUrl, ProviderView? Provider, IReadOnlyList<string> Topics, IReadOnlyList<ImageView> Images,
    int? Heat, string? Type, string? Category, int? Quality, bool? Published, bool Removed, int RelatedCount, DateTime UpdatedAt)
{
    /// <summary>With a search: the matched text with matches between <see cref="SnippetMarks.Start"/> and <see cref="SnippetMarks.End"/>.</summary>
    public string? Snippet { get; init; }
    public long ChangeNumber { get; init; }
}

public sealed record RelatedItemView(
    string? Title, string? Excerpt, DateTime? PublishedAt, string? WebUrl, string? AmpWebUrl, string? CdnAmpWebUrl, string? Type,
    int? Quality, ProviderView? Provider, IReadOnlyList<ImageView> Images, long? ArticleId, string? Slug);

public sealed record ArticleView(
    ArticleSummaryView Summary, string Body, string? FeaturedContent, string? Secured, IReadOnlyList<RelatedItemView> Related,
    string? Extra, DateTime ImportedAt);

public sealed record FacetCount(string Value, string? Label, long Count);

public sealed record ArticleListResult(
    IReadOnlyList<ArticleSummaryView> Items, long TotalCount, bool TotalCountIsExact, ArticleCursor? Next,
    IReadOnlyDictionary<Facet, IReadOnlyList<FacetCount>>? Facets);

public sealed record TopicView(string Name, string Slug, long ArticleCount);

public sealed record ProviderSummaryView(string Domain, string? Name, IReadOnlyList<ImageView> Images, long ArticleCount);

public sealed record ProviderListResult(IReadOnlyList<ProviderSummaryView> Items, long TotalCount);
