using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NewsFeed.Data.Queries;
using Npgsql;

namespace NewsFeed.Data.Replicas;

/// <summary>
/// The reads of one request: one connection, to a replica that takes reads or else the primary, and one snapshot
/// (a REPEATABLE READ transaction on PostgreSQL, a deferred one on SQLite) opened by reading the
/// <see cref="DataVersion"/>. Every context it hands out shares that connection and transaction, so the version, and
/// the ETag made of it, label exactly the data the request reads, however far the replica is behind.
/// </summary>
public sealed partial class ReadSession(DatabaseSettings primary, ReadReplicas replicas, ILogger<ReadSession> logger)
    : IDbContextFactory<NewsFeedDbContext>, IAsyncDisposable
{
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private DbContextOptions<NewsFeedDbContext>? _options;
    private NewsFeedDbContext? _opener;

    /// <summary>The version of the data this request reads; null until the session has begun.</summary>
    public string? Version { get; private set; }

    /// <summary>
    /// Opens the snapshot once per request and returns its version. A replica serves it only if its version is at
    /// least <paramref name="atLeast"/> (what the client already saw, from any instance) and what this instance
    /// already served; one that is behind, down or failing leaves the read to the primary, without an error.
    /// </summary>
    public async Task<string> BeginAsync(string? atLeast, CancellationToken ct)
    {
        if (Version is { } begun) return begun;
        var floor = DataVersion.Later(atLeast ?? DataVersion.None, replicas.HighestServed);
        if (replicas.Pick() is { } replica)
        {
            try
            {
                var version = await OpenAsync(DatabaseProvider.Postgres, replica.ConnectionString, ct);
                if (DataVersion.Compare(version, floor) >= 0) return Served(version);
                LogReplicaBehind(logger, replica.Name, version, floor);
            }
            catch (DbException e)
            {
                replicas.Failed(replica, e);
            }
            await CloseAsync();
        }
        return Served(await OpenAsync(primary.Provider, primary.ConnectionString, ct));
    }

    public async Task<NewsFeedDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        await BeginAsync(atLeast: null, cancellationToken);
        return CreateDbContext();
    }

    /// <summary>Only after <see cref="BeginAsync"/>: opening the connection is asynchronous, and sync-over-async would block a thread.</summary>
    public NewsFeedDbContext CreateDbContext()
    {
        if (_options is null || _transaction is null)
            throw new InvalidOperationException("The read session has not begun: call BeginAsync or CreateDbContextAsync first.");
        var db = new NewsFeedDbContext(_options);
        db.Database.UseTransaction(_transaction);
        return db;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private string Served(string version)
    {
        replicas.Served(version);
        Version = version;
        return version;
    }

    private async Task<string> OpenAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        var builder = new DbContextOptionsBuilder<NewsFeedDbContext>();
        if (provider == DatabaseProvider.Sqlite)
        {
            _connection = new SqliteConnection(connectionString);
            builder.UseSqlite(_connection);
        }
        else
        {
            _connection = new NpgsqlConnection(connectionString);
            builder.UseNpgsql(_connection);
        }
        _options = builder.Options;
        // Opened through EF, so it sets the connection up as it does its own (SQLite: the functions its SQL calls).
        _opener = new NewsFeedDbContext(_options);
        await _opener.Database.OpenConnectionAsync(ct);
        // SQLite: deferred, a plain BEGIN, so the snapshot starts at the first read and takes no write lock an
        // import would wait for (WAL keeps it isolated from the writer). PostgreSQL: a standby allows REPEATABLE READ.
        _transaction = _connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await _connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        return await DataVersion.ReadAsync(_connection, _transaction, ct);
    }

    private async Task CloseAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        if (_opener is not null) await _opener.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        (_transaction, _opener, _connection, _options) = (null, null, null, null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read replica {Replica} is at version {Version}, behind {Floor}: reading the primary")]
    private static partial void LogReplicaBehind(ILogger logger, string replica, string version, string floor);
}
