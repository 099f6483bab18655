using System.Data.Common;
using System.Globalization;
using System.Text;
using NewsFeed.Data.Entities;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Queries;

/// <summary>
/// The SQL of one <c>/articles</c> query, built once per request on one command: the filter (shared by the page,
/// the count and the facets), the sort expressions and the keyset predicate. Every value is a parameter.
/// </summary>
internal sealed class ArticleListSql
{
    private readonly ArticleQuery _query;
    private readonly ReadDialect _dialect;
    private readonly DbCommand _cmd;
    private readonly string _where;

    public ArticleListSql(ArticleQuery query, ReadDialect dialect, DbCommand cmd)
    {
        _query = query;
        _dialect = dialect;
        _cmd = cmd;
        From = dialect.From(query.Search is not null);
        _where = BuildFilter();
    }

    public string From { get; }

    /// <summary>The filter alone, without the keyset predicate: what the count and the facets use.</summary>
    public string Filter => _where;

    /// <summary>
    /// Row ids and sort values (k0, k1...) of one page, in sort order: every list but a search sorted by relevance.
    /// Ask for one row more than the page holds, to know whether another page follows.
    /// </summary>
    public string Page(int limit, long offset, ArticleCursor? after) =>
        Select("a.id", [.. _query.Sort.Select(k => Expression(k.Field))], sortedFrom: 0, From, _where, "", limit, offset, after);

    /// <summary>
    /// A page of the ranked part of a search sorted by relevance, ordered by the sort keys. Without a
    /// <paramref name="window"/> (a first or numbered page) that part is the newest <paramref name="windowSize"/>
    /// matches, and each row also carries the window's bounds and size (wfp, wfi, wlp, wli, wn) for the next cursor.
    /// With the cursor's window it is exactly that window's matches, whatever was imported since.
    /// </summary>
    public string RankedPage(int windowSize, RankWindow? window, int limit, long offset, ArticleCursor? after)
    {
        var inner = new StringBuilder("SELECT a.id, a.published_at AS wp");
        for (var i = 0; i < _query.Sort.Count; i++) inner.Append(", ").Append(Expression(_query.Sort[i].Field)).Append(" AS k").Append(i);
        inner.Append(" FROM ").Append(From).Append(" WHERE ").Append(_where);
        if (window is null)
            // Walking the (published_at, id) index newest first stops after the window: the cost does not grow with the matches.
            inner.Append(" ORDER BY a.published_at DESC, a.id DESC LIMIT ").Append(Limit(windowSize));
        else if (window.IsFull)
            inner.Append(" AND ").Append(Position("<=", window.FirstAt, window.FirstId, "@wf"))
                .Append(" AND ").Append(Position(">=", window.LastAt, window.LastId, "@wl"));
        const string whole = "ORDER BY w.wp DESC, w.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
        var ranked = "(SELECT w.*, first_value(w.wp) OVER b AS wfp, first_value(w.id) OVER b AS wfi, last_value(w.wp) OVER b AS wlp, " +
            $"last_value(w.id) OVER b AS wli, count(*) OVER b AS wn FROM ({inner}) w WINDOW b AS ({whole})) x";
        return Select("x.id", [.. _query.Sort.Select((_, i) => $"x.k{i}")], sortedFrom: 0, ranked, null,
            ", x.wfp, x.wfi, x.wlp, x.wli, x.wn", limit, offset, after);
    }

    /// <summary>
    /// A page of the matches older than the <paramref name="window"/>: relevance is <see cref="RankWindow.Unranked"/>
    /// on every one of them, so the keys after it decide their order (with the default sort, newest first).
    /// </summary>
    public string UnrankedPage(RankWindow window, int limit, long offset, ArticleCursor? after)
    {
        var older = $"{_where} AND {Position("<", window.LastAt, window.LastId, "@wl")}";
        List<string> values = [RankWindow.Unranked.ToString(CultureInfo.InvariantCulture), .. _query.Sort.Skip(1).Select(k => Expression(k.Field))];
        return Select("a.id", values, sortedFrom: 1, From, older, "", limit, offset, after);
    }

    /// <summary>
    /// SELECT id, every sort value and <paramref name="extra"/> columns FROM <paramref name="source"/>, past the cursor,
    /// ordered by the sort keys from <paramref name="sortedFrom"/> on (the ones before it are the same on every row).
    /// </summary>
    private string Select(string id, List<string> values, int sortedFrom, string source, string? where, string extra,
        int limit, long offset, ArticleCursor? after)
    {
        var sorted = Enumerable.Range(sortedFrom, values.Count - sortedFrom).ToList();
        var columns = sorted.Select(i => values[i]).Append(id).ToList();
        var descending = sorted.Select(i => _query.Sort[i].Descending).Append(IdDescending).ToList();
        var conditions = new List<string>();
        if (where is not null) conditions.Add(where);
        if (after is not null)
        {
            var parameters = sorted.Select(i => Parameter($"@k{i}", KeysetValue(i, after.Values[i]))).Append(Parameter("@kid", after.Id)).ToList();
            conditions.Add(Keyset(columns, descending, parameters));
        }

        var sb = new StringBuilder("SELECT ").Append(id);
        for (var i = 0; i < values.Count; i++) sb.Append(", ").Append(values[i]).Append(" AS k").Append(i);
        sb.Append(extra).Append(" FROM ").Append(source);
        if (conditions.Count > 0) sb.Append(" WHERE ").AppendJoin(" AND ", conditions);
        sb.Append(" ORDER BY ").AppendJoin(", ", columns.Select((c, i) => descending[i] ? c + " DESC" : c));
        sb.Append(" LIMIT ").Append(Limit(limit));
        if (offset > 0) sb.Append(" OFFSET ").Append(Parameter("@offset", offset));
        return sb.ToString();
    }

    /// <summary>
    /// ORDER BY the columns a page statement returns (k0, k1..., id), read from <paramref name="alias"/>: the page's
    /// order, for a statement that reads the page as a table. On a page of matches older than the rank window k0 is the
    /// same on every row, so ordering by it changes nothing.
    /// </summary>
    public string PageOrder(string alias) =>
        "ORDER BY " + string.Join(", ", _query.Sort.Select((k, i) => $"{alias}.k{i}{(k.Descending ? " DESC" : "")}")
            .Append($"{alias}.id{(IdDescending ? " DESC" : "")}"));

    public string Count() => $"SELECT count(*) FROM {From} WHERE {_where}";

    /// <summary>A row per match, nothing read: what the planner's estimate is asked of.</summary>
    public string Matching => $"SELECT 1 FROM {From} WHERE {_where}";

    /// <summary>Ties are broken by id in the direction of the first sort key, so the default order reads the (published_at, id) index backwards.</summary>
    private bool IdDescending => _query.Sort[0].Descending;

    private string Expression(SortField field) => field switch
    {
        SortField.PublishedDateTime => "a.published_at",
        SortField.UpdatedAt => "a.updated_at",
        SortField.ChangeNumber => "a.change_number",
        // A missing quality or heat sorts below every real value (heat is -1 in real files).
        SortField.Quality => "COALESCE(a.quality, -2147483648)",
        SortField.Heat => "COALESCE(a.heat, -2147483648)",
        SortField.Title => _dialect.TitleOrder,
        SortField.Relevance => _dialect.Rank,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private object KeysetValue(int key, object value) =>
        _query.Sort[key].Field == SortField.Relevance ? _dialect.RankParameter((double)value) : value;

    /// <summary>
    /// A LIMIT written into the SQL, not bound: a prepared statement's generic plan cannot see a bound LIMIT, guesses a
    /// tenth of the table, and then reads a page's summaries by scanning the table instead of looking up its 21 rows.
    /// It is an int the query checked (a page size, the rank window), and each distinct value is a statement of its own.
    /// </summary>
    private static string Limit(int rows) => rows.ToString(CultureInfo.InvariantCulture);

    private string Parameter(string name, object value) => Sql.Add(_cmd, name, value).ParameterName;

    /// <summary>Rows before or after a row of the (publishedDateTime, id) order: a range of that index.</summary>
    private string Position(string comparison, DateTime publishedAt, long id, string name) =>
        $"(a.published_at, a.id) {comparison} ({Parameter(name + "p", publishedAt)}, {Parameter(name + "i", id)})";

    /// <summary>
    /// Rows strictly after the cursor in the sort order. When every key runs the same way it is one row-value
    /// comparison, which the planner turns into an index range; mixed directions need the expanded form.
    /// </summary>
    private static string Keyset(List<string> columns, List<bool> descending, List<string> parameters)
    {
        if (descending.All(d => d == descending[0]))
            return $"({string.Join(", ", columns)}) {(descending[0] ? "<" : ">")} ({string.Join(", ", parameters)})";
        var alternatives = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var terms = Enumerable.Range(0, i).Select(j => $"{columns[j]} = {parameters[j]}")
                .Append($"{columns[i]} {(descending[i] ? "<" : ">")} {parameters[i]}");
            alternatives.Add("(" + string.Join(" AND ", terms) + ")");
        }
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private string BuildFilter()
    {
        var q = _query;
        var conditions = new List<string>();
        if (q.Search is { } search) conditions.Add(_dialect.SearchCondition(_cmd, search));
        if (!q.IncludeRemoved) conditions.Add("a.removed IS NOT TRUE");
        if (q.Topics.Count > 0)
        {
            var keys = q.Topics.Select(Topic.KeyOf).Distinct().ToList();
            // A topic is named by its name (any case: the stored key is the lower-cased name) or by its slug.
            conditions.Add("EXISTS (SELECT 1 FROM article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id = a.id " +
                $"AND (t.key IN {Sql.InList(_cmd, "tk", keys)} OR t.slug IN {Sql.InList(_cmd, "ts", keys)}))");
        }
        if (q.Providers.Count > 0)
            conditions.Add("a.provider_id IN (SELECT p.id FROM providers p WHERE p.domain IN " +
                $"{Sql.InList(_cmd, "pd", q.Providers.Select(DomainName.Normalize).Distinct())})");
        if (q.Categories.Count > 0) conditions.Add($"a.category IN {Sql.InList(_cmd, "c", q.Categories.Distinct())}");
        if (q.Types.Count > 0) conditions.Add($"a.type IN {Sql.InList(_cmd, "ty", q.Types.Distinct())}");
        if (q.From is { } from) conditions.Add($"a.published_at >= {Sql.Add(_cmd, "@from", from).ParameterName}");
        if (q.To is { } to) conditions.Add($"a.published_at {(q.ToIsExclusive ? "<" : "<=")} {Sql.Add(_cmd, "@to", to).ParameterName}");
        if (q.MinQuality is { } minQuality) conditions.Add($"a.quality >= {Sql.Add(_cmd, "@minQuality", minQuality).ParameterName}");
        if (q.MinHeat is { } minHeat) conditions.Add($"a.heat >= {Sql.Add(_cmd, "@minHeat", minHeat).ParameterName}");
        if (q.Published is { } published) conditions.Add($"a.published = {Sql.Add(_cmd, "@published", published).ParameterName}");
        if (q.HasImage is { } hasImage)
            conditions.Add($"{(hasImage ? "" : "NOT ")}EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = a.id)");
        if (q.UpdatedSince is { } since) conditions.Add($"a.updated_at > {Sql.Add(_cmd, "@updatedSince", since).ParameterName}");
        if (q.ChangedSince is { } changedSince) conditions.Add($"a.change_number > {Sql.Add(_cmd, "@changedSince", changedSince).ParameterName}");
        return conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions);
    }
}
