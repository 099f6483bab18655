using System.Data.Common;
using NewsFeed.Data.Entities;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Writing;

/// <summary>
/// Finds or creates the topics a batch names: one per name compared case-insensitively, each with a unique slug. A few
/// statements per batch, whatever the number of topics or of slug clashes.
/// </summary>
internal sealed class TopicResolver(DbConnection connection, DbTransaction tx, SqlEngine engine)
{
    public sealed class Resolved(Dictionary<string, long> idsByKey)
    {
        /// <summary>The topic ids of a list of names, in order, each once.</summary>
        public IEnumerable<long> IdsOf(IEnumerable<string> names) => names.Select(n => idsByKey[Topic.KeyOf(n)]).Distinct();
    }

    public async Task<Resolved> ResolveAsync(IEnumerable<IncomingArticle> articles, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in articles.SelectMany(a => a.Document.Topics)) names.TryAdd(Topic.KeyOf(name), name.Trim());

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        if (names.Count == 0) return new Resolved(ids);
        await using (var select = Sql.Command(connection, tx, ""))
        {
            select.CommandText = $"SELECT key, id FROM topics WHERE {engine.In(select, "key", "keys", names.Keys)}";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        var created = names.Where(n => !ids.ContainsKey(n.Key)).Select(n => (Name: n.Value, n.Key, Wanted: WantedSlug(n.Value))).ToList();
        if (created.Count == 0) return new Resolved(ids);
        var slugs = new SlugAllocator(connection, tx, engine, "topics");
        await slugs.PrefetchAsync(created.Select(c => c.Wanted), ct);
        var rows = new List<(string Name, string Key, string Slug)>(created.Count);
        foreach (var (name, key, wanted) in created) rows.Add((name, key, await slugs.AllocateAsync(wanted, currentSlug: null, ct)));
        foreach (var (key, id) in await engine.InsertTopicsAsync(connection, tx, rows, ct)) ids[key] = id;
        return new Resolved(ids);
    }

    private static string WantedSlug(string name) => Slug.From(name) is { Length: > 0 } s ? s : "topic";
}
