namespace NewsFeed.Data.Entities;

/// <summary>One news article, identified by its canonical URL. Field names follow the front matter.</summary>
public sealed class Article
{
    public long Id { get; set; }
    /// <summary><c>webUrl</c>, else <c>originalUrl</c>, with scheme and host lower-cased and no fragment.</summary>
    public required string CanonicalUrl { get; set; }
    public required string Slug { get; set; }
    public string? Category { get; set; }
    public required string Title { get; set; }
    public string? Excerpt { get; set; }
    public DateTime PublishedAt { get; set; }
    public string? OriginalUrl { get; set; }
    public string? WebUrl { get; set; }
    public string? AmpWebUrl { get; set; }
    public string? CdnAmpWebUrl { get; set; }
    public string? Type { get; set; }
    public int? Quality { get; set; }
    public int? Heat { get; set; }
    public bool? Published { get; set; }
    /// <summary>Null when the file did not say; removed articles are stored and flagged, never dropped.</summary>
    public bool? Removed { get; set; }
    public string? FeaturedContent { get; set; }
    /// <summary>The shared per-domain provider, for <c>/providers</c> and the provider filter.</summary>
    public long? ProviderId { get; set; }
    public Provider? Provider { get; set; }
    /// <summary>The provider's name as this article's file gave it: the shared provider keeps only the latest one.</summary>
    public string? ProviderName { get; set; }
    public string? Secured { get; set; }
    public required string Body { get; set; }
    /// <summary>Unknown front-matter keys as a JSON object keyed by path, so an export can write them back.</summary>
    public string? Extra { get; set; }
    public required string SourcePath { get; set; }
    /// <summary>SHA-256 of the source file's bytes: an unchanged file is recognised without parsing it.</summary>
    public required byte[] ContentHash { get; set; }
    /// <summary>
    /// SHA-256 of the article as read (<see cref="FrontMatter.ArticleDocument"/>'s canonical form): a file that differs in
    /// bytes only (an export of this article) is unchanged. Null for articles stored before it existed.
    /// </summary>
    public byte[]? DocumentHash { get; set; }
    /// <summary>The import that last wrote this article; ties between versions of one import go to the later path.</summary>
    public required string ImportId { get; set; }
    public DateTime ImportedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The database's number for the write that last changed this article: later commits have larger numbers, whatever the servers' clocks.</summary>
    public long ChangeNumber { get; set; }

    public List<ArticleTopic> Topics { get; set; } = [];
    public List<ArticleImage> Images { get; set; } = [];
    /// <summary>The provider's logos as this article's file gave them (see <see cref="ProviderName"/>).</summary>
    public List<ArticleProviderLogo> ProviderLogos { get; set; } = [];
    public List<RelatedItem> Related { get; set; } = [];
}
