using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data.Entities;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Export;

/// <summary>Stored articles turned back into the documents they were imported from, for export.</summary>
public sealed class ArticleDocuments(IDbContextFactory<NewsFeedDbContext> contexts)
{
    /// <summary>The articles with these ids, in the order given, each with the slug it is exported under.</summary>
    /// <remarks>
    /// Read table by table, each list matched to its article by key here: EF Core's Include graph (split queries joined
    /// back to their parents, then fixed up row by row) took most of an export's CPU, for 30 related items and their
    /// images per article.
    /// </remarks>
    public async Task<List<(string Slug, ArticleDocument Document)>> LoadAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var articles = await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var related = (await OfArticles<RelatedItem>(db, ids).ToListAsync(ct)).ToLookup(r => r.ArticleId);
        var providerIds = articles.Values.Select(a => a.ProviderId)
            .Concat(related.SelectMany(r => r).Select(r => r.ProviderId)).OfType<long>().Distinct().ToList();
        var lists = new Lists(
            (await OfArticles<ArticleTopic>(db, ids).Select(t => new { t.ArticleId, t.Position, t.Topic!.Name }).ToListAsync(ct))
                .ToLookup(t => t.ArticleId, t => (t.Position, t.Name)),
            (await OfArticles<ArticleImage>(db, ids).ToListAsync(ct)).ToLookup(i => i.ArticleId, i => (Image)i),
            (await OfArticles<ArticleProviderLogo>(db, ids).ToListAsync(ct)).ToLookup(l => l.ArticleId, l => (Image)l),
            related,
            (await OfArticles<RelatedItemImage>(db, ids).ToListAsync(ct)).ToLookup(i => (i.ArticleId, i.RelatedPosition), i => (Image)i),
            (await OfArticles<RelatedItemProviderLogo>(db, ids).ToListAsync(ct)).ToLookup(l => (l.ArticleId, l.RelatedPosition), l => (Image)l),
            await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Domain, ct));
        return [.. ids.Where(articles.ContainsKey).Select(id => (articles[id].Slug, ToDocument(articles[id], lists)))];
    }

    /// <summary>The rows of one of an article's lists (every such table keys its rows by <c>ArticleId</c>) for these articles.</summary>
    private static IQueryable<T> OfArticles<T>(NewsFeedDbContext db, IReadOnlyCollection<long> ids) where T : class =>
        db.Set<T>().AsNoTracking().Where(row => EF.Parameter(ids).Contains(EF.Property<long>(row, nameof(ArticleImage.ArticleId))));

    /// <summary>The lists of a page of articles, each by its owner's key, and the domains of the providers they name.</summary>
    private sealed record Lists(
        ILookup<long, (int Position, string Name)> Topics,
        ILookup<long, Image> Images,
        ILookup<long, Image> ProviderLogos,
        ILookup<long, RelatedItem> Related,
        ILookup<(long, int), Image> RelatedImages,
        ILookup<(long, int), Image> RelatedProviderLogos,
        Dictionary<long, string> Domains);

    /// <summary>A document holding the article's scalar fields, each copied from the entity property of its name.</summary>
    private static readonly Func<Article, ArticleDocument> Scalars = ScalarCopier<Article, ArticleDocument>(ArticleFields.All);

    /// <summary>The same for a related item's fields.</summary>
    private static readonly Func<RelatedItem, RelatedRef> RelatedScalars = ScalarCopier<RelatedItem, RelatedRef>(ArticleFields.Related);

    private static ArticleDocument ToDocument(Article a, Lists lists) => Scalars(a) with
    {
        // The provider as the article's file gave it, not the shared per-domain one's latest name and logos.
        Provider = a.ProviderId is { } provider ? new ProviderRef(a.ProviderName, lists.Domains[provider], Images(lists.ProviderLogos[a.Id])) : null,
        Topics = [.. lists.Topics[a.Id].OrderBy(t => t.Position).Select(t => t.Name)],
        Images = Images(lists.Images[a.Id]),
        Related = [.. lists.Related[a.Id].OrderBy(r => r.Position).Select(r => RelatedScalars(r) with
        {
            Provider = r.ProviderId is { } rp
                ? new ProviderRef(r.ProviderName, lists.Domains[rp], Images(lists.RelatedProviderLogos[(a.Id, r.Position)]))
                : null,
            Images = Images(lists.RelatedImages[(a.Id, r.Position)]),
        })],
        Body = a.Body,
        Extra = a.Extra,
    };

    private static Func<TEntity, TDocument> ScalarCopier<TEntity, TDocument>(IReadOnlyList<ArticleField> fields)
    {
        var entity = Expression.Parameter(typeof(TEntity), "entity");
        var bindings = fields.Select(f => Expression.Bind(f.Property, Expression.Property(entity, f.Name)));
        return Expression.Lambda<Func<TEntity, TDocument>>(
            Expression.MemberInit(Expression.New(typeof(TDocument)), bindings), entity).Compile();
    }

    private static List<ImageRef> Images(IEnumerable<Image> images) =>
        [.. images.OrderBy(i => i.Position).Select(i => new ImageRef(i.Url, i.Width, i.Height, i.IsCached, i.Title))];
}
