using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data.Replicas;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Reads articles for the API: the page of ids is hand-written SQL (search, keyset paging and engine-specific ranking
/// need it), and so are the rows for those ids (<see cref="ArticleReads"/>). Every statement runs in the request's
/// <see cref="ReadSession"/>; the first one also reads the data version, in the same round trip.
/// </summary>
public sealed class ArticleQueries(ReadSession session, DatabaseSettings settings, ReadOptions options)
{
    private const int FacetValuesShown = 50;
    private readonly ReadDialect _dialect = ReadDialect.For(settings.Provider);

    /// <summary>
    /// Without facets, a list that is not a relevance-ranked search reads its page in one command, which also ends the
    /// snapshot (<see cref="ReadSession.ExecuteReaderAsync"/>). The exact count a short list's total still needs then
    /// runs in a new one; if an import committed in between, the whole list is read again in that new snapshot, which
    /// stays open, so the page, its total and the version that labels them are always of one state of the data.
    /// </summary>
    public async Task<ArticleListResult> ListAsync(ArticleQuery query, CancellationToken ct) =>
        await TryListAsync(query, endSnapshot: query.Facets.Count == 0, ct) ?? (await TryListAsync(query, endSnapshot: false, ct))!;

    /// <summary>The list, or null when its count found the data changed since its page was read.</summary>
    private async Task<ArticleListResult?> TryListAsync(ArticleQuery query, bool endSnapshot, CancellationToken ct)
    {
        var rows = await PageAsync(query, estimate: true, Reading.Snippets, ct, last: endSnapshot);
        var (ids, next) = rows.Result();
        if (await CountAsync(query, ids.Count, next is not null, rows.Estimate, ct) is not { } count) return null;
        var (total, exact) = count;

        Dictionary<Facet, IReadOnlyList<FacetCount>>? facets = null;
        if (query.Facets.Count > 0)
        {
            facets = [];
            foreach (var facet in query.Facets.Order()) facets[facet] = await FacetAsync(query, facet, ct);
        }
        return new ArticleListResult(rows.Summaries, total, exact, next, facets);
    }

    /// <summary>
    /// One page of matching ids and where the next starts, without the total, summaries, snippets or facets: for
    /// readers that walk every match (export).
    /// </summary>
    public async Task<(List<long> Ids, ArticleCursor? Next)> IdsAsync(ArticleQuery query, CancellationToken ct) =>
        (await PageAsync(query, estimate: false, Reading.Ids, ct)).Result();

    /// <summary>One page of summaries alone, without the total, snippets or facets: for feeds.</summary>
    public async Task<IReadOnlyList<ArticleSummaryView>> SummariesAsync(ArticleQuery query, CancellationToken ct)
    {
        var rows = await PageAsync(query, estimate: false, Reading.Summaries, ct);
        rows.Result();
        return rows.Summaries;
    }

    /// <summary>One article by id or slug, with everything stored about it; null when there is none.</summary>
    public async Task<ArticleView?> GetAsync(string idOrSlug, CancellationToken ct)
    {
        await using var db = await session.CreateDbContextAsync(ct);
        var record = await Find(db, idOrSlug).Select(a => new { a.Id, a.Body, a.FeaturedContent, a.Secured, a.Extra, a.ImportedAt })
            .FirstOrDefaultAsync(ct);
        if (record is null) return null;
        var summary = (await ArticleReads.SummariesAsync(session, _dialect, [record.Id], ct))[record.Id];
        var related = await ArticleReads.RelatedAsync(session, record.Id, ct);
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
        await using var db = await session.CreateDbContextAsync(ct);
        var found = await Find(db, idOrSlug).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        return found is { } id ? await ArticleReads.RelatedAsync(session, id, ct) : null;
    }

    /// <summary>The id of the article with this id or slug; null when there is none.</summary>
    public async Task<long?> FindIdAsync(string idOrSlug, CancellationToken ct)
    {
        await using var db = await session.CreateDbContextAsync(ct);
        return await Find(db, idOrSlug).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<Entities.Article> Find(NewsFeedDbContext db, string idOrSlug) =>
        long.TryParse(idOrSlug, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? db.Articles.AsNoTracking().Where(a => a.Id == id)
            : db.Articles.AsNoTracking().Where(a => a.Slug == idOrSlug);

    /// <summary>
    /// The rows of one page, with what else <paramref name="reading"/> asks for read by the same statement. With
    /// <paramref name="estimate"/>, the planner's estimate of the matches (where the engine has one) is asked for in the
    /// page's own command: the total of a long list then costs no round trip of its own.
    /// </summary>
    private async Task<PageRows> PageAsync(ArticleQuery query, bool estimate, Reading reading, CancellationToken ct, bool last = false)
    {
        var limit = query.PageSize + 1; // one row more than the page holds: whether another page follows
        var offset = query.Offset ?? 0;
        var rows = new PageRows(query, _dialect, options.SearchRankWindow, session, reading);
        rows.Window = query.RanksBySearch
            ? await RankedPageAsync(query, rows, limit, offset, estimate, ct)
            : await rows.ReadAsync(sql => sql.Page(limit, offset, query.After), keep: true, windowed: false, estimate, ct, last);
        return rows;
    }

    /// <summary>A search sorted by relevance: the ranked window's rows first, then the older matches (see <see cref="RankWindow"/>).</summary>
    private async Task<RankWindow?> RankedPageAsync(ArticleQuery query, PageRows rows, int limit, long offset, bool estimate, CancellationToken ct)
    {
        var size = options.SearchRankWindow;
        var window = query.After?.Window;
        var afterUnranked = query.After is { } after && (double)after.Values[0] == RankWindow.Unranked;
        if (!afterUnranked)
        {
            // A numbered page past the window still reads the window's first row: it says where the window ends.
            var pastWindow = offset >= size;
            var read = await rows.ReadAsync(sql => sql.RankedPage(size, window, pastWindow ? 1 : limit, pastWindow ? 0 : offset, query.After),
                keep: !pastWindow, windowed: window is null, estimate, ct);
            window ??= read;
            estimate = false;
        }
        if (window is { IsFull: true } && rows.Count < limit)
            await rows.ReadAsync(sql => sql.UnrankedPage(window, limit - rows.Count, Math.Max(0, offset - size),
                afterUnranked ? query.After : null), keep: true, windowed: false, estimate, ct);
        return window;
    }

    /// <summary>
    /// The ids of one page (and their summaries, if asked for) as they are read, from one statement or two for a
    /// ranked search, and where the page ends.
    /// </summary>
    private sealed class PageRows(ArticleQuery query, ReadDialect dialect, int windowSize, ReadSession session, Reading reading)
    {
        private readonly List<long> _ids = new(query.PageSize + 1);
        private readonly List<ArticleSummaryView> _summaries = new(reading >= Reading.Summaries ? query.PageSize + 1 : 0);
        private object[]? _lastValues;

        public int Count => _ids.Count;

        /// <summary>The rank window of a search sorted by relevance.</summary>
        public RankWindow? Window { get; set; }

        /// <summary>The planner's estimate of the matches, when a page statement asked for it and the engine has one.</summary>
        public long? Estimate { get; private set; }

        /// <summary>The page's summaries in page order, when they were asked for.</summary>
        public IReadOnlyList<ArticleSummaryView> Summaries => _summaries;

        /// <summary>
        /// Runs one page statement (and the estimate after it); returns the rank window its rows carry when
        /// <paramref name="windowed"/>. Rows not kept are read only for that window, without summaries.
        /// </summary>
        public async Task<RankWindow?> ReadAsync(Func<ArticleListSql, string> build, bool keep, bool windowed, bool estimate, CancellationToken ct,
            bool last = false)
        {
            await using var cmd = await session.CreateCommandAsync(ct);
            var sql = new ArticleListSql(query, dialect, cmd);
            var page = build(sql);
            var withSummaries = reading >= Reading.Summaries && keep;
            // Snippets only for the rows this page still lacks, not for the one read past it.
            var snippets = reading == Reading.Snippets && query.Search is not null ? query.PageSize - _ids.Count : (int?)null;
            cmd.CommandText = withSummaries ? ArticleReads.SummariesSql(dialect, page, sql.PageOrder("page"), snippets) : page;
            var estimateSql = estimate ? dialect.EstimateSql(sql.Matching) : null;
            if (estimateSql is not null) cmd.CommandText += ";" + estimateSql;
            if (query.Search is not null && dialect.SearchPlanning is { } planning) cmd.CommandText = planning + ";" + cmd.CommandText;
            await using var reader = await session.ExecuteReaderAsync(cmd, ct, last);
            var summary = withSummaries ? ArticleReads.SummaryReader(reader, snippets is not null) : null;
            RankWindow? window = null;
            var windowColumn = query.Sort.Count + 1;
            while (await reader.ReadAsync(ct))
            {
                if (windowed && window is null) window = ReadWindow(reader, windowColumn);
                if (!keep) continue;
                _ids.Add(reader.GetInt64(0));
                if (summary is not null) _summaries.Add(summary());
                if (_ids.Count == query.PageSize) _lastValues = SortValues(reader, query);
            }
            if (estimateSql is not null && await reader.NextResultAsync(ct)) Estimate = await dialect.ReadEstimateAsync(reader, ct);
            return window;
        }

        public (List<long> Ids, ArticleCursor? Next) Result()
        {
            if (_ids.Count <= query.PageSize) return (_ids, null);
            _ids.RemoveAt(_ids.Count - 1);
            if (_summaries.Count > query.PageSize) _summaries.RemoveAt(_summaries.Count - 1);
            return (_ids, new ArticleCursor(query.Fingerprint(), _lastValues!, _ids[^1], Window));
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
    /// costs no more, while the estimate could exceed the offset that found nothing. Null when the count, read after the
    /// page's command ended the snapshot, found the data changed since (<see cref="ListAsync"/> then reads the list again).
    /// </summary>
    private async Task<(long Total, bool Exact)?> CountAsync(ArticleQuery query, int rows, bool hasMore, long? estimate, CancellationToken ct)
    {
        if (!hasMore && query.Offset is { } offset && (rows > 0 || offset == 0)) return (offset + rows, true);

        var pastTheEnd = rows == 0 && query.Offset > 0;
        if (!pastTheEnd && estimate is { } rowsEstimated && rowsEstimated > options.ExactCountLimit)
            return (Math.Max(rowsEstimated, (query.Offset ?? 0) + rows + (hasMore ? 1 : 0)), false);
        await using var cmd = await session.CreateCommandAsync(ct);
        cmd.CommandText = new ArticleListSql(query, _dialect, cmd).Count();
        await using var reader = await session.ExecuteReaderAtVersionAsync(cmd, ct);
        if (reader is null) return null;
        await reader.ReadAsync(ct);
        return (DbValues.Long(reader.GetValue(0)), true);
    }

    private async Task<IReadOnlyList<FacetCount>> FacetAsync(ArticleQuery query, Facet facet, CancellationToken ct)
    {
        await using var cmd = await session.CreateCommandAsync(ct);
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
        await using var reader = await session.ExecuteReaderAsync(cmd, ct);
        while (await reader.ReadAsync(ct))
            counts.Add(new FacetCount(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), DbValues.Long(reader.GetValue(2))));
        return counts;
    }

    /// <summary>What a page statement reads besides the ids, each step including the one before it.</summary>
    private enum Reading
    {
        Ids,
        Summaries,
        /// <summary>Summaries and, with a search, each row's snippet.</summary>
        Snippets,
    }
}
