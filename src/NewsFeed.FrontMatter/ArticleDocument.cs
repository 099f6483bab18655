namespace NewsFeed.FrontMatter;

/// <summary>
/// One article as read from a front-matter file: every known key typed, every unknown key kept in <see cref="Extra"/>.
/// Properties are declared in the order real files write their keys: <see cref="ArticleFields"/> reads the scalar ones
/// from here for every layer that lists them.
/// </summary>
public sealed record ArticleDocument
{
    public string? Category { get; init; }
    public required string Title { get; init; }
    public string? Excerpt { get; init; }
    /// <summary>Always UTC.</summary>
    [FrontMatterKey("publishedDateTime")]
    public required DateTime PublishedAt { get; init; }
    public string? OriginalUrl { get; init; }
    public string? WebUrl { get; init; }
    public string? AmpWebUrl { get; init; }
    public string? CdnAmpWebUrl { get; init; }
    public string? Type { get; init; }
    public int? Quality { get; init; }
    public int? Heat { get; init; }
    public bool? Removed { get; init; }
    public bool? Published { get; init; }
    public string? FeaturedContent { get; init; }
    public ProviderRef? Provider { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<ImageRef> Images { get; init; } = [];
    public IReadOnlyList<RelatedRef> Related { get; init; } = [];
    /// <summary>Opaque encrypted blob: stored as text, never read.</summary>
    public string? Secured { get; init; }
    /// <summary>The Markdown after the closing <c>---</c>, possibly empty.</summary>
    public string Body { get; init; } = "";
    /// <summary>Unknown keys at any level as a JSON object keyed by their path (<c>mood</c>, <c>provider.x</c>, <c>related[2].y</c>), or null when there are none.</summary>
    public string? Extra { get; init; }

    /// <summary>The identity of the article: <see cref="WebUrl"/>, else <see cref="OriginalUrl"/>, canonicalized.</summary>
    public string CanonicalUrl => FrontMatter.CanonicalUrl.From((WebUrl ?? OriginalUrl)!);
}

public sealed record ProviderRef(string? Name, string Domain, IReadOnlyList<ImageRef> Images);

public sealed record ImageRef(string Url, int? Width, int? Height, bool? IsCached, string? Title);

/// <summary>An entry of an article's <c>related</c> list; its scalar properties are <see cref="ArticleFields.Related"/>.</summary>
public sealed record RelatedRef
{
    public string? Title { get; init; }
    public string? Excerpt { get; init; }
    [FrontMatterKey("publishedDateTime")]
    public DateTime? PublishedAt { get; init; }
    public string? WebUrl { get; init; }
    public string? AmpWebUrl { get; init; }
    public string? CdnAmpWebUrl { get; init; }
    public string? Type { get; init; }
    public int? Quality { get; init; }
    public ProviderRef? Provider { get; init; }
    public IReadOnlyList<ImageRef> Images { get; init; } = [];

    /// <summary>
    /// The canonical form of <see cref="WebUrl"/>: the item names the article whose <see cref="ArticleDocument.CanonicalUrl"/>
    /// this is (stored beside the item, so the read queries link it by equality; the Swagger example links the same way).
    /// </summary>
    public string? CanonicalUrl => WebUrl is null ? null : FrontMatter.CanonicalUrl.From(WebUrl);
}
