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
/// (a REPEATABLE READ transaction on PostgreSQL, a deferred one on SQLite) whose first statement reads the
/// <see cref="DataVersion"/>. Every context and command it hands out shares that connection and transaction, so the
/// version, and the ETag made of it, label exactly the data the request reads, however far the replica is behind.
/// A request that knows its command is its last ends the snapshot in that command (<see cref="ExecuteReaderAsync"/>).
/// </summary>
public sealed partial class ReadSession(DatabaseSettings primary, ReadReplicas replicas, VersionReads versions, ILogger<ReadSession> logger)
    : IDbContextFactory<NewsFeedDbContext>, IAsyncDisposable
{
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private DbContextOptions<NewsFeedDbContext>? _options;
    private NewsFeedDbContext? _opener;
    private bool _placed;
    private ReadReplica? _placement;
    private ReadReplica? _replica;
    private string _floor = DataVersion.None;
    private bool _ended;

    private const string SnapshotEnded = "The read session's snapshot has ended: read at its version with ExecuteReaderAtVersionAsync.";

    /// <summary>The version of the data this request reads, read in its snapshot; null until the snapshot has read it.</summary>
    public string? Version { get; private set; }

    /// <summary>
    /// The current version, read on its own without opening the snapshot: for what is decided before any data is read
    /// (an If-None-Match to answer, a cached response to look up). The read is shared with the requests that ask the
    /// same database at the same time, and started after this request asked (<see cref="VersionReads"/>), so it costs
    /// a share of one statement and is as fresh as a read of the request's own. Data read afterwards reads the version
    /// again in its snapshot (<see cref="Version"/>, the one that labels it), on the same database. A replica serves
    /// the session only if its version is at least <paramref name="atLeast"/> (what the client already saw, from any
    /// instance) and what this instance already served; one that is behind, down or failing leaves the read to the
    /// primary, without an error.
    /// </summary>
    public async Task<string> PeekAsync(string? atLeast, CancellationToken ct)
    {
        if (Version is { } read) return read;
        _floor = DataVersion.Later(DataVersion.Later(_floor, atLeast ?? DataVersion.None), replicas.HighestServed);
        if (Place() is { } replica)
        {
            if (await versions.ReplicaAsync(replica, ct) is { } version)
            {
                if (DataVersion.Compare(version, _floor) >= 0) return Served(version);
                LogReplicaBehind(logger, replica.Name, version, _floor);
            }
            _placement = null;
        }
        return Served(await versions.PrimaryAsync(ct));
    }

    /// <summary>Opens the snapshot and reads its version now, in a round trip of its own.</summary>
    public async Task<string> BeginAsync(CancellationToken ct)
    {
        if (Version is { } read) return read;
        await using var cmd = await CreateCommandAsync(ct);
        await using var reader = await ExecuteReaderAsync(cmd, ct);
        return Version!;
    }

    /// <summary>A command on the session's connection and in its snapshot, for <see cref="ExecuteReaderAsync"/>.</summary>
    public async Task<DbCommand> CreateCommandAsync(CancellationToken ct)
    {
        await ConnectAsync(ct);
        if (_ended && _transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
        _transaction ??= await BeginTransactionAsync(ct);
        var cmd = _connection!.CreateCommand();
        cmd.Transaction = _transaction;
        return cmd;
    }

    /// <summary>
    /// Runs a command of <see cref="CreateCommandAsync"/>. Before the snapshot's version is known, it is read by the
    /// same command, ahead of the caller's statements, so a request whose reads fit in one command is one round trip;
    /// the reader returned is on the caller's first result set. With <paramref name="last"/>, PostgreSQL's snapshot
    /// ends in the command itself (a COMMIT after the caller's statements), instead of a ROLLBACK in a round trip of its
    /// own when the session is disposed; a read after it needs <see cref="ExecuteReaderAtVersionAsync"/>. SQLite's
    /// snapshot costs no round trip and stays open.
    /// </summary>
    public async Task<DbDataReader> ExecuteReaderAsync(DbCommand cmd, CancellationToken ct, bool last = false)
    {
        if (_ended) throw new InvalidOperationException(SnapshotEnded);
        if (last && _connection is NpgsqlConnection)
        {
            cmd.CommandText += ";COMMIT";
            _ended = true;
        }
        if (Version is not null) return await cmd.ExecuteReaderAsync(ct);
        var versioned = await RunAsync(cmd, inSnapshot: true, ct);
        Version = Served(versioned.Version);
        return versioned.Reader;
    }

    /// <summary>
    /// <see cref="ExecuteReaderAsync"/>, also after the snapshot ended: the command then runs in a new snapshot, which
    /// reads the version again and stays open. Null when that is not <see cref="Version"/> (an import committed in
    /// between): the session now reads at the new version, which <see cref="Version"/> becomes, and what was read before
    /// must be read again, so data read at two versions is never labelled as one.
    /// </summary>
    public async Task<DbDataReader?> ExecuteReaderAtVersionAsync(DbCommand cmd, CancellationToken ct)
    {
        if (!_ended) return await ExecuteReaderAsync(cmd, ct);
        var (version, reader) = await RunAsync(cmd, inSnapshot: true, ct);
        _ended = false;
        if (version == Version) return reader;
        await reader.DisposeAsync();
        Version = Served(version);
        return null;
    }

    public async Task<NewsFeedDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        await BeginAsync(cancellationToken);
        return CreateDbContext();
    }

    /// <summary>
    /// Only after the snapshot has read its version (<see cref="BeginAsync"/>): opening the connection is asynchronous,
    /// and sync-over-async would block a thread; and a replica's data is read only once its version passed the floor.
    /// Not after the snapshot has ended: a context would read outside it, at whatever version the data has by then.
    /// </summary>
    public NewsFeedDbContext CreateDbContext()
    {
        if (Version is null || _transaction is null)
            throw new InvalidOperationException("The read session has not begun: call BeginAsync or CreateDbContextAsync first.");
        if (_ended) throw new InvalidOperationException(SnapshotEnded);
        _options ??= new DbContextOptionsBuilder<NewsFeedDbContext>().UseNpgsql(_connection!).Options;
        var db = new NewsFeedDbContext(_options);
        db.Database.UseTransaction(_transaction);
        return db;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private string Served(string version)
    {
        replicas.Served(version);
        return version;
    }

    /// <summary>
    /// Runs <paramref name="cmd"/> with the version statement ahead of its own; returns the version and the reader on
    /// the command's first result set. A replica found behind the floor, or failing, is left for the primary, and the
    /// command runs again there.
    /// </summary>
    private async Task<(string Version, DbDataReader Reader)> RunAsync(DbCommand cmd, bool inSnapshot, CancellationToken ct)
    {
        var statements = cmd.CommandText;
        cmd.CommandText = statements.Length == 0 ? DataVersion.Sql : DataVersion.Sql + ";" + statements;
        while (true)
        {
            DbDataReader? reader = null;
            try
            {
                reader = await cmd.ExecuteReaderAsync(ct);
                var version = await DataVersion.ReadAsync(reader, ct);
                if (_replica is null || DataVersion.Compare(version, _floor) >= 0) return (version, reader);
                LogReplicaBehind(logger, _replica.Name, version, _floor);
            }
            catch (DbException e) when (_replica is not null)
            {
                replicas.Failed(_replica, e);
            }
            if (reader is not null) await reader.DisposeAsync();
            await LeaveReplicaAsync(ct);
            if (inSnapshot) _transaction = await BeginTransactionAsync(ct);
            (cmd.Connection, cmd.Transaction) = (_connection, _transaction);
        }
    }

    /// <summary>Opens the session's connection, on the replica it reads (<see cref="Place"/>) or the primary, once.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        if (_connection is not null) return;
        _floor = DataVersion.Later(_floor, replicas.HighestServed);
        if (Place() is { } replica)
        {
            try
            {
                await OpenAsync(DatabaseProvider.Postgres, replica.ConnectionString, ct);
                _replica = replica;
                return;
            }
            catch (DbException e)
            {
                replicas.Failed(replica, e);
            }
            await LeaveReplicaAsync(ct);
            return;
        }
        await OpenAsync(primary.Provider, primary.ConnectionString, ct);
    }

    /// <summary>The rest of the session reads the primary: the replica's connection closed, the primary's opened.</summary>
    private async Task LeaveReplicaAsync(CancellationToken ct)
    {
        await CloseAsync();
        _placement = null;
        await OpenAsync(primary.Provider, primary.ConnectionString, ct);
    }

    /// <summary>
    /// The replica the session reads, or null for the primary: picked once, so a peek and the data after it go to the
    /// same server; a replica found behind or failing leaves the rest of the session to the primary.
    /// </summary>
    private ReadReplica? Place()
    {
        if (!_placed) (_placement, _placed) = (replicas.Pick(), true);
        return _placement;
    }

    private async Task OpenAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            _connection = new SqliteConnection(connectionString);
            _options = new DbContextOptionsBuilder<NewsFeedDbContext>().UseSqlite(_connection).Options;
            // Opened through EF, so it sets the connection up as it does its own (the functions its SQL calls).
            _opener = new NewsFeedDbContext(_options);
            await _opener.Database.OpenConnectionAsync(ct);
        }
        else
        {
            // EF sets nothing up on a PostgreSQL connection: opened directly, a request that reads no entity builds
            // no EF options or context at all.
            _connection = new NpgsqlConnection(connectionString);
            await _connection.OpenAsync(ct);
        }
    }

    /// <summary>
    /// SQLite: deferred, a plain BEGIN, so the snapshot starts at the first read and takes no write lock an import would
    /// wait for (WAL keeps it isolated from the writer). PostgreSQL: a standby allows REPEATABLE READ; Npgsql sends the
    /// BEGIN with the first command, so it costs no round trip of its own.
    /// </summary>
    private async Task<DbTransaction> BeginTransactionAsync(CancellationToken ct) => _connection is SqliteConnection sqlite
        ? sqlite.BeginTransaction(deferred: true)
        : await _connection!.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    private async Task CloseAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        if (_opener is not null) await _opener.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        (_transaction, _opener, _connection, _options, _replica) = (null, null, null, null, null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read replica {Replica} is at version {Version}, behind {Floor}: reading the primary")]
    private static partial void LogReplicaBehind(ILogger logger, string replica, string version, string floor);
}
