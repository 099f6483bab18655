using System.Data.Common;
using Microsoft.Data.Sqlite;
using NewsFeed.Data;
using Npgsql;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>Holds the import writer's lock from outside the app, as another import would, until disposed.</summary>
public static class WriterLock
{
    // The key NewsFeed's writer takes (SqlEngine.PostgresEngine.WriterLockKey).
    private const long Key = 0x4E657773_46656564;

    public static async Task<IAsyncDisposable> HoldAsync(DatabaseSettings database)
    {
        DbConnection connection = database.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        // SQLite: BEGIN IMMEDIATE holds the database's one write lock until the transaction ends. A transaction
        // object, not a raw BEGIN: a pooled connection would otherwise go back to the pool still holding it.
        var tx = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT pg_advisory_xact_lock({Key})";
            await cmd.ExecuteNonQueryAsync();
        }
        return new Held(connection, tx);
    }

    private sealed class Held(DbConnection connection, DbTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await tx.RollbackAsync();
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
