using System.Text.Json;

namespace NewsFeed.Api.Contracts;

/// <summary>An image: an article's picture or a provider's logo.</summary>
/// <param name="Url">Where the image is.</param>
/// <param name="Width">Width in pixels, when the file said.</param>
/// <param name="Height">Height in pixels, when the file said.</param>
/// <param name="IsCached">Whether the source site had cached the image.</param>
/// <param name="Title">A caption, when there is one.</param>
public sealed record Image(string Url, int? Width, int? Height, bool? IsCached, string? Title);

/// <summary>The publisher of an article or related item.</summary>
/// <param name="Name">Display name, e.g. "Wall Street Journal".</param>
/// <param name="Domain">Lower-cased domain, e.g. "wsj.com": the provider's key.</param>
/// <param name="Images">Logos, in file order.</param>
public sealed record ProviderRef(string? Name, string Domain, IReadOnlyList<Image> Images);

/// <summary>An article as listed by <c>GET /articles</c>: field names as in the front matter.</summary>
/// <param name="Id">Stable numeric id; <c>GET /articles/{id}</c> reads it.</param>
/// <param name="Slug">URL-safe name, <c>yyyy-MM-dd-title</c>; <c>GET /articles/{slug}</c> reads it.</param>
/// <param name="Title">Headline.</param>
/// <param name="Excerpt">Summary text.</param>
/// <param name="PublishedDateTime">Publication instant, ISO 8601 UTC.</param>
/// <param name="WebUrl">The article on the publisher's site.</param>
/// <param name="OriginalUrl">The URL the record was first found under.</param>
/// <param name="AmpWebUrl">AMP version.</param>
/// <param name="CdnAmpWebUrl">AMP version on the AMP cache.</param>
/// <param name="Provider">Publisher.</param>
/// <param name="Topics">Topic names, in file order.</param>
/// <param name="Images">Pictures, in file order.</param>
/// <param name="Heat">Popularity score from the source feed (-1 when unknown there).</param>
/// <param name="Type">"article", "video", ...</param>
/// <param name="Category">"news", ...</param>
/// <param name="Quality">Quality score from the source feed, 0-100.</param>
/// <param name="Published">The source feed's published flag.</param>
/// <param name="Removed">True when the record was withdrawn; such articles are listed only with includeRemoved=true.</param>
/// <param name="RelatedCount">How many related items the record lists.</param>
/// <param name="UpdatedAt">When this article was last written by an import, ISO 8601 UTC: what updatedSince compares.</param>
/// <param name="Snippet">With q only: the best matching text, HTML-escaped, matched words wrapped in &lt;mark&gt;.</param>
public sealed record ArticleSummary(
    long Id, string Slug, string Title, string? Excerpt, DateTime PublishedDateTime, string? WebUrl, string? OriginalUrl,
    string? AmpWebUrl, string? CdnAmpWebUrl, ProviderRef? Provider, IReadOnlyList<string> Topics, IReadOnlyList<Image> Images,
    int? Heat, string? Type, string? Category, int? Quality, bool? Published, bool Removed, int RelatedCount, DateTime UpdatedAt,
    string? Snippet)
{
    /// <summary>The number of the write that last changed this article, handed out by the database in commit order: pass the largest one seen as changedSince to get everything changed since, whatever the servers' clocks.</summary>
    /// <example>2</example>
    public long ChangeNumber { get; init; }
}

/// <summary>An entry of an article's related list, resolved to an article here when its URL is one.</summary>
/// <param name="Title">Headline.</param>
/// <param name="Excerpt">Summary text.</param>
/// <param name="PublishedDateTime">Publication instant, ISO 8601 UTC.</param>
/// <param name="WebUrl">The story on its publisher's site.</param>
/// <param name="AmpWebUrl">AMP version.</param>
/// <param name="CdnAmpWebUrl">AMP version on the AMP cache.</param>
/// <param name="Type">"article", "video", ...</param>
/// <param name="Quality">Quality score, 0-100.</param>
/// <param name="Provider">Publisher.</param>
/// <param name="Images">Pictures, in file order.</param>
/// <param name="ArticleId">The id of the article here with this URL (by canonical URL), when there is one.</param>
/// <param name="Slug">Its slug, likewise.</param>
public sealed record RelatedItem(
    string? Title, string? Excerpt, DateTime? PublishedDateTime, string? WebUrl, string? AmpWebUrl, string? CdnAmpWebUrl, string? Type,
    int? Quality, ProviderRef? Provider, IReadOnlyList<Image> Images, long? ArticleId, string? Slug);

/// <summary>The whole record of one article, as <c>GET /articles/{idOrSlug}</c> returns it.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Slug">URL-safe name.</param>
/// <param name="Title">Headline.</param>
/// <param name="Excerpt">Summary text.</param>
/// <param name="PublishedDateTime">Publication instant, ISO 8601 UTC.</param>
/// <param name="WebUrl">The article on the publisher's site.</param>
/// <param name="OriginalUrl">The URL the record was first found under.</param>
/// <param name="AmpWebUrl">AMP version.</param>
/// <param name="CdnAmpWebUrl">AMP version on the AMP cache.</param>
/// <param name="Provider">Publisher.</param>
/// <param name="Topics">Topic names, in file order.</param>
/// <param name="Images">Pictures, in file order.</param>
/// <param name="Heat">Popularity score from the source feed.</param>
/// <param name="Type">"article", "video", ...</param>
/// <param name="Category">"news", ...</param>
/// <param name="Quality">Quality score, 0-100.</param>
/// <param name="Published">The source feed's published flag.</param>
/// <param name="Removed">True when the record was withdrawn.</param>
/// <param name="RelatedCount">How many related items the record lists.</param>
/// <param name="Body">The Markdown after the front matter, verbatim.</param>
/// <param name="FeaturedContent">Embedded HTML, sanitized for display: no scripts, event handlers or javascript: URLs; iframes only from allowed video hosts (YouTube, Vimeo, ...).</param>
/// <param name="Secured">Opaque blob carried over from the source; nothing reads it.</param>
/// <param name="Related">Every related item, in file order.</param>
/// <param name="Extra">Front-matter keys this service does not know, keyed by path, as imported.</param>
/// <param name="ImportedAt">When the article was first imported, ISO 8601 UTC.</param>
/// <param name="UpdatedAt">When an import last wrote it, ISO 8601 UTC.</param>
public sealed record Article(
    long Id, string Slug, string Title, string? Excerpt, DateTime PublishedDateTime, string? WebUrl, string? OriginalUrl,
    string? AmpWebUrl, string? CdnAmpWebUrl, ProviderRef? Provider, IReadOnlyList<string> Topics, IReadOnlyList<Image> Images,
    int? Heat, string? Type, string? Category, int? Quality, bool? Published, bool Removed, int RelatedCount, string Body,
    string? FeaturedContent, string? Secured, IReadOnlyList<RelatedItem> Related, JsonElement? Extra, DateTime ImportedAt,
    DateTime UpdatedAt)
{
    /// <summary>The number of the write that last changed this article, handed out by the database in commit order: pass the largest one seen as changedSince to get everything changed since, whatever the servers' clocks.</summary>
    /// <example>2</example>
    public long ChangeNumber { get; init; }
}

/// <summary>One value of a facet and how many matching articles have it.</summary>
/// <param name="Value">What to pass back as a filter: the topic slug, the provider domain or the type.</param>
/// <param name="Label">The topic or provider name.</param>
/// <param name="Count">Matching articles with this value.</param>
public sealed record FacetValue(string Value, string? Label, long Count);

/// <summary>Counts by topic, provider and type over every article matching the filters (not just this page), most frequent first, at most 50 each.</summary>
/// <param name="Topic">With facets=topic.</param>
/// <param name="Provider">With facets=provider.</param>
/// <param name="Type">With facets=type.</param>
public sealed record Facets(IReadOnlyList<FacetValue>? Topic, IReadOnlyList<FacetValue>? Provider, IReadOnlyList<FacetValue>? Type);

/// <summary>A page of articles.</summary>
/// <param name="Items">The articles of this page, in order.</param>
/// <param name="Page">The page number (page paging); absent in cursor paging.</param>
/// <param name="PageSize">Articles per page.</param>
/// <param name="TotalCount">Articles matching the filters: exact, or the database planner's estimate when counting would be costly.</param>
/// <param name="TotalCountIsExact">Whether totalCount is exact.</param>
/// <param name="TotalPages">totalCount divided by pageSize, rounded up.</param>
/// <param name="NextCursor">Pass as cursor to read the next page (keyset: constant cost at any depth); absent on the last page.</param>
/// <param name="Facets">With facets only.</param>
public sealed record ArticlePage(
    IReadOnlyList<ArticleSummary> Items, int? Page, int PageSize, long TotalCount, bool TotalCountIsExact, long TotalPages,
    string? NextCursor, Facets? Facets);
