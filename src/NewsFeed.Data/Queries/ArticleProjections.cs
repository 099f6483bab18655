using System.Linq.Expressions;
using NewsFeed.Data.Entities;

namespace NewsFeed.Data.Queries;

/// <summary>The EF projections shared by the list and the record: one place says how an article becomes a summary.</summary>
internal static class ArticleProjections
{
    public static readonly Expression<Func<Article, ArticleSummaryView>> Summary = a => new ArticleSummaryView(
        a.Id, a.Slug, a.Title, a.Excerpt, a.PublishedAt, a.WebUrl, a.OriginalUrl, a.AmpWebUrl, a.CdnAmpWebUrl,
        a.Provider == null ? null : new ProviderView(a.Provider.Name, a.Provider.Domain,
            a.Provider.Logos.OrderBy(l => l.Position).Select(l => new ImageView(l.Url, l.Width, l.Height, l.IsCached, l.Title)).ToList()),
        a.Topics.OrderBy(t => t.Position).Select(t => t.Topic!.Name).ToList(),
        a.Images.OrderBy(i => i.Position).Select(i => new ImageView(i.Url, i.Width, i.Height, i.IsCached, i.Title)).ToList(),
        a.Heat, a.Type, a.Category, a.Quality, a.Published, a.Removed == true, a.Related.Count, a.UpdatedAt);

    public static readonly Expression<Func<RelatedItem, RelatedRow>> Related = r => new RelatedRow(
        r.Position, r.Title, r.Excerpt, r.PublishedAt, r.WebUrl, r.CanonicalUrl, r.AmpWebUrl, r.CdnAmpWebUrl, r.Type, r.Quality,
        r.Provider == null ? null : new ProviderView(r.Provider.Name, r.Provider.Domain,
            r.Provider.Logos.OrderBy(l => l.Position).Select(l => new ImageView(l.Url, l.Width, l.Height, l.IsCached, l.Title)).ToList()),
        r.Images.OrderBy(i => i.Position).Select(i => new ImageView(i.Url, i.Width, i.Height, i.IsCached, i.Title)).ToList());

    /// <summary>A related item as stored, before its URL is resolved to an article here.</summary>
    internal sealed record RelatedRow(
        int Position, string? Title, string? Excerpt, DateTime? PublishedAt, string? WebUrl, string? CanonicalUrl, string? AmpWebUrl,
        string? CdnAmpWebUrl, string? Type, int? Quality, ProviderView? Provider, IReadOnlyList<ImageView> Images);
}
