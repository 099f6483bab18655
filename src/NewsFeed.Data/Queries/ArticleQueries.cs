using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data.Writing;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Reads articles for the API: the page of ids is hand-written SQL (search, keyset paging and engine-specific ranking
/// need it), and so are the rows for those ids (<see cref="ArticleReads"/>).
/// </summary>
public sealed class ArticleQueries(IDbContextFactory<NewsFeedDbContext> contexts, DatabaseSettings settings, ReadOptions options)
{
    private const int FacetValuesShown = 50;
    private readonly ReadDialect _dialect = ReadDialect.For(settings.Provider);

    public async Task<ArticleListResult> ListAsync(ArticleQuery query, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();

        var (ids, next) = await PageAsync(connection, query, ct);
        var (total, exact) = await CountAsync(connection, query, ids.Count, next is not null, ct);

        var loaded = await ArticleReads.SummariesAsync(connection, ids, ct);
        var snippets = query.Search is { } search && ids.Count > 0 ? await SnippetsAsync(connection, search, ids, ct) : null;
        var items = ids.Select(id => loaded[id] with { Snippet = snippets?.GetValueOrDefault(id) }).ToList();

        Dictionary<Facet, IReadOnlyList<FacetCount>>? facets = null;
        if (query.Facets.Count > 0)
        {
            facets = [];
            foreach (var facet in query.Facets.Order()) facets[facet] = await FacetAsync(connection, query, facet, ct);
        }
        return new ArticleListResult(items, total, exact, next, facets);
    }

    /// <summary>One article by id or slug, with everything stored about it; null when there is none.</summary>
    public async Task<ArticleView?> GetAsync(string idOrSlug, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var record = await Find(db, idOrSlug).Select(a => new { a.Id, a.Body, a.FeaturedContent, a.Secured, a.Extra, a.ImportedAt })
            .FirstOrDefaultAsync(ct);
        if (record is null) return null;
        var connection = db.Database.GetDbConnection();
        var summary = (await ArticleReads.SummariesAsync(connection, [record.Id], ct))[record.Id];
        var related = await ArticleReads.RelatedAsync(connection, record.Id, ct);
        return new ArticleView(summary, record.Body, record.FeaturedContent, record.Secured, related, record.Extra, record.ImportedAt);
    }

    /// <summary>An article's related items in file order; null when the article does not exist.</summary>
    public async Task<IReadOnlyList<RelatedItemView>?> GetRelatedAsync(string idOrSlug, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var found = await Find(db, idOrSlug).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        return found is { } id ? await ArticleReads.RelatedAsync(db.Database.GetDbConnection(), id, ct) : null;
    }

    /// <summary>The id of the article with this id or slug; null when there is none.</summary>
    public async Task<long?> FindIdAsync(string idOrSlug, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Find(db, idOrSlug).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<Entities.Article> Find(NewsFeedDbContext db, string idOrSlug) =>
        long.TryParse(idOrSlug, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? db.Articles.AsNoTracking().Where(a => a.Id == id)
            : db.Articles.AsNoTracking().Where(a => a.Slug == idOrSlug);

    private async Task<(List<long> Ids, ArticleCursor? Next)> PageAsync(DbConnection connection, ArticleQuery query, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = new ArticleListSql(query, _dialect, cmd).Page();
        var ids = new List<long>(query.PageSize + 1);
        object[]? last = null;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
            if (ids.Count == query.PageSize) last = SortValues(reader, query);
        }
        if (ids.Count <= query.PageSize) return (ids, null);
        ids.RemoveAt(ids.Count - 1);
        return (ids, new ArticleCursor(query.Fingerprint(), last!, ids[^1]));
    }

    private static object[] SortValues(DbDataReader reader, ArticleQuery query)
    {
        var values = new object[query.Sort.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var column = i + 1;
            values[i] = query.Sort[i].Field switch
            {
                SortField.PublishedDateTime or SortField.UpdatedAt => DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc),
                SortField.Title => reader.GetString(column),
                SortField.Relevance => Convert.ToDouble(reader.GetValue(column), CultureInfo.InvariantCulture),
                _ => DbValues.Long(reader.GetValue(column)),
            };
        }
        return values;
    }

    /// <summary>
    /// The total, as cheaply as it can be known: from the page itself when it is the last one, else exactly when the
    /// planner expects few rows (or the engine has no planner estimate), else the planner's estimate, flagged inexact.
    /// </summary>
    private async Task<(long Total, bool Exact)> CountAsync(DbConnection connection, ArticleQuery query, int rows, bool hasMore, CancellationToken ct)
    {
        var offset = query.After is null ? (long)((query.Page ?? 1) - 1) * query.PageSize : -1;
        if (!hasMore && offset >= 0 && (rows > 0 || offset == 0)) return (offset + rows, true);

        await using var cmd = connection.CreateCommand();
        var sql = new ArticleListSql(query, _dialect, cmd);
        cmd.CommandText = $"SELECT 1 FROM {sql.From} WHERE {sql.Filter}";
        var estimate = await _dialect.EstimateRowsAsync(connection, cmd, ct);
        if (estimate is { } rowsEstimated && rowsEstimated > options.ExactCountLimit)
            return (Math.Max(rowsEstimated, Math.Max(offset, 0) + rows + (hasMore ? 1 : 0)), false);
        cmd.CommandText = sql.Count();
        return (DbValues.Long((await cmd.ExecuteScalarAsync(ct))!), true);
    }

    private async Task<Dictionary<long, string>> SnippetsAsync(DbConnection connection, SearchQuery search, List<long> ids, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = _dialect.SnippetSql(cmd, search, ids);
        var snippets = new Dictionary<long, string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) snippets[reader.GetInt64(0)] = reader.GetString(1);
        return snippets;
    }

    private async Task<IReadOnlyList<FacetCount>> FacetAsync(DbConnection connection, ArticleQuery query, Facet facet, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        var sql = new ArticleListSql(query, _dialect, cmd);
        var matching = $"SELECT a.id FROM {sql.From} WHERE {sql.Filter}";
        // Ties in count are broken by id, which is the same on both engines whatever their collation.
        cmd.CommandText = facet switch
        {
            Facet.Topic => "SELECT t.slug, t.name, count(*) AS n FROM article_topics at JOIN topics t ON t.id = at.topic_id " +
                $"WHERE at.article_id IN ({matching}) GROUP BY t.id, t.slug, t.name ORDER BY n DESC, t.id LIMIT {FacetValuesShown}",
            Facet.Provider => $"SELECT p.domain, p.name, count(*) AS n FROM {sql.From} JOIN providers p ON p.id = a.provider_id " +
                $"WHERE {sql.Filter} GROUP BY p.id, p.domain, p.name ORDER BY n DESC, p.id LIMIT {FacetValuesShown}",
            _ => $"SELECT a.type, NULL, count(*) AS n FROM {sql.From} WHERE {sql.Filter} AND a.type IS NOT NULL " +
                $"GROUP BY a.type ORDER BY n DESC, min(a.id) LIMIT {FacetValuesShown}",
        };
        var counts = new List<FacetCount>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            counts.Add(new FacetCount(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), DbValues.Long(reader.GetValue(2))));
        return counts;
    }
}
