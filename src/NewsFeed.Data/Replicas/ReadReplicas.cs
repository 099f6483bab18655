using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NewsFeed.Data.Queries;
using Npgsql;

namespace NewsFeed.Data.Replicas;

/// <summary>
/// The configured read replicas, which of them take reads, and the highest data version this instance has served.
/// A replica stops taking reads when a read cannot reach it or a check finds it too far behind the primary; the next
/// check that finds it reachable and close enough gives it reads again.
/// </summary>
public sealed partial class ReadReplicas
{
    private readonly DatabaseSettings _primary;
    private readonly ReadReplicaOptions _options;
    private readonly ILogger<ReadReplicas> _logger;
    private string _highestServed = DataVersion.None;
    private int _next;

    public ReadReplicas(DatabaseSettings primary, ReadReplicaOptions options, ILogger<ReadReplicas> logger)
    {
        if (options.ConnectionStrings.Count > 0 && primary.Provider != DatabaseProvider.Postgres)
            throw new InvalidOperationException("ConnectionStrings:NewsFeedReadOnly names read replicas, which need Database:Provider Postgres.");
        _primary = primary;
        _options = options;
        _logger = logger;
        All = [.. options.ConnectionStrings.Select(c => new ReadReplica(c))];
    }

    public IReadOnlyList<ReadReplica> All { get; }

    /// <summary>
    /// The highest version any read on this instance has answered with. A replica that is behind it takes no read
    /// here, so the instance never answers older than it already has (the cached answers of older versions included).
    /// </summary>
    public string HighestServed => Volatile.Read(ref _highestServed);

    /// <summary>The next replica that takes reads (round robin), or null: read from the primary.</summary>
    public ReadReplica? Pick()
    {
        var usable = All.Where(r => r.UnusableBecause is null).ToList();
        return usable.Count == 0 ? null : usable[(int)((uint)Interlocked.Increment(ref _next) % (uint)usable.Count)];
    }

    public void Served(string version)
    {
        var seen = HighestServed;
        while (DataVersion.Compare(version, seen) > 0)
        {
            var was = Interlocked.CompareExchange(ref _highestServed, version, seen);
            if (ReferenceEquals(was, seen)) return;
            seen = was;
        }
    }

    /// <summary>A read could not reach the replica: no more reads go there until a check finds it back.</summary>
    public void Failed(ReadReplica replica, DbException error)
    {
        LogReadFailed(_logger, error, replica.Name);
        replica.Unusable("is unreachable (the log says why); reads go to the primary.");
        // Its pooled connections are as dead as the one that failed.
        using var connection = new NpgsqlConnection(replica.ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>
    /// Measures every replica against the primary and decides which take reads. Lag is zero when a replica has
    /// replayed all the WAL the primary had inserted when the check began; otherwise it is the time since the last
    /// transaction it replayed committed on the primary (an over-estimate, which errs towards reading the primary).
    /// </summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        var primaryLsn = await PrimaryLsnAsync(ct);
        foreach (var replica in All) await CheckAsync(replica, primaryLsn, ct);
    }

    private async Task<string?> PrimaryLsnAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_primary.ConnectionString);
            await connection.OpenAsync(ct);
            // The insert position, not the written one: with asynchronous commit a committed transaction can sit in
            // the WAL buffers for a moment, and a replica is not caught up until it has that too.
            await using var cmd = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", connection);
            return (string?)await cmd.ExecuteScalarAsync(ct);
        }
        catch (DbException e)
        {
            // Without the primary there is nothing to measure lag against; the database health check reports the outage.
            LogPrimaryUnreachable(_logger, e);
            return null;
        }
    }

    private async Task CheckAsync(ReadReplica replica, string? primaryLsn, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(replica.ConnectionString);
            await connection.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= $1::pg_lsn, " +
                "extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8", connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)primaryLsn ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var inRecovery = reader.GetBoolean(0);
            bool? caughtUp = reader.IsDBNull(1) ? null : reader.GetBoolean(1);
            double? lag = reader.IsDBNull(2) ? null : reader.GetDouble(2);
            if (!inRecovery)
                replica.Unusable("is not a standby (promoted?), so it may hold writes the primary lacks; reads go to the primary.");
            else if (caughtUp == false && (lag is null || lag > _options.MaxLagSeconds))
                replica.Unusable(string.Create(CultureInfo.InvariantCulture,
                    $"lags {(lag is { } s ? $"{s:0.#} s" : "an unknown time")} behind the primary, more than ReadReplicas:MaxLagSeconds ({_options.MaxLagSeconds} s); reads go to the primary."));
            else
                replica.Usable();
        }
        catch (DbException e)
        {
            LogCheckFailed(_logger, e, replica.Name);
            replica.Unusable("is unreachable (the log says why); reads go to the primary.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read replica {Replica} failed a read; reads go to the primary until a check finds it back")]
    private static partial void LogReadFailed(ILogger logger, Exception error, string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read replica {Replica} did not answer its check")]
    private static partial void LogCheckFailed(ILogger logger, Exception error, string replica);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The primary did not answer the replica check")]
    private static partial void LogPrimaryUnreachable(ILogger logger, Exception error);
}
