namespace NewsFeed.Data.Entities;

/// <summary>The fields every image has; each owner keeps its images in their own table, in file order.</summary>
public abstract class Image
{
    public int Position { get; set; }
    public required string Url { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public bool? IsCached { get; set; }
    public string? Title { get; set; }
}

public sealed class ArticleImage : Image
{
    public long ArticleId { get; set; }
}

public sealed class ProviderLogo : Image
{
    public long ProviderId { get; set; }
}

public sealed class RelatedItemImage : Image
{
    public long ArticleId { get; set; }
    public int RelatedPosition { get; set; }
}

public sealed class ArticleProviderLogo : Image
{
    public long ArticleId { get; set; }
}

public sealed class RelatedItemProviderLogo : Image
{
    public long ArticleId { get; set; }
    public int RelatedPosition { get; set; }
}
