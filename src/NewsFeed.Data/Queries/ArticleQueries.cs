using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// One page of matching ids and where the next starts, without the total, summaries, snippets or facets: for
    /// readers that walk every match (export).
    /// </summary>
    public async Task<(List<long> Ids, ArticleCursor? Next)> IdsAsync(ArticleQuery query, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        return await PageAsync(db.Database.GetDbConnection(), query, ct);
    }

    /// <summary>One page of summaries alone, without the total, snippets or facets: for feeds.</summary>
    public async Task<IReadOnlyList<ArticleSummaryView>> SummariesAsync(ArticleQuery query, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var (ids, _) = await PageAsync(connection, query, ct);
        var loaded = await ArticleReads.SummariesAsync(connection, ids, ct);
        return [.. ids.Select(id => loaded[id])];
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
        return new ArticleView
        {
            // The fields of ArticleReads.DetailOnly, and what only a whole article has.
            Summary = summary with
            {
                Document = summary.Document with
                {
                    FeaturedContent = record.FeaturedContent, Secured = record.Secured, Body = record.Body, Extra = record.Extra,
                },
            },
            Related = related,
            ImportedAt = record.ImportedAt,
        };
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
        var limit = query.PageSize + 1; // one row more than the page holds: whether another page follows
        var offset = query.Offset ?? 0;
        var rows = new PageRows(query, _dialect, options.SearchRankWindow);
        var window = query.RanksBySearch
            ? await RankedPageAsync(connection, query, rows, limit, offset, ct)
            : await rows.ReadAsync(connection, sql => sql.Page(limit, offset, query.After), keep: true, ct);
        return rows.Result(window);
    }

    /// <summary>A search sorted by relevance: the ranked window's rows first, then the older matches (see <see cref="RankWindow"/>).</summary>
    private async Task<RankWindow?> RankedPageAsync(DbConnection connection, ArticleQuery query, PageRows rows, int limit, long offset, CancellationToken ct)
    {
        var size = options.SearchRankWindow;
        var window = query.After?.Window;
        var afterUnranked = query.After is { } after && (double)after.Values[0] == RankWindow.Unranked;
        if (!afterUnranked)
        {
            // A numbered page past the window still reads the window's first row: it says where the window ends.
            var pastWindow = offset >= size;
            var read = await rows.ReadAsync(connection, sql => sql.RankedPage(size, window, pastWindow ? 1 : limit, pastWindow ? 0 : offset, query.After),
                keep: !pastWindow, ct);
            window ??= read;
        }
        if (window is { IsFull: true } && rows.Count < limit)
            await rows.ReadAsync(connection, sql => sql.UnrankedPage(window, limit - rows.Count, Math.Max(0, offset - size),
                afterUnranked ? query.After : null), keep: true, ct);
        return window;
    }

    /// <summary>The ids of one page as they are read (from one statement, or two for a ranked search) and where the page ends.</summary>
    private sealed class PageRows(ArticleQuery query, ReadDialect dialect, int windowSize)
    {
        private readonly List<long> _ids = new(query.PageSize + 1);
        private object[]? _lastValues;

        public int Count => _ids.Count;

        /// <summary>Runs one page statement; returns the rank window its rows carry, if they carry one.</summary>
        public async Task<RankWindow?> ReadAsync(DbConnection connection, Func<ArticleListSql, string> build, bool keep, CancellationToken ct)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = build(new ArticleListSql(query, dialect, cmd));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            RankWindow? window = null;
            var windowColumn = query.Sort.Count + 1;
            while (await reader.ReadAsync(ct))
            {
                if (window is null && reader.FieldCount > windowColumn) window = ReadWindow(reader, windowColumn);
                if (!keep) continue;
                _ids.Add(reader.GetInt64(0));
                if (_ids.Count == query.PageSize) _lastValues = SortValues(reader, query);
            }
            return window;
        }

        public (List<long> Ids, ArticleCursor? Next) Result(RankWindow? window)
        {
            if (_ids.Count <= query.PageSize) return (_ids, null);
            _ids.RemoveAt(_ids.Count - 1);
            return (_ids, new ArticleCursor(query.Fingerprint(), _lastValues!, _ids[^1], window));
        }

        private RankWindow ReadWindow(DbDataReader reader, int column) => new(
            reader.Instant(column), reader.GetInt64(column + 1), reader.Instant(column + 2), reader.GetInt64(column + 3),
            IsFull: DbValues.Long(reader.GetValue(column + 4)) >= windowSize);
    }

    private static object[] SortValues(DbDataReader reader, ArticleQuery query)
    {
        var values = new object[query.Sort.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var column = i + 1;
            values[i] = query.Sort[i].Field switch
            {
                SortField.PublishedDateTime or SortField.UpdatedAt => reader.Instant(column),
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
    /// An empty page past the last one is counted exactly: its OFFSET has walked every match already, so counting them
    /// costs no more, while the estimate could exceed the offset that found nothing.
    /// </summary>
    private async Task<(long Total, bool Exact)> CountAsync(DbConnection connection, ArticleQuery query, int rows, bool hasMore, CancellationToken ct)
    {
        if (!hasMore && query.Offset is { } offset && (rows > 0 || offset == 0)) return (offset + rows, true);

        await using var cmd = connection.CreateCommand();
        var sql = new ArticleListSql(query, _dialect, cmd);
        cmd.CommandText = $"SELECT 1 FROM {sql.From} WHERE {sql.Filter}";
        var pastTheEnd = rows == 0 && query.Offset > 0;
        var estimate = pastTheEnd ? null : await _dialect.EstimateRowsAsync(connection, cmd, ct);
        if (estimate is { } rowsEstimated && rowsEstimated > options.ExactCountLimit)
            return (Math.Max(rowsEstimated, (query.Offset ?? 0) + rows + (hasMore ? 1 : 0)), false);
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
