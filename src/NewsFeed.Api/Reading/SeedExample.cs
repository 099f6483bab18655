using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Extensions;
using NewsFeed.FrontMatter;
using ProviderRef = NewsFeed.Api.Contracts.ProviderRef;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.Reading;

/// <summary>
/// Swagger examples for the article schemas, made from the seed record shipped with the app (read with the same
/// reader the importer uses), so the documentation shows real data in the exact shape the API returns.
/// </summary>
internal sealed class SeedExample(IOptions<JsonOptions> json, FeaturedContentSanitizer sanitizer) : ISchemaFilter
{
    private readonly Lazy<Article?> _article = new(() => Read(sanitizer));

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || _article.Value is not { } a) return;
        object? example = context.Type == typeof(Article) ? a
            : context.Type == typeof(ArticleSummary) ? new ArticleSummary(a.Id, a.Slug, a.Title, a.Excerpt, a.PublishedDateTime, a.WebUrl,
                a.OriginalUrl, a.AmpWebUrl, a.CdnAmpWebUrl, a.Provider, a.Topics, a.Images, a.Heat, a.Type, a.Category, a.Quality, a.Published,
                a.Removed, a.RelatedCount, a.UpdatedAt, null) { ChangeNumber = a.ChangeNumber }
            : context.Type == typeof(RelatedItem) && a.Related.Count > 0 ? a.Related[0]
            : null;
        if (example is not null) target.Examples = [JsonSerializer.SerializeToNode(example, json.Value.JsonSerializerOptions)!];
    }

    private static Article? Read(FeaturedContentSanitizer sanitizer)
    {
        var file = Directory.Exists(SampleData.Folder) ? Directory.EnumerateFiles(SampleData.Folder).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (file is null || ArticleFileReader.Read(File.ReadAllBytes(file)).Document is not { } d) return null;
        var stamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        static Image Image(ImageRef i) => new(i.Url, i.Width, i.Height, i.IsCached, i.Title);
        static ProviderRef? Provider(FrontMatter.ProviderRef? p) => p is null ? null : new(p.Name, p.Domain, [.. p.Images.Select(Image)]);
        var canonical = d.CanonicalUrl;
        var slug = Slug.ForArticle(Path.GetFileName(file), d.PublishedAt, d.Title);
        return new Article(1, slug, d.Title, d.Excerpt, d.PublishedAt, d.WebUrl, d.OriginalUrl, d.AmpWebUrl, d.CdnAmpWebUrl,
            Provider(d.Provider), d.Topics, [.. d.Images.Select(Image)], d.Heat, d.Type, d.Category, d.Quality, d.Published,
            d.Removed == true, d.Related.Count, d.Body, sanitizer.Sanitize(d.FeaturedContent), d.Secured,
            [.. d.Related.Select(r => new RelatedItem(r.Title, r.Excerpt, r.PublishedAt, r.WebUrl, r.AmpWebUrl, r.CdnAmpWebUrl, r.Type,
                r.Quality, Provider(r.Provider), [.. r.Images.Select(Image)],
                r.WebUrl is not null && CanonicalUrl.From(r.WebUrl) == canonical ? 1 : null,
                r.WebUrl is not null && CanonicalUrl.From(r.WebUrl) == canonical ? slug : null))],
            d.Extra is null ? null : JsonDocument.Parse(d.Extra).RootElement.Clone(), stamp, stamp)
            { ChangeNumber = 2 }; // the number of the first write to a new database
    }
}
