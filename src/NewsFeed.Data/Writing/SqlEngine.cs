using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace NewsFeed.Data.Writing;

/// <summary>
/// The few things the set-based writer does differently per engine: taking the writer lock, handing out article ids,
/// and loading many rows at once (PostgreSQL text COPY; SQLite one prepared INSERT reused in the transaction).
/// Everything else is SQL both engines speak.
/// </summary>
internal abstract class SqlEngine
{
    public static SqlEngine For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresEngine(),
        _ => new SqliteEngine(),
    };

    /// <summary>
    /// Begins the batch's transaction holding the one writer lock, so concurrent imports never race on an article,
    /// provider or topic. While another import holds it, waits (polling with a back-off, never blocked in a statement
    /// a command or socket timeout could end) up to <paramref name="maxWait"/>, then throws <see cref="WriterBusyException"/>.
    /// </summary>
    /// <param name="waiting">Called once, when the lock is found taken.</param>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, TimeSpan maxWait, Action waiting, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(20);
        for (var attempt = 0; ; attempt++)
        {
            if (await TryBeginWriteAsync(connection, ct) is { } tx) return tx;
            if (attempt == 0) waiting();
            var left = maxWait - clock.Elapsed;
            if (left <= TimeSpan.Zero) throw new WriterBusyException(maxWait);
            await Task.Delay(pause < left ? pause : left, ct);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 1000));
        }
    }

    /// <summary>The writer's transaction, or null (nothing left open) when another import holds the lock.</summary>
    protected abstract Task<DbTransaction?> TryBeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Whether the related-item tables' keys are left to the writer (<see cref="ChildKeyCheck"/>) because the database
    /// does not check them itself; where it does, checking them again would be a query per write for nothing.
    /// </summary>
    public virtual bool WriterChecksRelatedItemKeys => false;

    /// <summary>
    /// The number that stamps everything the writer's transaction changes. Called with the writer lock held: see each
    /// engine for why its numbers then grow in commit order, which is what lets a reader that saw number N ask for
    /// "everything after N" (changedSince) without missing a row.
    /// </summary>
    public abstract Task<long> NextChangeNumberAsync(DbConnection connection, DbTransaction tx, CancellationToken ct);

    public abstract Task<long[]> NextArticleIdsAsync(DbConnection connection, DbTransaction tx, int count, CancellationToken ct);

    public abstract Task InsertRowsAsync(DbConnection connection, DbTransaction tx, string table, string[] columns,
        IEnumerable<object?[]> rows, CancellationToken ct);

    /// <summary>
    /// <c>column IN (values)</c> with the whole list bound as ONE parameter (a PostgreSQL array, a SQLite JSON array),
    /// so the statement's parameter count is the same for one value or a million.
    /// </summary>
    public abstract string In(DbCommand cmd, string column, string name, IEnumerable<string> values);

    /// <inheritdoc cref="In(DbCommand, string, string, IEnumerable{string})"/>
    public abstract string In(DbCommand cmd, string column, string name, IEnumerable<long> values);

    /// <inheritdoc cref="In(DbCommand, string, string, IEnumerable{string})"/>
    public abstract string In(DbCommand cmd, string column, string name, IEnumerable<byte[]> values);

    /// <summary>
    /// The values as a subquery of one column, <c>id</c>, bound as one parameter like <see cref="In(DbCommand, string, string, IEnumerable{long})"/>:
    /// for a query that must visit exactly these keys and nothing else, whatever the planner knows of the tables.
    /// </summary>
    public abstract string Rows(DbCommand cmd, string name, IEnumerable<long> values);

    /// <summary>
    /// A query of the values of <paramref name="column"/> that start with one of the prefixes, all prefixes in one
    /// statement and one parameter. Prefixes hold slug characters only (ASCII letters, digits, hyphens).
    /// </summary>
    public abstract string SelectStartingWithAny(DbCommand cmd, string table, string column, IEnumerable<string> prefixes);

    /// <summary>Inserts new topics and returns their ids by key, whatever their number, in a bounded number of statements.</summary>
    public abstract Task<Dictionary<string, long>> InsertTopicsAsync(DbConnection connection, DbTransaction tx,
        IReadOnlyList<(string Name, string Key, string Slug)> topics, CancellationToken ct);

    /// <summary>Inserts new providers and returns their ids by domain, in a number of statements that does not grow with the providers on PostgreSQL.</summary>
    public abstract Task<Dictionary<string, long>> InsertProvidersAsync(DbConnection connection, DbTransaction tx,
        IReadOnlyList<NewProvider> providers, long changeNumber, CancellationToken ct);

    private sealed class PostgresEngine : SqlEngine
    {
        // Any fixed number: it names NewsFeed's import lock among the database's advisory locks.
        private const long WriterLockKey = 0x4E657773_46656564;

        // Migration RelatedItemKeysCheckedByWriter dropped those foreign keys: their per-row triggers were most of an import.
        public override bool WriterChecksRelatedItemKeys => true;

        protected override async Task<DbTransaction?> TryBeginWriteAsync(DbConnection connection, CancellationToken ct)
        {
            var tx = await connection.BeginTransactionAsync(ct);
            try
            {
                await using var cmd = Sql.Command(connection, tx, $"SELECT pg_try_advisory_xact_lock({WriterLockKey})");
                if (await cmd.ExecuteScalarAsync(ct) is true) return tx;
            }
            catch
            {
                await tx.DisposeAsync();
                throw;
            }
            await tx.RollbackAsync(ct);
            await tx.DisposeAsync();
            return null;
        }

        // A sequence alone does not follow commit order: two transactions can take 7 and 8 and commit 8 first, and a
        // reader that saw 8 would then never ask for 7. Taken while this transaction holds the writer lock, which only
        // its commit releases, the next writer takes its number after this one has committed: numbers grow in commit order.
        public override async Task<long> NextChangeNumberAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx, $"SELECT nextval('{NewsFeedDbContext.ChangeNumberSequence}')");
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        public override async Task<long[]> NextArticleIdsAsync(DbConnection connection, DbTransaction tx, int count, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx,
                "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, @count)");
            Sql.Add(cmd, "@count", count);
            var ids = new long[count];
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++) ids[i] = reader.GetInt64(0);
            return ids;
        }

        public override async Task InsertRowsAsync(DbConnection connection, DbTransaction tx, string table, string[] columns,
            IEnumerable<object?[]> rows, CancellationToken ct)
        {
            var npgsql = (NpgsqlConnection)connection;
            var writer = (NpgsqlCopyTextWriter)await npgsql.BeginTextImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN", ct);
            try
            {
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    CopyText.WriteRow(writer, row);
                }
            }
            catch
            {
                // Disposing the writer would end the COPY and keep the rows sent so far: cancel it instead.
                await CancelAsync(writer);
                throw;
            }
            // Ends the COPY: the rows are in once this returns.
            await writer.DisposeAsync();
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031",
            Justification = "The COPY failed already: on a broken connection cancelling it fails too, and the first error is the one that says why.")]
        private static async Task CancelAsync(NpgsqlCopyTextWriter writer)
        {
            try
            {
                await writer.CancelAsync();
            }
            catch (Exception)
            {
                // The connection is gone, and the COPY with it.
            }
        }

        public override string In(DbCommand cmd, string column, string name, IEnumerable<string> values) =>
            Any(cmd, column, name, values.ToArray(), NpgsqlDbType.Text);

        public override string In(DbCommand cmd, string column, string name, IEnumerable<long> values) =>
            Any(cmd, column, name, values.ToArray(), NpgsqlDbType.Bigint);

        public override string In(DbCommand cmd, string column, string name, IEnumerable<byte[]> values) =>
            Any(cmd, column, name, values.ToArray(), NpgsqlDbType.Bytea);

        public override string Rows(DbCommand cmd, string name, IEnumerable<long> values)
        {
            AddArray(cmd, name, values.ToArray(), NpgsqlDbType.Bigint);
            return $"(SELECT unnest(@{name}) AS id)";
        }

        public override string SelectStartingWithAny(DbCommand cmd, string table, string column, IEnumerable<string> prefixes)
        {
            // LIKE, not a range: under a database collation other than C, text order does not follow code points.
            AddArray(cmd, "prefixes", prefixes.Select(p => p.Replace(@"\", @"\\", StringComparison.Ordinal)
                .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%").ToArray(), NpgsqlDbType.Text);
            return $"SELECT {column} FROM {table} WHERE {column} LIKE ANY(@prefixes)";
        }

        public override async Task<Dictionary<string, long>> InsertTopicsAsync(DbConnection connection, DbTransaction tx,
            IReadOnlyList<(string Name, string Key, string Slug)> topics, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx,
                "INSERT INTO topics (name, key, slug) SELECT * FROM unnest(@names, @keys, @slugs) RETURNING key, id");
            AddArray(cmd, "names", topics.Select(t => t.Name).ToArray(), NpgsqlDbType.Text);
            AddArray(cmd, "keys", topics.Select(t => t.Key).ToArray(), NpgsqlDbType.Text);
            AddArray(cmd, "slugs", topics.Select(t => t.Slug).ToArray(), NpgsqlDbType.Text);
            return await ReadIdsByKeyAsync(cmd, ct);
        }

        // One statement for the batch: a round trip per new provider was most of the provider step's time in an import
        // of a fresh corpus (hundreds of domains named by related items, nearly all in the first batches).
        public override async Task<Dictionary<string, long>> InsertProvidersAsync(DbConnection connection, DbTransaction tx,
            IReadOnlyList<NewProvider> providers, long changeNumber, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx,
                "INSERT INTO providers (domain, name, name_seen_at, logos_seen_at, change_number) " +
                "SELECT u.*, @changeNumber FROM unnest(@domains, @names, @nameSeenAts, @logosSeenAts) AS u RETURNING domain, id");
            Sql.Add(cmd, "@changeNumber", changeNumber);
            AddArray(cmd, "domains", providers.Select(p => p.Domain).ToArray(), NpgsqlDbType.Text);
            AddArray(cmd, "names", providers.Select(p => p.Name).ToArray(), NpgsqlDbType.Text);
            AddArray(cmd, "nameSeenAts", providers.Select(p => p.NameSeenAt).ToArray(), NpgsqlDbType.TimestampTz);
            AddArray(cmd, "logosSeenAts", providers.Select(p => p.LogosSeenAt).ToArray(), NpgsqlDbType.TimestampTz);
            return await ReadIdsByKeyAsync(cmd, ct);
        }

        private static string Any<T>(DbCommand cmd, string column, string name, T[] values, NpgsqlDbType type)
        {
            AddArray(cmd, name, values, type);
            return $"{column} = ANY(@{name})";
        }

        private static void AddArray<T>(DbCommand cmd, string name, T[] values, NpgsqlDbType type) =>
            cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values });
    }

    private sealed class SqliteEngine : SqlEngine
    {
        // SQLITE_BUSY, SQLITE_LOCKED
        private static readonly int[] Busy = [5, 6];

        protected override Task<DbTransaction?> TryBeginWriteAsync(DbConnection connection, CancellationToken ct)
        {
            var sqlite = (SqliteConnection)connection;
            var timeout = sqlite.DefaultTimeout;
            // BEGIN IMMEDIATE takes SQLite's write lock up front, so two writers queue instead of failing midway; it
            // retries for at most a second here, and the caller's loop does the waiting.
            sqlite.DefaultTimeout = 1;
            try
            {
                return Task.FromResult<DbTransaction?>(sqlite.BeginTransaction(deferred: false));
            }
            catch (SqliteException e) when (Busy.Contains(e.SqliteErrorCode))
            {
                return Task.FromResult<DbTransaction?>(null);
            }
            finally
            {
                sqlite.DefaultTimeout = timeout;
            }
        }

        // One writer at a time (BEGIN IMMEDIATE): the counter row is incremented in the transaction, so a rolled-back
        // write gives its number back and the next commit takes the next one.
        public override async Task<long> NextChangeNumberAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx, "UPDATE change_counter SET value = value + 1 RETURNING value");
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        public override async Task<long[]> NextArticleIdsAsync(DbConnection connection, DbTransaction tx, int count, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx, "SELECT COALESCE(MAX(id), 0) FROM articles");
            var max = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            return [.. Enumerable.Range(1, count).Select(i => max + i)];
        }

        public override Task InsertRowsAsync(DbConnection connection, DbTransaction tx, string table, string[] columns,
            IEnumerable<object?[]> rows, CancellationToken ct)
        {
            using var cmd = Sql.Command(connection, tx,
                $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@c{i}"))})");
            var parameters = columns.Select((_, i) => Sql.Add(cmd, $"@c{i}", null)).ToArray();
            cmd.Prepare();
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
            return Task.CompletedTask;
        }

        public override string In(DbCommand cmd, string column, string name, IEnumerable<string> values) =>
            InJson(cmd, column, name, JsonSerializer.Serialize(values), "value");

        public override string In(DbCommand cmd, string column, string name, IEnumerable<long> values) =>
            InJson(cmd, column, name, JsonSerializer.Serialize(values), "value");

        public override string Rows(DbCommand cmd, string name, IEnumerable<long> values)
        {
            Sql.Add(cmd, $"@{name}", JsonSerializer.Serialize(values));
            return $"(SELECT value AS id FROM json_each(@{name}))";
        }

        // JSON has no bytes: the hashes travel as hex and unhex() turns them back into blobs the index matches.
        public override string In(DbCommand cmd, string column, string name, IEnumerable<byte[]> values) =>
            InJson(cmd, column, name, JsonSerializer.Serialize(values.Select(Convert.ToHexString)), "unhex(value)");

        public override string SelectStartingWithAny(DbCommand cmd, string table, string column, IEnumerable<string> prefixes)
        {
            // One range of the BINARY-collated index per prefix (slug characters all sort below '~'); CROSS JOIN keeps
            // the prefixes as the outer loop, so SQLite seeks the index instead of scanning the table.
            Sql.Add(cmd, "@prefixes", JsonSerializer.Serialize(prefixes));
            return $"SELECT t.{column} FROM json_each(@prefixes) AS p CROSS JOIN {table} AS t " +
                $"WHERE t.{column} >= p.value AND t.{column} < p.value || '~'";
        }

        public override async Task<Dictionary<string, long>> InsertTopicsAsync(DbConnection connection, DbTransaction tx,
            IReadOnlyList<(string Name, string Key, string Slug)> topics, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx,
                "INSERT INTO topics (name, key, slug) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@topics) RETURNING key, id");
            Sql.Add(cmd, "@topics", JsonSerializer.Serialize(topics.Select(t => new[] { t.Name, t.Key, t.Slug })));
            return await ReadIdsByKeyAsync(cmd, ct);
        }

        // One prepared statement reused: SQLite runs in the process, so a statement per provider costs no round trip, and
        // its parameters keep the timestamps in the text form every other write gives them.
        public override async Task<Dictionary<string, long>> InsertProvidersAsync(DbConnection connection, DbTransaction tx,
            IReadOnlyList<NewProvider> providers, long changeNumber, CancellationToken ct)
        {
            await using var cmd = Sql.Command(connection, tx,
                "INSERT INTO providers (domain, name, name_seen_at, logos_seen_at, change_number) " +
                "VALUES (@domain, @name, @nameSeenAt, @logosSeenAt, @changeNumber) RETURNING id");
            Sql.Add(cmd, "@changeNumber", changeNumber);
            var (domain, name, nameSeenAt, logosSeenAt) =
                (Sql.Add(cmd, "@domain", null), Sql.Add(cmd, "@name", null), Sql.Add(cmd, "@nameSeenAt", null), Sql.Add(cmd, "@logosSeenAt", null));
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var provider in providers)
            {
                (domain.Value, name.Value, nameSeenAt.Value, logosSeenAt.Value) =
                    (provider.Domain, provider.Name ?? (object)DBNull.Value, provider.NameSeenAt, provider.LogosSeenAt ?? (object)DBNull.Value);
                ids[provider.Domain] = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            return ids;
        }

        private static string InJson(DbCommand cmd, string column, string name, string json, string value)
        {
            Sql.Add(cmd, $"@{name}", json);
            return $"{column} IN (SELECT {value} FROM json_each(@{name}))";
        }
    }

    private static async Task<Dictionary<string, long>> ReadIdsByKeyAsync(DbCommand cmd, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[reader.GetString(0)] = reader.GetInt64(1);
        return ids;
    }
}

/// <summary>A provider to create, with the stamps of the records its name and logos come from.</summary>
internal sealed record NewProvider(string Domain, string? Name, DateTime NameSeenAt, DateTime? LogosSeenAt);
