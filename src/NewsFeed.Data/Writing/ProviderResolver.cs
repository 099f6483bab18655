using System.Data.Common;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Writing;

/// <summary>
/// Finds or creates the providers a batch names (article and related-item providers alike, one per domain). A name
/// or a set of logos replaces the stored one only when it comes from a record published no earlier than the one
/// that gave the stored value, so the result does not depend on import order.
/// </summary>
internal sealed class ProviderResolver(DbConnection connection, DbTransaction tx, SqlEngine engine, long changeNumber)
{
    public sealed class Resolved(Dictionary<string, long> ids)
    {
        public long? IdOf(ProviderRef? provider) =>
            provider is null || provider.Domain.Length == 0 ? null : ids[provider.Domain];
    }

    private sealed class Candidate(string domain)
    {
        public string Domain { get; } = domain;
        public string? Name { get; set; }
        public DateTime NameSeenAt { get; set; } = DateTime.MinValue;
        public IReadOnlyList<ImageRef>? Logos { get; set; }
        public DateTime LogosSeenAt { get; set; } = DateTime.MinValue;
    }

    public async Task<Resolved> ResolveAsync(IEnumerable<IncomingArticle> articles, CancellationToken ct)
    {
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var incoming in articles)
        {
            var d = incoming.Document;
            Consider(candidates, d.Provider, d.PublishedAt, withLogos: true);
            foreach (var related in d.Related)
                Consider(candidates, related.Provider, related.PublishedAt ?? DateTime.MinValue, withLogos: false);
        }

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        if (candidates.Count == 0) return new Resolved(ids);
        var renames = new List<(Candidate, long)>();
        var relogos = new List<(Candidate, long)>();
        var tied = new List<(Candidate Candidate, long Id)>();
        await using (var select = Sql.Command(connection, tx, ""))
        {
            select.CommandText = "SELECT domain, id, name, name_seen_at, logos_seen_at FROM providers " +
                $"WHERE {engine.In(select, "domain", "domains", candidates.Keys)}";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var candidate = candidates[reader.GetString(0)];
                var id = reader.GetInt64(1);
                ids[candidate.Domain] = id;
                var name = reader.IsDBNull(2) ? null : reader.GetString(2);
                var nameSeenAt = reader.GetDateTime(3);
                DateTime? logosSeenAt = reader.IsDBNull(4) ? null : reader.GetDateTime(4);
                if (candidate.NameSeenAt > nameSeenAt || (candidate.NameSeenAt == nameSeenAt && string.CompareOrdinal(candidate.Name, name) > 0))
                    renames.Add((candidate, id));
                if (candidate.Logos is not null && (logosSeenAt is null || candidate.LogosSeenAt > logosSeenAt))
                    relogos.Add((candidate, id));
                else if (candidate.Logos is not null && candidate.LogosSeenAt == logosSeenAt)
                    tied.Add((candidate, id));
            }
        }
        // On a tie the later import's logos win, but the same logos again are no change: re-stamping them would move
        // the data version (and every client's ETag) when a re-import changed nothing.
        relogos.AddRange(await OtherLogosAsync(tied, ct));

        // New providers are written with their name and logos' stamp: only their logos are left to insert.
        var fresh = candidates.Values.Where(c => !ids.ContainsKey(c.Domain)).ToList();
        if (fresh.Count > 0)
            foreach (var (domain, id) in await engine.InsertProvidersAsync(connection, tx, [.. fresh.Select(c =>
                new NewProvider(c.Domain, c.Name, c.NameSeenAt, c.Logos is null ? null : c.LogosSeenAt))], changeNumber, ct))
                ids[domain] = id;
        var created = fresh.Where(c => c.Logos is not null).Select(c => (c, ids[c.Domain])).ToList();
        await RefreshAsync(renames, relogos, created, ct);
        return new Resolved(ids);
    }

    /// <summary>The tied candidates whose logos are not the ones stored.</summary>
    private async Task<List<(Candidate Candidate, long Id)>> OtherLogosAsync(List<(Candidate Candidate, long Id)> tied, CancellationToken ct)
    {
        if (tied.Count == 0) return tied;
        var stored = new Dictionary<long, List<ImageRef>>();
        await using (var select = Sql.Command(connection, tx, ""))
        {
            select.CommandText = $"SELECT provider_id, {DbValues.ImageColumns} FROM provider_logos " +
                $"WHERE {engine.In(select, "provider_id", "ids", tied.Select(r => r.Id))} ORDER BY provider_id, position";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (!stored.TryGetValue(id, out var logos)) stored[id] = logos = [];
                logos.Add(reader.ImageRef(1));
            }
        }
        return [.. tied.Where(r => !r.Candidate.Logos!.SequenceEqual(stored.GetValueOrDefault(r.Id) ?? []))];
    }

    private static void Consider(Dictionary<string, Candidate> candidates, ProviderRef? provider, DateTime seenAt, bool withLogos)
    {
        if (provider is null || provider.Domain.Length == 0) return;
        if (!candidates.TryGetValue(provider.Domain, out var candidate))
            candidates[provider.Domain] = candidate = new Candidate(provider.Domain);
        // The latest record's name; between records of one date, the greater name, so neither order nor batches matter.
        if (seenAt > candidate.NameSeenAt || (seenAt == candidate.NameSeenAt && string.CompareOrdinal(provider.Name, candidate.Name) > 0))
            (candidate.Name, candidate.NameSeenAt) = (provider.Name, seenAt);
        if (withLogos && provider.Images.Count > 0 && seenAt >= candidate.LogosSeenAt)
            (candidate.Logos, candidate.LogosSeenAt) = (provider.Images, seenAt);
    }

    /// <summary>
    /// Renames, replaces logos and adds the new providers' logos in a few set-based statements for the whole batch,
    /// not a round trip per provider.
    /// </summary>
    private async Task RefreshAsync(List<(Candidate Candidate, long Id)> renames, List<(Candidate Candidate, long Id)> relogos,
        List<(Candidate Candidate, long Id)> created, CancellationToken ct)
    {
        await Sql.UpdateByIdAsync(connection, tx, "providers", "name = v.column2, name_seen_at = v.column3, change_number = v.column4",
            [.. renames.Select(r => new object?[] { r.Id, r.Candidate.Name, r.Candidate.NameSeenAt, changeNumber })], ct);
        await Sql.UpdateByIdAsync(connection, tx, "providers", "logos_seen_at = v.column2, change_number = v.column3",
            [.. relogos.Select(r => new object?[] { r.Id, r.Candidate.LogosSeenAt, changeNumber })], ct);
        if (relogos.Count > 0)
        {
            await using var clear = Sql.Command(connection, tx, "");
            clear.CommandText = $"DELETE FROM provider_logos WHERE {engine.In(clear, "provider_id", "ids", relogos.Select(r => r.Id))}";
            await clear.ExecuteNonQueryAsync(ct);
        }
        if (relogos.Count + created.Count == 0) return;
        await engine.InsertRowsAsync(connection, tx, "provider_logos", ArticleRows.ProviderLogoColumns, relogos.Concat(created)
            .SelectMany(r => r.Candidate.Logos!.Select((logo, position) => ArticleRows.Image(r.Id, position, logo))), ct);
    }
}
