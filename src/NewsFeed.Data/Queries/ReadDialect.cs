using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace NewsFeed.Data.Queries;

/// <summary>
/// What the read queries say differently per engine: full-text search (PostgreSQL tsvector + GIN ranked by
/// <c>ts_rank</c>; SQLite FTS5 ranked by <c>bm25</c>), title order, and how a count is estimated.
/// </summary>
internal abstract class ReadDialect
{
    public static ReadDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? new Postgres() : new Sqlite();

    /// <summary>The FROM clause: the articles, joined to the search index when there is a search.</summary>
    public abstract string From(bool search);

    /// <summary>The condition that keeps search matches; binds <c>@q</c>.</summary>
    public abstract string SearchCondition(DbCommand cmd, SearchQuery search);

    /// <summary>A relevance score, higher is better.</summary>
    public abstract string Rank { get; }

    /// <summary>Title in ordinal (byte) order, the same on both engines whatever the database collation.</summary>
    public abstract string TitleOrder { get; }

    /// <summary>A value read back from the relevance column, turned into a parameter value that compares equal to it.</summary>
    public abstract object RankParameter(double value);

    /// <summary>Highlighted snippets of the given articles for a search.</summary>
    public abstract string SnippetSql(DbCommand cmd, SearchQuery search, IReadOnlyCollection<long> ids);

    /// <summary>The planner's row estimate for a query, or null when the engine has none worth using.</summary>
    public abstract Task<long?> EstimateRowsAsync(DbConnection connection, DbCommand query, CancellationToken ct);

    private sealed class Postgres : ReadDialect
    {
        public override string From(bool search) =>
            search ? "articles a CROSS JOIN websearch_to_tsquery('english', @q) AS query" : "articles a";

        public override string SearchCondition(DbCommand cmd, SearchQuery search)
        {
            Sql.Add(cmd, "@q", search.Text);
            return "a.search_vector @@ query";
        }

        public override string Rank => "ts_rank(a.search_vector, query)";

        public override string TitleOrder => "a.title COLLATE \"C\"";

        // ts_rank returns real: the cursor keeps it as a double, which converts back to the same real exactly.
        public override object RankParameter(double value) => (float)value;

        public override string SnippetSql(DbCommand cmd, SearchQuery search, IReadOnlyCollection<long> ids)
        {
            Sql.Add(cmd, "@q", search.Text);
            return "SELECT a.id, ts_headline('english', a.title || '. ' || coalesce(a.excerpt, '') || ' ' || a.body, query, " +
                $"'StartSel=\"{SnippetMarks.Start}\", StopSel=\"{SnippetMarks.End}\", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"') " +
                $"FROM articles a CROSS JOIN websearch_to_tsquery('english', @q) AS query WHERE a.id IN {Sql.InList(cmd, "s", ids)}";
        }

        public override async Task<long?> EstimateRowsAsync(DbConnection connection, DbCommand query, CancellationToken ct)
        {
            var text = query.CommandText;
            query.CommandText = "EXPLAIN (FORMAT JSON) " + text;
            try
            {
                var json = (string)(await query.ExecuteScalarAsync(ct))!;
                using var plan = JsonDocument.Parse(json);
                return (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
            }
            finally
            {
                query.CommandText = text;
            }
        }
    }

    private sealed class Sqlite : ReadDialect
    {
        public override string From(bool search) =>
            search ? "articles a JOIN articles_fts ON articles_fts.rowid = a.id" : "articles a";

        public override string SearchCondition(DbCommand cmd, SearchQuery search)
        {
            Sql.Add(cmd, "@q", search.ToFts5());
            return "articles_fts MATCH @q";
        }

        // bm25 is lower-is-better; a title match weighs most, then the excerpt, then the body.
        public override string Rank => "-bm25(articles_fts, 10.0, 4.0, 1.0)";

        public override string TitleOrder => "a.title";

        public override object RankParameter(double value) => value;

        public override string SnippetSql(DbCommand cmd, SearchQuery search, IReadOnlyCollection<long> ids)
        {
            Sql.Add(cmd, "@q", search.ToFts5());
            return $"SELECT rowid, snippet(articles_fts, -1, char({(int)SnippetMarks.Start}), char({(int)SnippetMarks.End}), ' … ', 24) " +
                $"FROM articles_fts WHERE articles_fts MATCH @q AND rowid IN {Sql.InList(cmd, "s", ids)}";
        }

        // SQLite has no planner estimate; counting a few thousand rows (its scale) is cheap anyway.
        public override Task<long?> EstimateRowsAsync(DbConnection connection, DbCommand query, CancellationToken ct) =>
            Task.FromResult<long?>(null);
    }
}

/// <summary>Marks around matched words in a snippet: private-use characters, so the text can be HTML-escaped before they become &lt;mark&gt;.</summary>
public static class SnippetMarks
{
    public const char Start = '\uE000';
    public const char End = '\uE001';
}
