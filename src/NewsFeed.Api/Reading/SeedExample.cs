using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Extensions;
using NewsFeed.FrontMatter;
using NewsFeed.Data.Queries;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.Reading;

/// <summary>
/// Swagger examples for the article schemas, made from the seed record shipped with the app (read with the same
/// reader the importer uses), so the documentation shows real data in the exact shape the API returns.
/// </summary>
internal sealed class SeedExample(IOptions<JsonOptions> json, FeaturedContentSanitizer sanitizer) : ISchemaFilter
{
    private readonly Lazy<ArticleView?> _article = new(Read);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || _article.Value is not { } a) return;
        object? example = context.Type == typeof(Article) ? a.ToContract(sanitizer)
            : context.Type == typeof(ArticleSummary) ? a.Summary.ToContract()
            : context.Type == typeof(RelatedItem) && a.Related.Count > 0 ? a.Related[0].ToContract()
            : null;
        if (example is not null) target.Examples = [JsonSerializer.SerializeToNode(example, json.Value.JsonSerializerOptions)!];
    }

    /// <summary>The seed as the read queries would return it once imported: the first article of an empty database.</summary>
    private static ArticleView? Read()
    {
        var file = Directory.Exists(SampleData.Folder) ? Directory.EnumerateFiles(SampleData.Folder).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (file is null || ArticleFileReader.Read(File.ReadAllBytes(file)).Document is not { } d) return null;
        var stamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        const long id = 1;
        var slug = Slug.ForArticle(Path.GetFileName(file), d.PublishedAt, d.Title);
        return new ArticleView
        {
            // ChangeNumber 2: the number of the first write to a new database.
            Summary = new ArticleSummaryView { Id = id, Slug = slug, Document = d, RelatedCount = d.Related.Count, UpdatedAt = stamp, ChangeNumber = 2 },
            Related = [.. d.Related.Select(r =>
            {
                var isThis = r.CanonicalUrl == d.CanonicalUrl;
                return new RelatedItemView { Document = r, ArticleId = isThis ? id : null, Slug = isThis ? slug : null };
            })],
            ImportedAt = stamp,
        };
    }
}
