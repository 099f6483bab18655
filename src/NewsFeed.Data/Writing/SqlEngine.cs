using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace NewsFeed.Data.Writing;

/// <summary>
/// The few things the set-based writer does differently per engine: taking the writer lock, handing out article ids,
/// and loading many rows at once (PostgreSQL binary COPY; SQLite one prepared INSERT reused in the transaction).
/// Everything else is SQL both engines speak.
/// </summary>
internal abstract class SqlEngine
{
    public static SqlEngine For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresEngine(),
        _ => new SqliteEngine(),
    };

    /// <summary>Begins the batch's transaction holding the one writer lock, so concurrent imports never race on an article, provider or topic.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    public abstract Task<long[]> NextArticleIdsAsync(DbConnection connection, DbTransaction tx, int count, CancellationToken ct);

    public abstract Task InsertRowsAsync(DbConnection connection, DbTransaction tx, string table, string[] columns,
        IEnumerable<object?[]> rows, CancellationToken ct);

    private sealed class PostgresEngine : SqlEngine
    {
        // Any fixed number: it names NewsFeed's import lock among the database's advisory locks.
        private const long WriterLockKey = 0x4E657773_46656564;

        public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
        {
            var tx = await connection.BeginTransactionAsync(ct);
            await using var cmd = Sql.Command(connection, tx, $"SELECT pg_advisory_xact_lock({WriterLockKey})");
            await cmd.ExecuteNonQueryAsync(ct);
            return tx;
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
            await using var importer = await npgsql.BeginBinaryImportAsync(
                $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                importer.StartRow();
                foreach (var value in row) Write(importer, value);
            }
            await importer.CompleteAsync(ct);
        }

        // Naming the PostgreSQL type spares Npgsql a type lookup per value: COPY encoding runs about twice as fast.
        private static void Write(NpgsqlBinaryImporter importer, object? value)
        {
            switch (value)
            {
                case null: importer.WriteNull(); break;
                case string s: importer.Write(s, NpgsqlDbType.Text); break;
                case long l: importer.Write(l, NpgsqlDbType.Bigint); break;
                case int i: importer.Write(i, NpgsqlDbType.Integer); break;
                case bool b: importer.Write(b, NpgsqlDbType.Boolean); break;
                case DateTime d: importer.Write(d, NpgsqlDbType.TimestampTz); break;
                case byte[] bytes: importer.Write(bytes, NpgsqlDbType.Bytea); break;
                default: importer.Write(value); break;
            }
        }
    }

    private sealed class SqliteEngine : SqlEngine
    {
        public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
            // BEGIN IMMEDIATE takes SQLite's write lock up front, so two writers queue instead of failing midway.
            Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

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
    }
}
