using System.Data.Common;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Writing;

/// <summary>Finds or creates the topics a batch names: one per name compared case-insensitively, each with a unique slug.</summary>
internal sealed class TopicResolver(DbConnection connection, DbTransaction tx)
{
    public sealed class Resolved(Dictionary<string, long> idsByKey)
    {
        /// <summary>The topic ids of a list of names, in order, each once.</summary>
        public IEnumerable<long> IdsOf(IEnumerable<string> names) => names.Select(n => idsByKey[KeyOf(n)]).Distinct();
    }

    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();

    public async Task<Resolved> ResolveAsync(IEnumerable<IncomingArticle> articles, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in articles.SelectMany(a => a.Document.Topics)) names.TryAdd(KeyOf(name), name.Trim());

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        if (names.Count == 0) return new Resolved(ids);
        await using (var select = Sql.Command(connection, tx, ""))
        {
            select.CommandText = $"SELECT key, id FROM topics WHERE key IN {Sql.InList(select, "k", names.Keys)}";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        foreach (var (key, name) in names.Where(n => !ids.ContainsKey(n.Key)))
        {
            var slug = await FreeSlugAsync(Slug.From(name) is { Length: > 0 } s ? s : "topic", ct);
            await using var insert = Sql.Command(connection, tx, "INSERT INTO topics (name, key, slug) VALUES (@name, @key, @slug) RETURNING id");
            Sql.Add(insert, "@name", name);
            Sql.Add(insert, "@key", key);
            Sql.Add(insert, "@slug", slug);
            ids[key] = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Resolved(ids);
    }

    private async Task<string> FreeSlugAsync(string wanted, CancellationToken ct)
    {
        await using var exists = Sql.Command(connection, tx, "SELECT COUNT(*) FROM topics WHERE slug = @slug");
        var parameter = Sql.Add(exists, "@slug", wanted);
        for (var n = 2; ; n++)
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
                return (string)parameter.Value!;
            parameter.Value = $"{wanted}-{n}";
        }
    }
}
