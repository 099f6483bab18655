using System.Data.Common;

namespace NewsFeed.Data.Writing;

/// <summary>The writes of one transaction (see <see cref="WriteSession"/>), every changed row stamped with its <paramref name="changeNumber"/>.</summary>
internal sealed class BatchWrite(SqlEngine engine, DbConnection connection, DbTransaction tx, string importId, long changeNumber)
{
    private const string BatchSavepoint = "newsfeed_batch";
    private const string FileSavepoint = "newsfeed_file";

    public async Task<IReadOnlyList<WriteResult>> RunAsync(IReadOnlyList<IncomingArticle> batch,
        Func<byte[], string?> unchangedInThisImport, bool final, DateTime now, CancellationToken ct)
    {
        var versions = VersionsOf(batch);
        // The whole batch under a savepoint: when the database refuses something, the batch is rolled back to it and
        // written again article by article, each under a savepoint of its own, so the refused file fails alone.
        await tx.SaveAsync(BatchSavepoint, ct);
        try
        {
            var results = await WriteAsync([.. versions.Select(v => v[0])], batch, unchangedInThisImport, final, now, ct);
            await tx.ReleaseAsync(BatchSavepoint, ct);
            foreach (var losers in versions) results.AddRange(losers.Skip(1).Select(l => Superseded(l, losers[0])));
            return results;
        }
        catch (DbException e) when (DatabaseRefusal.Is(e))
        {
            await tx.RollbackAsync(BatchSavepoint, ct);
        }
        var retried = new List<WriteResult>(batch.Count);
        foreach (var candidates in versions) retried.AddRange(await WriteFirstAcceptedAsync(candidates, unchangedInThisImport, final, now, ct));
        return retried;
    }

    /// <summary>
    /// The batch's versions of each article, best first (later published, then later path): only the first is
    /// written, unless the database refuses it; then the next one is, as if the refused file had not come.
    /// </summary>
    private static List<List<IncomingArticle>> VersionsOf(IReadOnlyList<IncomingArticle> batch) =>
    [
        .. batch.GroupBy(a => a.Document.CanonicalUrl, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(a => a.Document.PublishedAt).ThenByDescending(a => a.SourcePath, StringComparer.Ordinal).ToList()),
    ];

    private static WriteResult Superseded(IncomingArticle loser, IncomingArticle winner) => new(loser, WriteOutcome.Superseded, winner.SourcePath);

    private async Task<List<WriteResult>> WriteFirstAcceptedAsync(List<IncomingArticle> candidates,
        Func<byte[], string?> unchangedInThisImport, bool final, DateTime now, CancellationToken ct)
    {
        var results = new List<WriteResult>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            await tx.SaveAsync(FileSavepoint, ct);
            try
            {
                results.AddRange(await WriteAsync([candidates[i]], candidates[i..], unchangedInThisImport, final, now, ct));
                await tx.ReleaseAsync(FileSavepoint, ct);
                results.AddRange(candidates.Skip(i + 1).Select(l => Superseded(l, candidates[i])));
                break;
            }
            catch (DbException e) when (DatabaseRefusal.Is(e))
            {
                await tx.RollbackAsync(FileSavepoint, ct);
                var (message, column) = DatabaseRefusal.Describe(e);
                results.Add(new WriteResult(candidates[i], WriteOutcome.Failed, Error: message, Field: FieldOf(column)));
            }
        }
        return results;
    }

    /// <param name="seen">
    /// Every version the batch brings of these articles, written or not: each counts for its providers' names and logos
    /// (the latest record wins), so how files fall into batches never changes a provider.
    /// </param>
    private async Task<List<WriteResult>> WriteAsync(List<IncomingArticle> winners, IReadOnlyList<IncomingArticle> seen,
        Func<byte[], string?> unchangedInThisImport, bool final, DateTime now, CancellationToken ct)
    {
        var results = new List<WriteResult>(winners.Count);
        var existing = await StoredVersionsAsync(winners.Select(w => w.Document.CanonicalUrl), ct);
        var creates = new List<IncomingArticle>();
        var updates = new List<(IncomingArticle Incoming, StoredVersion Stored)>();
        foreach (var incoming in winners)
        {
            if (!existing.TryGetValue(incoming.Document.CanonicalUrl, out var stored)) creates.Add(incoming);
            else if (Against(incoming, stored, unchangedInThisImport, final) is { } settled) results.Add(settled);
            else updates.Add((incoming, stored));
        }
        var providers = await new ProviderResolver(connection, tx, engine, changeNumber).ResolveAsync(seen, ct);
        if (creates.Count + updates.Count == 0) return results;

        var written = creates.Concat(updates.Select(u => u.Incoming)).ToList();
        var topics = await new TopicResolver(connection, tx, engine).ResolveAsync(written, ct);
        var slugs = new SlugAllocator(connection, tx, engine, "articles");
        await slugs.PrefetchAsync(written.Select(a => a.Slug), ct);

        var createIds = await engine.NextArticleIdsAsync(connection, tx, creates.Count, ct);
        var createRows = new List<object?[]>(creates.Count);
        for (var i = 0; i < creates.Count; i++)
        {
            var slug = await slugs.AllocateAsync(creates[i].Slug, currentSlug: null, ct);
            var row = ArticleRows.Article(creates[i], slug, providers.IdOf(creates[i].Document.Provider), importId, now, changeNumber);
            createRows.Add([createIds[i], .. row, now]);
            results.Add(new WriteResult(creates[i], WriteOutcome.Created));
        }
        await engine.InsertRowsAsync(connection, tx, "articles", ArticleRows.InsertColumns, createRows, ct);

        await UpdateArticlesAsync(updates, providers, slugs, now, ct);
        foreach (var (incoming, _) in updates) results.Add(new WriteResult(incoming, WriteOutcome.Updated));

        var ids = creates.Select((c, i) => (Incoming: c, Id: createIds[i])).Concat(updates.Select(u => (u.Incoming, u.Stored.Id))).ToList();
        await InsertChildrenAsync(ids, providers, topics, ct);
        if (engine.WriterChecksRelatedItemKeys) await ChildKeyCheck.RunAsync(connection, tx, engine, [.. ids.Select(a => a.Id)], ct);
        return results;
    }

    /// <summary>What an incoming version does against the stored one: null to replace it, else the settled outcome.</summary>
    private WriteResult? Against(IncomingArticle incoming, StoredVersion stored, Func<byte[], string?> unchangedInThisImport, bool final)
    {
        if (stored.ContentHash.AsSpan().SequenceEqual(incoming.ContentHash) || stored.DocumentHash.AsSpan().SequenceEqual(incoming.DocumentHash))
            return new WriteResult(incoming, WriteOutcome.Unchanged);
        var tieWithEarlierImport = incoming.Document.PublishedAt == stored.PublishedAt && stored.ImportId != importId;
        if (tieWithEarlierImport && unchangedInThisImport(stored.ContentHash) is { } samePath)
            return Beats(incoming, stored.PublishedAt, importId, samePath) ? null : new WriteResult(incoming, WriteOutcome.Superseded, samePath);
        // The stored version's file may still come in this import, unchanged, and then it would win on its later path:
        // whether it does is known only at the end, whatever the chunk either file falls in.
        if (tieWithEarlierImport && !final && string.CompareOrdinal(stored.SourcePath, incoming.SourcePath) > 0)
            return new WriteResult(incoming, WriteOutcome.Deferred);
        return Beats(incoming, stored.PublishedAt, stored.ImportId, stored.SourcePath)
            ? null : new WriteResult(incoming, WriteOutcome.Superseded, stored.SourcePath);
    }

    /// <summary>Whether the incoming version replaces the other: later published; on a tie, later import, then later path.</summary>
    private bool Beats(IncomingArticle incoming, DateTime otherPublishedAt, string otherImportId, string otherPath)
    {
        if (incoming.Document.PublishedAt != otherPublishedAt) return incoming.Document.PublishedAt > otherPublishedAt;
        if (otherImportId != importId) return true;
        return string.CompareOrdinal(incoming.SourcePath, otherPath) > 0;
    }

    /// <summary>A column name as the front matter spells its field (<c>web_url</c> is <c>webUrl</c>).</summary>
    private static string? FieldOf(string? column) =>
        column is null ? null : string.Concat(column.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    private sealed record StoredVersion(long Id, string Slug, DateTime PublishedAt, byte[] ContentHash, byte[]? DocumentHash, string ImportId, string SourcePath);

    private async Task<Dictionary<string, StoredVersion>> StoredVersionsAsync(IEnumerable<string> urls, CancellationToken ct)
    {
        await using var cmd = Sql.Command(connection, tx, "");
        cmd.CommandText = "SELECT canonical_url, id, slug, published_at, content_hash, import_id, source_path, document_hash FROM articles " +
            $"WHERE {engine.In(cmd, "canonical_url", "urls", urls)}";
        var stored = new Dictionary<string, StoredVersion>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            stored[reader.GetString(0)] = new StoredVersion(reader.GetInt64(1), reader.GetString(2),
                DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc), (byte[])reader[4],
                reader.IsDBNull(7) ? null : (byte[])reader[7], reader.GetString(5), reader.GetString(6));
        return stored;
    }
    private async Task UpdateArticlesAsync(List<(IncomingArticle Incoming, StoredVersion Stored)> updates,
        ProviderResolver.Resolved providers, SlugAllocator slugs, DateTime now, CancellationToken ct)
    {
        if (updates.Count == 0) return;
        var columns = ArticleRows.ArticleColumns;
        await using var update = Sql.Command(connection, tx,
            $"UPDATE articles SET {string.Join(", ", columns.Select((c, i) => $"{c} = @c{i}"))} WHERE id = @id");
        var parameters = columns.Select((_, i) => Sql.Add(update, $"@c{i}", null)).ToArray();
        var idParameter = Sql.Add(update, "@id", 0L);
        foreach (var (incoming, stored) in updates)
        {
            var slug = await slugs.AllocateAsync(incoming.Slug, stored.Slug, ct);
            var row = ArticleRows.Article(incoming, slug, providers.IdOf(incoming.Document.Provider), importId, now, changeNumber);
            for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            idParameter.Value = stored.Id;
            await update.ExecuteNonQueryAsync(ct);
        }

        // The new version's lists replace the old ones whole.
        var ids = updates.Select(u => u.Stored.Id).ToList();
        foreach (var table in new[] { "related_item_provider_logos", "related_item_images", "related_items", "article_provider_logos", "article_images", "article_topics" })
        {
            await using var delete = Sql.Command(connection, tx, "");
            delete.CommandText = $"DELETE FROM {table} WHERE {engine.In(delete, "article_id", "ids", ids)}";
            await delete.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InsertChildrenAsync(List<(IncomingArticle Incoming, long Id)> articles,
        ProviderResolver.Resolved providers, TopicResolver.Resolved topics, CancellationToken ct)
    {
        await engine.InsertRowsAsync(connection, tx, "article_topics", ArticleRows.TopicColumns,
            articles.SelectMany(a => topics.IdsOf(a.Incoming.Document.Topics)
                .Select((topicId, position) => new object?[] { a.Id, topicId, position })), ct);
        await engine.InsertRowsAsync(connection, tx, "article_images", ArticleRows.ArticleImageColumns,
            articles.SelectMany(a => a.Incoming.Document.Images
                .Select((image, position) => ArticleRows.Image(a.Id, position, image))), ct);
        await engine.InsertRowsAsync(connection, tx, "article_provider_logos", ArticleRows.ArticleProviderLogoColumns,
            articles.SelectMany(a => (a.Incoming.Document.Provider?.Images ?? [])
                .Select((logo, position) => ArticleRows.Image(a.Id, position, logo))), ct);
        await engine.InsertRowsAsync(connection, tx, "related_items", ArticleRows.RelatedColumns,
            articles.SelectMany(a => a.Incoming.Document.Related
                .Select((r, position) => ArticleRows.Related(a.Id, position, r, providers.IdOf(r.Provider)))), ct);
        await engine.InsertRowsAsync(connection, tx, "related_item_images", ArticleRows.RelatedImageColumns,
            articles.SelectMany(a => a.Incoming.Document.Related.SelectMany((r, relatedPosition) => r.Images
                .Select((image, position) => ArticleRows.Image(a.Id, relatedPosition, position, image)))), ct);
        await engine.InsertRowsAsync(connection, tx, "related_item_provider_logos", ArticleRows.RelatedProviderLogoColumns,
            articles.SelectMany(a => a.Incoming.Document.Related.SelectMany((r, relatedPosition) => (r.Provider?.Images ?? [])
                .Select((logo, position) => ArticleRows.Image(a.Id, relatedPosition, position, logo)))), ct);
    }
}
