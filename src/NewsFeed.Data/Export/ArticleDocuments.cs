using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data.Entities;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Export;

/// <summary>Stored articles turned back into the documents they were imported from, for export.</summary>
public sealed class ArticleDocuments(IDbContextFactory<NewsFeedDbContext> contexts)
{
    /// <summary>The articles with these ids, in the order given, each with the slug it is exported under.</summary>
    public async Task<List<(string Slug, ArticleDocument Document)>> LoadAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var articles = await db.Articles.AsNoTracking()
            .Where(a => EF.Parameter(ids).Contains(a.Id))
            .Include(a => a.Provider)
            .Include(a => a.ProviderLogos)
            .Include(a => a.Topics).ThenInclude(t => t.Topic)
            .Include(a => a.Images)
            .Include(a => a.Related).ThenInclude(r => r.Provider)
            .Include(a => a.Related).ThenInclude(r => r.Images)
            .Include(a => a.Related).ThenInclude(r => r.ProviderLogos)
            .AsSplitQuery()
            .ToDictionaryAsync(a => a.Id, ct);
        return [.. ids.Where(articles.ContainsKey).Select(id => (articles[id].Slug, ToDocument(articles[id])))];
    }

    /// <summary>A document holding the article's scalar fields, each copied from the entity property of its name.</summary>
    private static readonly Func<Article, ArticleDocument> Scalars = ScalarCopier<Article, ArticleDocument>(ArticleFields.All);

    /// <summary>The same for a related item's fields.</summary>
    private static readonly Func<RelatedItem, RelatedRef> RelatedScalars = ScalarCopier<RelatedItem, RelatedRef>(ArticleFields.Related);

    private static ArticleDocument ToDocument(Article a) => Scalars(a) with
    {
        // The provider as the article's file gave it, not the shared per-domain one's latest name and logos.
        Provider = a.Provider is { } p ? new ProviderRef(a.ProviderName, p.Domain, Images(a.ProviderLogos)) : null,
        Topics = [.. a.Topics.OrderBy(t => t.Position).Select(t => t.Topic!.Name)],
        Images = Images(a.Images),
        Related = [.. a.Related.OrderBy(r => r.Position).Select(r => RelatedScalars(r) with
        {
            Provider = r.Provider is { } rp ? new ProviderRef(r.ProviderName, rp.Domain, Images(r.ProviderLogos)) : null,
            Images = Images(r.Images),
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
