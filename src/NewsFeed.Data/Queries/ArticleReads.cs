using System.Data.Common;
using NewsFeed.Data.Replicas;
using NewsFeed.FrontMatter;
using static NewsFeed.Data.DbValues;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Article summaries and related items read with hand-written SQL. EF's projections of nested collections (topics,
/// images, logos inside a record) build a delegate per row at run time (<c>DynamicMethod.CreateDelegate</c>): on a page
/// of 20 articles that was a third of the API's CPU. A summary is one row, its lists JSON arrays aggregated by the
/// database, so a page and its summaries are one statement: a list request needs no round trip for its rows.
/// </summary>
internal static class ArticleReads
{
    /// <summary>
    /// Fields only a single article's read serves (<see cref="ArticleQueries.GetAsync"/>): long texts no list shows, left
    /// out of the summaries' query.
    /// </summary>
    public static readonly IReadOnlySet<string> DetailOnly =
        new HashSet<string>(StringComparer.Ordinal) { nameof(ArticleDocument.FeaturedContent), nameof(ArticleDocument.Secured) };

    private static readonly DocumentColumns<ArticleDocument> Listed = new([.. ArticleFields.All.Where(f => !DetailOnly.Contains(f.Name))]);

    /// <summary>
    /// The summaries of the rows of <paramref name="page"/> (a SELECT whose first column is the article's <c>id</c>),
    /// each row the page's own columns followed by the summary's, in <paramref name="order"/> (an ORDER BY over
    /// <c>page.</c> columns, or empty). The page is materialized once, so its LIMIT holds before any list is read.
    /// With <paramref name="snippets"/> (a search's page), the first that many rows in that order also carry their
    /// <see cref="ReadDialect.Snippet"/>: the row read past the page only to see whether another follows gets none.
    /// </summary>
    public static string SummariesSql(ReadDialect dialect, string page, string order, int? snippets = null) =>
        $"WITH page AS MATERIALIZED ({page}) " +
        $"SELECT page.*, a.slug, a.updated_at, a.provider_id, a.provider_name, p.domain, a.change_number, {Listed.Select("a")}, " +
        "(SELECT count(*) FROM related_items r WHERE r.article_id = a.id) AS related_count, " +
        $"{dialect.JsonList("t.name", "at.position", "article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id = a.id")} AS topic_list, " +
        $"{dialect.JsonList(dialect.JsonArray(ImageColumns), "position", "article_images WHERE article_id = a.id")} AS image_list, " +
        // Each article's provider as its file gave it: the shared per-domain provider holds only the latest name and logos.
        $"{dialect.JsonList(dialect.JsonArray(ImageColumns), "position", "article_provider_logos WHERE article_id = a.id")} AS logo_list" +
        (snippets is { } rows ? $", CASE WHEN row_number() OVER ({order}) <= {rows} THEN {dialect.Snippet} END AS snippet " : " ") +
        $"FROM page JOIN articles a ON a.id = page.id LEFT JOIN providers p ON p.id = a.provider_id {order}";

    /// <summary>Reads the current row of a <see cref="SummariesSql"/> result set (ordinals looked up once, here).</summary>
    public static Func<ArticleSummaryView> SummaryReader(DbDataReader reader, bool snippets = false)
    {
        int Column(string name) => reader.GetOrdinal(name);
        var (id, slug, updatedAt, providerId, providerName, domain, changeNumber, relatedCount) = (Column("id"), Column("slug"),
            Column("updated_at"), Column("provider_id"), Column("provider_name"), Column("domain"), Column("change_number"), Column("related_count"));
        var (topics, images, logos) = (Column("topic_list"), Column("image_list"), Column("logo_list"));
        var snippet = snippets ? Column("snippet") : -1;
        var document = Listed.Reader(reader);
        return () =>
        {
            var fields = document();
            return new ArticleSummaryView
            {
                Id = reader.GetInt64(id),
                Slug = reader.GetString(slug),
                Document = fields with
                {
                    Provider = reader.IsDBNull(providerId) ? null
                        : new ProviderRef(reader.Text(providerName), reader.GetString(domain), JsonLists.Images(reader, logos)),
                    Topics = JsonLists.Strings(reader, topics),
                    Images = JsonLists.Images(reader, images),
                },
                RelatedCount = (int)DbValues.Long(reader.GetValue(relatedCount)),
                UpdatedAt = reader.Instant(updatedAt),
                ChangeNumber = reader.GetInt64(changeNumber),
                Snippet = snippet < 0 ? null : reader.Text(snippet),
            };
        };
    }

    /// <summary>The summaries of the given articles, by id (ids with no article are left out).</summary>
    public static async Task<Dictionary<long, ArticleSummaryView>> SummariesAsync(ReadSession session, ReadDialect dialect,
        IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var cmd = await session.CreateCommandAsync(ct);
        cmd.CommandText = SummariesSql(dialect, $"SELECT a.id FROM articles a WHERE a.id IN {Sql.InList(cmd, "a", ids)}", order: "");
        await using var reader = await session.ExecuteReaderAsync(cmd, ct);
        var read = SummaryReader(reader);
        var summaries = new Dictionary<long, ArticleSummaryView>(ids.Count);
        while (await reader.ReadAsync(ct))
        {
            var summary = read();
            summaries[summary.Id] = summary;
        }
        return summaries;
    }

    private static readonly DocumentColumns<RelatedRef> RelatedFields = new(ArticleFields.Related);

    /// <summary>An article's related items in file order, each with the id and slug of the article here with its URL, if any.</summary>
    public static async Task<List<RelatedItemView>> RelatedAsync(ReadSession session, long articleId, CancellationToken ct)
    {
        await using var cmd = await session.CreateCommandAsync(ct);
        var id = Sql.Add(cmd, "@article", articleId).ParameterName;
        cmd.CommandText =
            $"SELECT r.position, {RelatedFields.Select("r")}, r.canonical_url, r.provider_id, r.provider_name, p.domain " +
            $"FROM related_items r LEFT JOIN providers p ON p.id = r.provider_id WHERE r.article_id = {id} ORDER BY r.position;" +
            $"SELECT related_position, {ImageColumns} FROM related_item_images WHERE article_id = {id} ORDER BY related_position, position;" +
            $"SELECT related_position, {ImageColumns} FROM related_item_provider_logos WHERE article_id = {id} ORDER BY related_position, position;" +
            // Related items point at articles by URL only (RelatedRef.CanonicalUrl): the ones that are articles here get linked.
            "SELECT a.canonical_url, a.id, a.slug FROM articles a " +
            $"WHERE a.canonical_url IN (SELECT canonical_url FROM related_items WHERE article_id = {id})";

        await using var reader = await session.ExecuteReaderAsync(cmd, ct);
        var rows = new List<(int Position, string? CanonicalUrl, RelatedRef Item)>();
        var read = RelatedFields.Reader(reader);
        var (position, canonicalUrl, providerId, providerName, domain) = (reader.GetOrdinal("position"), reader.GetOrdinal("canonical_url"),
            reader.GetOrdinal("provider_id"), reader.GetOrdinal("provider_name"), reader.GetOrdinal("domain"));
        while (await reader.ReadAsync(ct))
        {
            var item = read();
            rows.Add((reader.GetInt32(position), reader.Text(canonicalUrl),
                reader.IsDBNull(providerId) ? item : item with { Provider = new ProviderRef(reader.Text(providerName), reader.GetString(domain), []) }));
        }
        var images = await GroupAsync(reader, r => r.ImageRef(1), ct, key: r => r.GetInt32(0));
        var logos = await GroupAsync(reader, r => r.ImageRef(1), ct, key: r => r.GetInt32(0));
        await reader.NextResultAsync(ct);
        var links = new Dictionary<string, (long Id, string Slug)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) links[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));

        return [.. rows.Select(r =>
        {
            var link = r.CanonicalUrl is null ? ((long Id, string Slug)?)null : links.TryGetValue(r.CanonicalUrl, out var l) ? l : null;
            return new RelatedItemView
            {
                Document = r.Item with
                {
                    Provider = r.Item.Provider is { } p ? p with { Images = logos.GetValueOrDefault(r.Position) ?? [] } : null,
                    Images = images.GetValueOrDefault(r.Position) ?? [],
                },
                ArticleId = link?.Id,
                Slug = link?.Slug,
            };
        })];
    }

    /// <summary>The next result set, grouped by its first column (or <paramref name="key"/>), in row order.</summary>
    private static async Task<Dictionary<long, List<T>>> GroupAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken ct,
        Func<DbDataReader, long>? key = null)
    {
        await reader.NextResultAsync(ct);
        var groups = new Dictionary<long, List<T>>();
        while (await reader.ReadAsync(ct))
        {
            var k = key?.Invoke(reader) ?? reader.GetInt64(0);
            if (!groups.TryGetValue(k, out var group)) groups[k] = group = [];
            group.Add(read(reader));
        }
        return groups;
    }
}
