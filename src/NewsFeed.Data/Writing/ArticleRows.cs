using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Writing;

/// <summary>Turns documents into the rows of each table, column lists beside the values they describe.</summary>
internal static class ArticleRows
{
    /// <summary>The article's scalar front-matter fields, each stored in the column its entity property is named after.</summary>
    private static readonly IReadOnlyList<ArticleField> Fields = ArticleFields.All;

    public static readonly string[] ArticleColumns =
    [
        "canonical_url", "slug", .. Fields.Select(f => SnakeCaseNames.ToSnakeCase(f.Name)), "provider_id", "provider_name", "body",
        "extra", "source_path", "content_hash", "document_hash", "import_id", "updated_at", "change_number",
    ];

    public static readonly string[] InsertColumns = ["id", .. ArticleColumns, "imported_at"];

    public static readonly string[] TopicColumns = ["article_id", "topic_id", "position"];

    public static readonly string[] ImageColumns = ["position", "url", "width", "height", "is_cached", "title"];

    public static readonly string[] ArticleImageColumns = ["article_id", .. ImageColumns];

    public static readonly string[] ProviderLogoColumns = ["provider_id", .. ImageColumns];

    public static readonly string[] ArticleProviderLogoColumns = ["article_id", .. ImageColumns];

    /// <summary>A related item's scalar fields (<see cref="ArticleFields.Related"/>), each in the column named after it.</summary>
    public static readonly string[] RelatedColumns =
    [
        "article_id", "position", .. ArticleFields.Related.Select(f => SnakeCaseNames.ToSnakeCase(f.Name)), "canonical_url", "provider_id",
        "provider_name",
    ];

    public static readonly string[] RelatedImageColumns = ["article_id", "related_position", .. ImageColumns];

    public static readonly string[] RelatedProviderLogoColumns = RelatedImageColumns;

    // Rows are built straight into arrays of their final length: one array per row, no list grown on the way, as the
    // import builds hundreds of thousands of them.

    /// <summary>Values for <see cref="ArticleColumns"/>.</summary>
    public static object?[] Article(IncomingArticle incoming, string slug, long? providerId, string importId, DateTime now, long changeNumber)
    {
        var d = incoming.Document;
        var row = new object?[ArticleColumns.Length];
        var i = 0;
        row[i++] = d.CanonicalUrl;
        row[i++] = slug;
        foreach (var field in Fields) row[i++] = field.Get(d);
        row[i++] = providerId;
        row[i++] = d.Provider?.Name;
        row[i++] = d.Body;
        row[i++] = d.Extra;
        row[i++] = incoming.SourcePath;
        row[i++] = incoming.ContentHash;
        row[i++] = incoming.DocumentHash;
        row[i++] = importId;
        row[i++] = now;
        row[i] = changeNumber;
        return row;
    }

    /// <summary>Values for <see cref="ArticleImageColumns"/>, <see cref="ArticleProviderLogoColumns"/> or <see cref="ProviderLogoColumns"/>.</summary>
    public static object?[] Image(long ownerId, int position, ImageRef image) =>
        [ownerId, position, image.Url, image.Width, image.Height, image.IsCached, image.Title];

    /// <summary>Values for <see cref="RelatedImageColumns"/> or <see cref="RelatedProviderLogoColumns"/>.</summary>
    public static object?[] Image(long articleId, int relatedPosition, int position, ImageRef image) =>
        [articleId, relatedPosition, position, image.Url, image.Width, image.Height, image.IsCached, image.Title];

    /// <summary>Values for <see cref="RelatedColumns"/>.</summary>
    public static object?[] Related(long articleId, int position, RelatedRef r, long? providerId)
    {
        var row = new object?[RelatedColumns.Length];
        var i = 0;
        row[i++] = articleId;
        row[i++] = position;
        foreach (var field in ArticleFields.Related) row[i++] = field.Get(r);
        row[i++] = r.CanonicalUrl;
        row[i++] = providerId;
        row[i] = r.Provider?.Name;
        return row;
    }
}
