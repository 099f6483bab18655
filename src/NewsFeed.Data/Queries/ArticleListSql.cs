using System.Data.Common;
using System.Text;
using NewsFeed.Data.Writing;

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

    /// <summary>Row ids and sort values of one page (one row more than asked, to know whether another page follows).</summary>
    public string Page()
    {
        var where = _where;
        if (_query.After is { } after) where += " AND " + Keyset(after);
        var sb = new StringBuilder("SELECT a.id");
        for (var i = 0; i < _query.Sort.Count; i++) sb.Append(", ").Append(Expression(_query.Sort[i].Field)).Append(" AS k").Append(i);
        sb.Append(" FROM ").Append(From).Append(" WHERE ").Append(where).Append(" ORDER BY ");
        sb.AppendJoin(", ", _query.Sort.Select(k => Expression(k.Field) + (k.Descending ? " DESC" : "")));
        sb.Append(", a.id").Append(IdDescending ? " DESC" : "");
        Sql.Add(_cmd, "@limit", _query.PageSize + 1);
        sb.Append(" LIMIT @limit");
        if (_query.Page is > 1 and var page)
        {
            Sql.Add(_cmd, "@offset", (long)(page - 1) * _query.PageSize);
            sb.Append(" OFFSET @offset");
        }
        return sb.ToString();
    }

    public string Count() => $"SELECT count(*) FROM {From} WHERE {_where}";

    /// <summary>Ties are broken by id in the direction of the first sort key, so the default order reads the (published_at, id) index backwards.</summary>
    private bool IdDescending => _query.Sort[0].Descending;

    private string Expression(SortField field) => field switch
    {
        SortField.PublishedDateTime => "a.published_at",
        SortField.UpdatedAt => "a.updated_at",
        // A missing quality or heat sorts below every real value (heat is -1 in real files).
        SortField.Quality => "COALESCE(a.quality, -2147483648)",
        SortField.Heat => "COALESCE(a.heat, -2147483648)",
        SortField.Title => _dialect.TitleOrder,
        SortField.Relevance => _dialect.Rank,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>
    /// Rows strictly after the cursor in the sort order. When every key runs the same way it is one row-value
    /// comparison, which the planner turns into an index range; mixed directions need the expanded form.
    /// </summary>
    private string Keyset(ArticleCursor after)
    {
        var sort = _query.Sort;
        var expressions = sort.Select(k => Expression(k.Field)).Append("a.id").ToList();
        var descending = sort.Select(k => k.Descending).Append(IdDescending).ToList();
        var parameters = new List<string>();
        for (var i = 0; i < sort.Count; i++)
        {
            var value = sort[i].Field == SortField.Relevance ? _dialect.RankParameter((double)after.Values[i]) : after.Values[i];
            parameters.Add(Sql.Add(_cmd, $"@k{i}", value).ParameterName);
        }
        parameters.Add(Sql.Add(_cmd, "@kid", after.Id).ParameterName);

        if (descending.All(d => d == descending[0]))
            return $"({string.Join(", ", expressions)}) {(descending[0] ? "<" : ">")} ({string.Join(", ", parameters)})";
        var alternatives = new List<string>();
        for (var i = 0; i < expressions.Count; i++)
        {
            var terms = Enumerable.Range(0, i).Select(j => $"{expressions[j]} = {parameters[j]}")
                .Append($"{expressions[i]} {(descending[i] ? "<" : ">")} {parameters[i]}");
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
            var keys = q.Topics.Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();
            // A topic is named by its name (any case: the stored key is the lower-cased name) or by its slug.
            conditions.Add("EXISTS (SELECT 1 FROM article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id = a.id " +
                $"AND (t.key IN {Sql.InList(_cmd, "tk", keys)} OR t.slug IN {Sql.InList(_cmd, "ts", keys)}))");
        }
        if (q.Providers.Count > 0)
            conditions.Add("a.provider_id IN (SELECT p.id FROM providers p WHERE p.domain IN " +
                $"{Sql.InList(_cmd, "pd", q.Providers.Select(p => p.Trim().ToLowerInvariant()).Distinct())})");
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
        return conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions);
    }
}
