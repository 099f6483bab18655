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

    /// <summary>Values for <see cref="ArticleColumns"/>.</summary>
    public static object?[] Article(IncomingArticle incoming, string slug, long? providerId, string importId, DateTime now, long changeNumber)
    {
        var d = incoming.Document;
        return
        [
            d.CanonicalUrl, slug, .. Fields.Select(f => f.Get(d)), providerId, d.Provider?.Name, d.Body, d.Extra, incoming.SourcePath,
            incoming.ContentHash, incoming.DocumentHash, importId, now, changeNumber,
        ];
    }

    public static object?[] Image(int position, ImageRef image) =>
        [position, image.Url, image.Width, image.Height, image.IsCached, image.Title];

    /// <summary>Values for <see cref="RelatedColumns"/>.</summary>
    public static object?[] Related(long articleId, int position, RelatedRef r, long? providerId) =>
    [
        articleId, position, .. ArticleFields.Related.Select(f => f.Get(r)), r.CanonicalUrl, providerId, r.Provider?.Name,
    ];

    public static object?[] Prepend(long id, object?[] rest) => [id, .. rest];

    public static object?[] Prepend(long id, int position, object?[] rest) => [id, position, .. rest];
}
