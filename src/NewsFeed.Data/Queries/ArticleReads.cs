using System.Data.Common;
using NewsFeed.FrontMatter;
using static NewsFeed.Data.DbValues;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Article summaries and related items read with hand-written SQL, each in one round trip of several result sets. EF's
/// projections of nested collections (topics, images, logos inside a record) build a delegate per row at run time
/// (<c>DynamicMethod.CreateDelegate</c>): on a page of 20 articles that was a third of the API's CPU. These are plain
/// column reads; both engines run the same SQL.
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

    /// <summary>The summaries of the given articles, by id (ids with no article are left out).</summary>
    public static async Task<Dictionary<long, ArticleSummaryView>> SummariesAsync(DbConnection connection, IReadOnlyCollection<long> ids,
        CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var cmd = connection.CreateCommand();
        var list = Sql.InList(cmd, "a", ids);
        cmd.CommandText =
            $"SELECT a.id, a.slug, a.updated_at, a.provider_id, a.provider_name, p.domain, a.change_number, {Listed.Select("a")}, " +
            "(SELECT count(*) FROM related_items r WHERE r.article_id = a.id) AS related_count " +
            $"FROM articles a LEFT JOIN providers p ON p.id = a.provider_id WHERE a.id IN {list};" +
            $"SELECT at.article_id, t.name FROM article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id IN {list} " +
            "ORDER BY at.article_id, at.position;" +
            $"SELECT article_id, {ImageColumns} FROM article_images WHERE article_id IN {list} ORDER BY article_id, position;" +
            // Each article's provider as its file gave it: the shared per-domain provider holds only the latest name and logos.
            $"SELECT article_id, {ImageColumns} FROM article_provider_logos WHERE article_id IN {list} ORDER BY article_id, position";

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var (id, slug, updatedAt, providerId, providerName, domain, relatedCount) = (reader.GetOrdinal("id"), reader.GetOrdinal("slug"),
            reader.GetOrdinal("updated_at"), reader.GetOrdinal("provider_id"), reader.GetOrdinal("provider_name"),
            reader.GetOrdinal("domain"), reader.GetOrdinal("related_count"));
        var changeNumber = reader.GetOrdinal("change_number");
        var document = Listed.Reader(reader);
        var rows = new List<(ArticleSummaryView Article, bool HasProvider, string? Name, string? Domain)>(ids.Count);
        while (await reader.ReadAsync(ct))
        {
            var summary = new ArticleSummaryView
            {
                Id = reader.GetInt64(id),
                Slug = reader.GetString(slug),
                Document = document(),
                RelatedCount = (int)DbValues.Long(reader.GetValue(relatedCount)),
                UpdatedAt = reader.Instant(updatedAt),
                ChangeNumber = reader.GetInt64(changeNumber),
            };
            rows.Add((summary, !reader.IsDBNull(providerId), reader.Text(providerName), reader.Text(domain)));
        }
        var topics = await GroupAsync(reader, r => r.GetString(1), ct);
        var images = await GroupAsync(reader, r => r.ImageRef(1), ct);
        var logos = await GroupAsync(reader, r => r.ImageRef(1), ct);

        return rows.ToDictionary(r => r.Article.Id, r => r.Article with
        {
            Document = r.Article.Document with
            {
                Provider = r.HasProvider ? new ProviderRef(r.Name, r.Domain!, logos.GetValueOrDefault(r.Article.Id) ?? []) : null,
                Topics = topics.GetValueOrDefault(r.Article.Id) ?? [],
                Images = images.GetValueOrDefault(r.Article.Id) ?? [],
            },
        });
    }

    private static readonly DocumentColumns<RelatedRef> RelatedFields = new(ArticleFields.Related);

    /// <summary>An article's related items in file order, each with the id and slug of the article here with its URL, if any.</summary>
    public static async Task<List<RelatedItemView>> RelatedAsync(DbConnection connection, long articleId, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        var id = Sql.Add(cmd, "@article", articleId).ParameterName;
        cmd.CommandText =
            $"SELECT r.position, {RelatedFields.Select("r")}, r.canonical_url, r.provider_id, r.provider_name, p.domain " +
            $"FROM related_items r LEFT JOIN providers p ON p.id = r.provider_id WHERE r.article_id = {id} ORDER BY r.position;" +
            $"SELECT related_position, {ImageColumns} FROM related_item_images WHERE article_id = {id} ORDER BY related_position, position;" +
            $"SELECT related_position, {ImageColumns} FROM related_item_provider_logos WHERE article_id = {id} ORDER BY related_position, position;" +
            // Related items point at articles by URL only (RelatedRef.CanonicalUrl): the ones that are articles here get linked.
            "SELECT a.canonical_url, a.id, a.slug FROM articles a " +
            $"WHERE a.canonical_url IN (SELECT canonical_url FROM related_items WHERE article_id = {id})";

        await using var reader = await cmd.ExecuteReaderAsync(ct);
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
