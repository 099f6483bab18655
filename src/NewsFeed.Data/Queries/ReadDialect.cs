using System.Data.Common;
using System.Globalization;

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

    /// <summary>
    /// A statement run ahead of a search's page in the same command, or null: how the engine must plan the search's
    /// statements for this request.
    /// </summary>
    public virtual string? SearchPlanning => null;

    /// <summary>A relevance score, higher is better.</summary>
    public abstract string Rank { get; }

    /// <summary>
    /// A JSON array of <paramref name="value"/> over the rows of <paramref name="from"/> (a FROM ... WHERE), in
    /// <paramref name="order"/>; NULL or an empty array when there are none.
    /// </summary>
    public abstract string JsonList(string value, string order, string from);

    /// <summary>A JSON array of the given columns' values: one row of a <see cref="JsonList"/>.</summary>
    public abstract string JsonArray(string columns);

    /// <summary>Title in ordinal (byte) order, the same on both engines whatever the database collation.</summary>
    public abstract string TitleOrder { get; }

    /// <summary>A value read back from the relevance column, turned into a parameter value that compares equal to it.</summary>
    public abstract object RankParameter(double value);

    /// <summary>
    /// The highlighted snippet of article <c>a</c> for the search whose <c>@q</c> <see cref="SearchCondition"/> bound on
    /// the same command: a column of the page's own statement, so a search's snippets cost no round trip of their own.
    /// </summary>
    public abstract string Snippet { get; }

    /// <summary>
    /// The statement that asks the planner how many rows <paramref name="query"/> returns, read by
    /// <see cref="ReadEstimateAsync"/>; null when the engine has no estimate worth using.
    /// </summary>
    public abstract string? EstimateSql(string query);

    /// <summary>The estimate, from the reader's current result set, that of <see cref="EstimateSql"/>.</summary>
    public virtual Task<long> ReadEstimateAsync(DbDataReader reader, CancellationToken ct) =>
        throw new NotSupportedException("This engine has no row estimate.");

    private sealed class Postgres : ReadDialect
    {
        public override string From(bool search) =>
            search ? "articles a CROSS JOIN websearch_to_tsquery('english', @q) AS query" : "articles a";

        public override string SearchCondition(DbCommand cmd, SearchQuery search)
        {
            Sql.Add(cmd, "@q", search.Text);
            return "a.search_vector @@ query";
        }

        // A prepared statement's generic plan cannot know how many rows a search matches, guesses few, and reads every
        // match through the GIN index to sort them by date (130 ms for two common words in 101,000 articles); planned
        // with the words, it walks the newest matches along the date index instead (3 to 16 ms). Custom plans for the
        // rest of this request's snapshot, then, not only for its first five runs (Npgsql prepares every statement).
        public override string SearchPlanning => "SET LOCAL plan_cache_mode = force_custom_plan";

        public override string Rank => "ts_rank(a.search_vector, query)";

        public override string JsonList(string value, string order, string from) => $"(SELECT json_agg({value} ORDER BY {order}) FROM {from})";

        public override string JsonArray(string columns) => $"json_build_array({columns})";

        public override string TitleOrder => "a.title COLLATE \"C\"";

        // ts_rank returns real: the cursor keeps it as a double, which converts back to the same real exactly.
        public override object RankParameter(double value) => (float)value;

        public override string Snippet =>
            "ts_headline('english', a.title || '. ' || coalesce(a.excerpt, '') || ' ' || a.body, websearch_to_tsquery('english', @q), " +
            $"'StartSel=\"{SnippetMarks.Start}\", StopSel=\"{SnippetMarks.End}\", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')";

        // The text plan, not JSON: its first line ends with the top node's "(cost=... rows=N width=W)", which is all
        // that is read. Parsing a JSON plan into a document on every list request took 1.6% of the API's CPU samples.
        public override string EstimateSql(string query) => "EXPLAIN " + query;

        public override async Task<long> ReadEstimateAsync(DbDataReader reader, CancellationToken ct)
        {
            await reader.ReadAsync(ct);
            var top = reader.GetString(0);
            var rows = top.LastIndexOf(" rows=", StringComparison.Ordinal) + " rows=".Length;
            var end = top.IndexOf(' ', rows);
            return (long)double.Parse(top.AsSpan(rows, (end < 0 ? top.Length : end) - rows), NumberStyles.Float, CultureInfo.InvariantCulture);
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

        // json_group_array of no rows is '[]', not NULL: both read as an empty list.
        public override string JsonList(string value, string order, string from) => $"(SELECT json_group_array({value} ORDER BY {order}) FROM {from})";

        public override string JsonArray(string columns) => $"json_array({columns})";

        public override string TitleOrder => "a.title";

        public override object RankParameter(double value) => value;

        // snippet() needs the FTS5 table's own MATCH, so it is a lookup of the article's row in the index.
        public override string Snippet =>
            $"(SELECT snippet(articles_fts, -1, char({(int)SnippetMarks.Start}), char({(int)SnippetMarks.End}), ' … ', 24) " +
            "FROM articles_fts WHERE articles_fts MATCH @q AND articles_fts.rowid = a.id)";

        // SQLite has no planner estimate; counting a few thousand rows (its scale) is cheap anyway.
        public override string? EstimateSql(string query) => null;
    }
}

/// <summary>Marks around matched words in a snippet: private-use characters, so the text can be HTML-escaped before they become &lt;mark&gt;.</summary>
public static class SnippetMarks
{
    public const char Start = '\uE000';
    public const char End = '\uE001';
}
