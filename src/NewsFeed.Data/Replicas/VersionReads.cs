using System.Data.Common;
using Microsoft.Data.Sqlite;
using NewsFeed.Data.Queries;
using Npgsql;

namespace NewsFeed.Data.Replicas;

/// <summary>
/// The <see cref="DataVersion"/> of the primary and of each replica as read on its own, outside any snapshot (what
/// <see cref="ReadSession.PeekAsync"/> decides an If-None-Match or a cached answer with), shared by the requests that
/// ask the same database at the same time (<see cref="FreshSharedRead{T}"/>). A cached answer then costs a share of one
/// statement instead of a round trip of its own, and is as fresh as that round trip would have been: every write
/// committed before the request arrived is in the version it gets.
/// </summary>
public sealed class VersionReads
{
    private readonly FreshSharedRead<string> _primary;
    private readonly Dictionary<ReadReplica, FreshSharedRead<string?>> _replicas;

    public VersionReads(DatabaseSettings primary, ReadReplicas replicas)
    {
        _primary = new(() => ReadAsync(primary.Provider, primary.ConnectionString));
        _replicas = replicas.All.ToDictionary(r => r, r => new FreshSharedRead<string?>(() => ReplicaAsync(replicas, r)));
    }

    /// <summary>The primary's current version; a database that cannot be reached throws, as any read would.</summary>
    public Task<string> PrimaryAsync(CancellationToken ct) => _primary.ReadAsync(ct);

    /// <summary>
    /// The replica's current version, or null when it could not be reached: it is then taken out of the reads once
    /// (<see cref="ReadReplicas.Failed"/>), however many requests shared the read, and they read the primary.
    /// </summary>
    public Task<string?> ReplicaAsync(ReadReplica replica, CancellationToken ct) => _replicas[replica].ReadAsync(ct);

    private static async Task<string?> ReplicaAsync(ReadReplicas replicas, ReadReplica replica)
    {
        try
        {
            return await ReadAsync(DatabaseProvider.Postgres, replica.ConnectionString);
        }
        catch (DbException e)
        {
            replicas.Failed(replica, e);
            return null;
        }
    }

    /// <summary>
    /// On a pooled connection of its own, with no cancellation: the read is shared, so one request that goes away must
    /// not fail it for the others. SQLite's plain connection will do: the statement calls none of the functions EF adds.
    /// </summary>
    private static async Task<string> ReadAsync(DatabaseProvider provider, string connectionString)
    {
        await using DbConnection connection = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(connectionString)
            : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = Sql.Command(connection, null, DataVersion.Sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await DataVersion.ReadAsync(reader, CancellationToken.None);
    }
}
