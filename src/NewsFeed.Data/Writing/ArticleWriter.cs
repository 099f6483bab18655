using System.Data.Common;

namespace NewsFeed.Data.Writing;

/// <summary>
/// Writes batches of parsed articles with set-based statements (PostgreSQL COPY, prepared SQLite inserts), one
/// transaction per batch under the writer lock, so an article is stored whole or not at all.
/// Which version of an article wins does not depend on import order: the later <c>publishedDateTime</c> wins; on a tie,
/// the later import, and within one import the later path (ordinal).
/// </summary>
public sealed class ArticleWriter(DatabaseSettings settings, TimeProvider clock)
{
    private readonly SqlEngine _engine = SqlEngine.For(settings.Provider);

    /// <summary>Which of these content hashes a stored article already has: those files need no parsing.</summary>
    public async Task<HashSet<string>> FindKnownHashesAsync(IReadOnlyCollection<byte[]> hashes, CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (hashes.Count == 0) return known;
        await using var connection = settings.CreateConnection();
        await connection.OpenAsync(ct);
        await using var cmd = Sql.Command(connection, null, "");
        cmd.CommandText = $"SELECT content_hash FROM articles WHERE {_engine.In(cmd, "content_hash", "hashes", hashes)}";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) known.Add(Convert.ToHexString((byte[])reader[0]));
        return known;
    }

    /// <summary>
    /// Opens a transaction holding the writer lock. Batches written through it commit together: an import commits one
    /// session per batch, while a dry run (rolled back) or an all-or-nothing import uses one session for everything.
    /// </summary>
    /// <param name="maxWait">How long to wait for another import holding the lock before failing with <see cref="WriterBusyException"/>.</param>
    /// <param name="waiting">Called once when the lock is held by another import and this one starts waiting.</param>
    public async Task<WriteSession> BeginAsync(string importId, TimeSpan maxWait, Action? waiting, CancellationToken ct)
    {
        var connection = settings.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            var tx = await _engine.BeginWriteAsync(connection, maxWait, waiting ?? (() => { }), ct);
            var changeNumber = await _engine.NextChangeNumberAsync(connection, tx, ct);
            return new WriteSession(connection, tx, _engine, importId, changeNumber, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>
/// Another import held the writer lock for longer than this one was allowed to wait. An InvalidOperationException, so
/// the command line reports it as the fatal problem it is (exit code 1).
/// </summary>
public sealed class WriterBusyException(TimeSpan waited)
    : InvalidOperationException($"Another import held the database's writer lock for the whole {waited.TotalSeconds:F0} s this import may wait (Import:WriterWaitSeconds).");

/// <summary>One open write transaction; see <see cref="ArticleWriter.BeginAsync"/>.</summary>
public sealed class WriteSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _tx;
    private readonly BatchWrite _batches;
    private readonly TimeProvider _clock;

    internal WriteSession(DbConnection connection, DbTransaction tx, SqlEngine engine, string importId, long changeNumber, TimeProvider clock)
    {
        _connection = connection;
        _tx = tx;
        _clock = clock;
        _batches = new BatchWrite(engine, connection, tx, importId, changeNumber);
    }

    /// <summary>
    /// Writes one batch and says what happened to each article in it. A file the database refuses (a value, a
    /// constraint, a limit) fails alone, <see cref="WriteOutcome.Failed"/> with the reason; the rest is written.
    /// </summary>
    /// <param name="unchangedInThisImport">
    /// For a stored content hash, the path of a file of this import that has exactly that content (skipped as unchanged
    /// before parsing), else null. The stored version then counts as part of this import when breaking a tie, so
    /// re-importing a folder never swaps an article for a same-date sibling.
    /// </param>
    /// <param name="final">
    /// False while files of this import may still come: a tie the stored version's own file could still win is then
    /// <see cref="WriteOutcome.Deferred"/>, to be written again with <paramref name="final"/> true once every file is seen.
    /// </param>
    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<IncomingArticle> batch,
        Func<byte[], string?> unchangedInThisImport, bool final, CancellationToken ct) =>
        _batches.RunAsync(batch, unchangedInThisImport, final, _clock.GetUtcNow().UtcDateTime, ct);

    public Task CommitAsync(CancellationToken ct) => _tx.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => _tx.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _tx.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
