using System.Net;
using System.Text.Json;
using NewsFeed.Api.Contracts;
using NewsFeed.Data.Queries;

namespace NewsFeed.Api.Reading;

/// <summary>From the query services' read models to the API's contracts.</summary>
internal static class ContractMapping
{
    public static Image ToContract(this ImageView i) => new(i.Url, i.Width, i.Height, i.IsCached, i.Title);

    public static ProviderRef ToContract(this ProviderView p) => new(p.Name, p.Domain, [.. p.Images.Select(ToContract)]);

    public static ArticleSummary ToContract(this ArticleSummaryView a) => new(
        a.Id, a.Slug, a.Title, a.Excerpt, a.PublishedAt, a.WebUrl, a.OriginalUrl, a.AmpWebUrl, a.CdnAmpWebUrl, a.Provider?.ToContract(),
        a.Topics, [.. a.Images.Select(ToContract)], a.Heat, a.Type, a.Category, a.Quality, a.Published, a.Removed, a.RelatedCount,
        a.UpdatedAt, a.Snippet is null ? null : Highlight(a.Snippet)) { ChangeNumber = a.ChangeNumber };

    public static RelatedItem ToContract(this RelatedItemView r) => new(
        r.Title, r.Excerpt, r.PublishedAt, r.WebUrl, r.AmpWebUrl, r.CdnAmpWebUrl, r.Type, r.Quality, r.Provider?.ToContract(),
        [.. r.Images.Select(ToContract)], r.ArticleId, r.Slug);

    public static Article ToContract(this ArticleView view, FeaturedContentSanitizer sanitizer)
    {
        var a = view.Summary;
        return new Article(a.Id, a.Slug, a.Title, a.Excerpt, a.PublishedAt, a.WebUrl, a.OriginalUrl, a.AmpWebUrl, a.CdnAmpWebUrl,
            a.Provider?.ToContract(), a.Topics, [.. a.Images.Select(ToContract)], a.Heat, a.Type, a.Category, a.Quality, a.Published,
            a.Removed, a.RelatedCount, view.Body, sanitizer.Sanitize(view.FeaturedContent), view.Secured,
            [.. view.Related.Select(ToContract)], view.Extra is null ? null : JsonDocument.Parse(view.Extra).RootElement.Clone(),
            view.ImportedAt, a.UpdatedAt) { ChangeNumber = a.ChangeNumber };
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
