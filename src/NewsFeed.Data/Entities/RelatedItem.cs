namespace NewsFeed.Data.Entities;

/// <summary>
/// An entry of an article's <c>related</c> list, in order. It points at another article by URL only:
/// the link is resolved when read, so it works whichever of the two was imported first.
/// </summary>
public sealed class RelatedItem
{
    public long ArticleId { get; set; }
    public int Position { get; set; }
    public string? Title { get; set; }
    public string? Excerpt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? WebUrl { get; set; }
    /// <summary>The canonical form of <see cref="WebUrl"/>, to find the article it names.</summary>
    public string? CanonicalUrl { get; set; }
    public string? AmpWebUrl { get; set; }
    public string? CdnAmpWebUrl { get; set; }
    public string? Type { get; set; }
    public int? Quality { get; set; }
    public long? ProviderId { get; set; }
    public Provider? Provider { get; set; }
    /// <summary>The provider's name and logos as the file gave them, whatever the shared provider holds now.</summary>
    public string? ProviderName { get; set; }
    public List<RelatedItemImage> Images { get; set; } = [];
    public List<RelatedItemProviderLogo> ProviderLogos { get; set; } = [];
}
