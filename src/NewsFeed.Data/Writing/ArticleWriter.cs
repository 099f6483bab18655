using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace NewsFeed.Data.Writing;

/// <summary>
/// Writes batches of parsed articles with set-based statements (PostgreSQL COPY, prepared SQLite inserts), one
/// transaction per batch under the writer lock, so an article is stored whole or not at all.
/// Which version of an article wins does not depend on import order: the later <c>publishedDateTime</c> wins; on a tie,
/// the later import, and within one import the later path (ordinal).
/// </summary>
public sealed class ArticleWriter(IDbContextFactory<NewsFeedDbContext> contexts, DatabaseSettings settings)
{
    private readonly SqlEngine _engine = SqlEngine.For(settings.Provider);

    /// <summary>Which of these content hashes a stored article already has: those files need no parsing.</summary>
    public async Task<HashSet<string>> FindKnownHashesAsync(IReadOnlyCollection<byte[]> hashes, CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (hashes.Count == 0) return known;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var cmd = Sql.Command(connection, null, "");
        cmd.CommandText = $"SELECT content_hash FROM articles WHERE content_hash IN {Sql.InList(cmd, "h", hashes)}";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) known.Add(Convert.ToHexString((byte[])reader[0]));
        return known;
    }

    /// <summary>
    /// Opens a transaction holding the writer lock. Batches written through it commit together: an import commits one
    /// session per batch, while a dry run (rolled back) or an all-or-nothing import uses one session for everything.
    /// </summary>
    public async Task<WriteSession> BeginAsync(string importId, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            var tx = await _engine.BeginWriteAsync(connection, ct);
            return new WriteSession(db, tx, _engine, importId);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

}

/// <summary>One open write transaction; see <see cref="ArticleWriter.BeginAsync"/>.</summary>
public sealed class WriteSession : IAsyncDisposable
{
    private readonly NewsFeedDbContext _db;
    private readonly DbTransaction _tx;
    private readonly BatchWrite _batches;

    internal WriteSession(NewsFeedDbContext db, DbTransaction tx, SqlEngine engine, string importId)
    {
        _db = db;
        _tx = tx;
        _batches = new BatchWrite(engine, db.Database.GetDbConnection(), tx, importId);
    }

    /// <summary>Writes one batch and says what happened to each article in it.</summary>
    /// <param name="unchangedInThisImport">
    /// For a stored content hash, the path of a file of this import that has exactly that content (skipped as unchanged
    /// before parsing), else null. The stored version then counts as part of this import when breaking a tie, so
    /// re-importing a folder never swaps an article for a same-date sibling.
    /// </param>
    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<IncomingArticle> batch,
        Func<byte[], string?> unchangedInThisImport, CancellationToken ct) =>
        _batches.RunAsync(batch, unchangedInThisImport, DateTime.UtcNow, ct);

    public Task CommitAsync(CancellationToken ct) => _tx.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => _tx.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _tx.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>The writes of one transaction.</summary>
    private sealed class BatchWrite(SqlEngine engine, DbConnection connection, DbTransaction tx, string importId)
    {
        public async Task<IReadOnlyList<WriteResult>> RunAsync(IReadOnlyList<IncomingArticle> batch,
            Func<byte[], string?> unchangedInThisImport, DateTime now, CancellationToken ct)
        {
            var results = new List<WriteResult>(batch.Count);
            var winners = new Dictionary<string, IncomingArticle>(StringComparer.Ordinal);
            foreach (var incoming in batch)
            {
                var url = incoming.Document.CanonicalUrl;
                if (!winners.TryGetValue(url, out var other)) winners[url] = incoming;
                else if (Beats(incoming, other.Document.PublishedAt, importId, other.SourcePath))
                {
                    results.Add(new WriteResult(other, WriteOutcome.Superseded, incoming.SourcePath));
                    winners[url] = incoming;
                }
                else results.Add(new WriteResult(incoming, WriteOutcome.Superseded, other.SourcePath));
            }

            var existing = await StoredVersionsAsync(winners.Keys, ct);
            var creates = new List<IncomingArticle>();
            var updates = new List<(IncomingArticle Incoming, StoredVersion Stored)>();
            foreach (var incoming in winners.Values)
            {
                if (!existing.TryGetValue(incoming.Document.CanonicalUrl, out var stored)) creates.Add(incoming);
                else if (stored.ContentHash.AsSpan().SequenceEqual(incoming.ContentHash))
                    results.Add(new WriteResult(incoming, WriteOutcome.Unchanged));
                else if (unchangedInThisImport(stored.ContentHash) is { } samePath
                    ? Beats(incoming, stored.PublishedAt, importId, samePath)
                    : Beats(incoming, stored.PublishedAt, stored.ImportId, stored.SourcePath))
                    updates.Add((incoming, stored));
                else results.Add(new WriteResult(incoming, WriteOutcome.Superseded, stored.SourcePath));
            }
            if (creates.Count + updates.Count == 0) return results;

            var written = creates.Concat(updates.Select(u => u.Incoming)).ToList();
            var providers = await new ProviderResolver(connection, tx, engine).ResolveAsync(written, ct);
            var topics = await new TopicResolver(connection, tx).ResolveAsync(written, ct);
            var slugs = new SlugAllocator(connection, tx);
            await slugs.PrefetchAsync(written.Select(a => a.Slug), ct);

            var createIds = await engine.NextArticleIdsAsync(connection, tx, creates.Count, ct);
            var createRows = new List<object?[]>(creates.Count);
            for (var i = 0; i < creates.Count; i++)
            {
                var slug = await slugs.AllocateAsync(creates[i].Slug, currentSlug: null, ct);
                var row = ArticleRows.Article(creates[i], slug, providers.IdOf(creates[i].Document.Provider), importId, now);
                createRows.Add([createIds[i], .. row, now]);
                results.Add(new WriteResult(creates[i], WriteOutcome.Created));
            }
            await engine.InsertRowsAsync(connection, tx, "articles", ArticleRows.InsertColumns, createRows, ct);

            await UpdateArticlesAsync(updates, providers, slugs, now, ct);
            foreach (var (incoming, _) in updates) results.Add(new WriteResult(incoming, WriteOutcome.Updated));

            var ids = creates.Select((c, i) => (c, createIds[i])).Concat(updates.Select(u => (u.Incoming, u.Stored.Id))).ToList();
            await InsertChildrenAsync(ids, providers, topics, ct);
            return results;
        }

        /// <summary>Whether the incoming version replaces the other: later published; on a tie, later import, then later path.</summary>
        private bool Beats(IncomingArticle incoming, DateTime otherPublishedAt, string otherImportId, string otherPath)
        {
            if (incoming.Document.PublishedAt != otherPublishedAt) return incoming.Document.PublishedAt > otherPublishedAt;
            if (otherImportId != importId) return true;
            return string.CompareOrdinal(incoming.SourcePath, otherPath) > 0;
        }

        private sealed record StoredVersion(long Id, string Slug, DateTime PublishedAt, byte[] ContentHash, string ImportId, string SourcePath);

        private async Task<Dictionary<string, StoredVersion>> StoredVersionsAsync(IEnumerable<string> urls, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx, "");
            cmd.CommandText = "SELECT canonical_url, id, slug, published_at, content_hash, import_id, source_path FROM articles " +
                $"WHERE canonical_url IN {Sql.InList(cmd, "u", urls)}";
            var stored = new Dictionary<string, StoredVersion>(StringComparer.Ordinal);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                stored[reader.GetString(0)] = new StoredVersion(reader.GetInt64(1), reader.GetString(2),
                    DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc), (byte[])reader[4], reader.GetString(5), reader.GetString(6));
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
                var row = ArticleRows.Article(incoming, slug, providers.IdOf(incoming.Document.Provider), importId, now);
                for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
                idParameter.Value = stored.Id;
                await update.ExecuteNonQueryAsync(ct);
            }

            // The new version's lists replace the old ones whole.
            var ids = updates.Select(u => u.Stored.Id).ToList();
            foreach (var table in new[] { "related_item_images", "related_items", "article_images", "article_topics" })
            {
                await using var delete = Sql.Command(connection, tx, "");
                delete.CommandText = $"DELETE FROM {table} WHERE article_id IN {Sql.InList(delete, "a", ids)}";
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
                    .Select((image, position) => ArticleRows.Prepend(a.Id, ArticleRows.Image(position, image)))), ct);
            await engine.InsertRowsAsync(connection, tx, "related_items", ArticleRows.RelatedColumns,
                articles.SelectMany(a => a.Incoming.Document.Related
                    .Select((r, position) => ArticleRows.Related(a.Id, position, r, providers.IdOf(r.Provider)))), ct);
            await engine.InsertRowsAsync(connection, tx, "related_item_images", ArticleRows.RelatedImageColumns,
                articles.SelectMany(a => a.Incoming.Document.Related.SelectMany((r, relatedPosition) => r.Images
                    .Select((image, position) => ArticleRows.Prepend(a.Id, relatedPosition, ArticleRows.Image(position, image))))), ct);
        }
    }
}
