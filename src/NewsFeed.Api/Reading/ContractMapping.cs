using System.Net;
using System.Text.Json;
using NewsFeed.Api.Contracts;
using NewsFeed.Data.Queries;
using NewsFeed.FrontMatter;
using ProviderRef = NewsFeed.Api.Contracts.ProviderRef;

namespace NewsFeed.Api.Reading;

/// <summary>From the query services' read models to the API's contracts.</summary>
internal static class ContractMapping
{
    public static Image ToContract(this ImageRef i) => new(Url: i.Url, Width: i.Width, Height: i.Height, IsCached: i.IsCached, Title: i.Title);

    public static ProviderRef ToContract(this FrontMatter.ProviderRef p) =>
        new(Name: p.Name, Domain: p.Domain, Images: [.. p.Images.Select(ToContract)]);

    public static ArticleSummary ToContract(this ArticleSummaryView a) => ContractFields<ArticleSummary, ArticleDocument>.From(a.Document) with
    {
        Id = a.Id,
        Slug = a.Slug,
        Provider = a.Document.Provider?.ToContract(),
        Topics = a.Document.Topics,
        Images = [.. a.Document.Images.Select(ToContract)],
        RelatedCount = a.RelatedCount,
        UpdatedAt = a.UpdatedAt,
        ChangeNumber = a.ChangeNumber,
        Snippet = a.Snippet is null ? null : Highlight(a.Snippet),
    };

    public static RelatedItem ToContract(this RelatedItemView r) => ContractFields<RelatedItem, RelatedRef>.From(r.Document) with
    {
        Provider = r.Document.Provider?.ToContract(),
        Images = [.. r.Document.Images.Select(ToContract)],
        ArticleId = r.ArticleId,
        Slug = r.Slug,
    };

    public static Article ToContract(this ArticleView view, FeaturedContentSanitizer sanitizer)
    {
        var (a, d) = (view.Summary, view.Summary.Document);
        return ContractFields<Article, ArticleDocument>.From(d) with
        {
            Id = a.Id,
            Slug = a.Slug,
            Provider = d.Provider?.ToContract(),
            Topics = d.Topics,
            Images = [.. d.Images.Select(ToContract)],
            RelatedCount = a.RelatedCount,
            Body = d.Body,
            FeaturedContent = sanitizer.Sanitize(d.FeaturedContent),
            Related = [.. view.Related.Select(ToContract)],
            Extra = d.Extra is null ? null : JsonDocument.Parse(d.Extra).RootElement.Clone(),
            ImportedAt = view.ImportedAt,
            UpdatedAt = a.UpdatedAt,
            ChangeNumber = a.ChangeNumber,
        };
    }

    public static Topic ToContract(this TopicView t) => new(t.Name, t.Slug, t.ArticleCount);

    public static Provider ToContract(this ProviderSummaryView p) => new(p.Domain, p.Name, [.. p.Images.Select(ToContract)], p.ArticleCount);

    public static ArticlePage ToContract(this ArticleListResult result, ArticleQuery query)
    {
        var facets = result.Facets is null ? null : new Facets(
            Pick(result.Facets, Facet.Topic), Pick(result.Facets, Facet.Provider), Pick(result.Facets, Facet.Type));
        return new ArticlePage([.. result.Items.Select(ToContract)], query.Page, query.PageSize, result.TotalCount,
            result.TotalCountIsExact, PageCount(result.TotalCount, query.PageSize), result.Next?.Encode(), facets);
    }

    public static long PageCount(long total, int pageSize) => (total + pageSize - 1) / pageSize;

    private static IReadOnlyList<FacetValue>? Pick(IReadOnlyDictionary<Facet, IReadOnlyList<FacetCount>> facets, Facet facet) =>
        facets.TryGetValue(facet, out var counts) ? [.. counts.Select(c => new FacetValue(c.Value, c.Label, c.Count))] : null;

    /// <summary>The snippet as safe HTML: the text escaped, then the engine's match markers turned into &lt;mark&gt;.</summary>
    private static string Highlight(string snippet) => WebUtility.HtmlEncode(snippet)
        .Replace(WebUtility.HtmlEncode(SnippetMarks.Start.ToString()), "<mark>", StringComparison.Ordinal)
        .Replace(WebUtility.HtmlEncode(SnippetMarks.End.ToString()), "</mark>", StringComparison.Ordinal);
}
