using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NewsFeed.Data;
using NewsFeed.Tests.Infrastructure;
using Npgsql;

namespace NewsFeed.Tests.Replicas;

/// <summary>
/// A primary and a real streaming replica of it (hot standby), both throwaway clusters of their own made by
/// eng/postgres.sh (start, then standby: pg_basebackup -R), on ports of their own: never the shared server, since the
/// tests pause, stop and start the replica. One database, created on the primary, reaches the replica by replication.
/// </summary>
public sealed class StreamingReplica : IAsyncDisposable
{
    private readonly string _primaryFolder = Corpus.NewScratchFolder();
    private readonly string _replicaFolder = Corpus.NewScratchFolder();
    private readonly int _replicaPort = PostgresScript.FreePort();
    private string _database = "";

    private StreamingReplica()
    {
    }

    /// <summary>The primary's database: where the app writes (ConnectionStrings:NewsFeed).</summary>
    public DatabaseSettings Primary { get; private set; } = null!;

    /// <summary>The same database on the replica (ConnectionStrings:NewsFeedReadOnly).</summary>
    public string Replica { get; private set; } = "";

    public static async Task<StreamingReplica> StartAsync()
    {
        var cluster = new StreamingReplica();
        var primary = await PostgresScript.RunAsync("start", cluster._primaryFolder, PostgresScript.FreePort().ToString(CultureInfo.InvariantCulture));
        cluster._database = $"newsfeed_replica_{Guid.NewGuid():N}";
        await ExecuteAsync(primary, $"CREATE DATABASE {cluster._database}");
        var replica = await PostgresScript.RunAsync("standby", cluster._primaryFolder, cluster._replicaFolder, cluster._replicaPort.ToString(CultureInfo.InvariantCulture));
        cluster.Primary = new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(primary) { Database = cluster._database }.ToString());
        cluster.Replica = new NpgsqlConnectionStringBuilder(replica) { Database = cluster._database }.ToString();
        return cluster;
    }

    /// <summary>Settings that send the app's reads to the replica, with a lag bound a test can lower.</summary>
    public Dictionary<string, string?> AppSettings(double maxLagSeconds = 3600) => new()
    {
        ["ConnectionStrings:NewsFeedReadOnly:0"] = Replica,
        ["ReadReplicas:MaxLagSeconds"] = maxLagSeconds.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Returns once the replica has replayed everything the primary had committed when called.</summary>
    public async Task CatchUpAsync()
    {
        // The insert position: the throwaway clusters commit asynchronously, so a commit may not be written out yet.
        var target = await ScalarAsync<string>(Primary.ConnectionString, "SELECT pg_current_wal_insert_lsn()::text");
        await WaitForAsync(Replica, $"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn", "the replica to replay the primary's writes");
    }

    /// <summary>Stops replay (pg_wal_replay_pause) and returns once it has stopped: the replica keeps answering, frozen.</summary>
    public async Task PauseReplayAsync()
    {
        await ExecuteAsync(Replica, "SELECT pg_wal_replay_pause()");
        await WaitForAsync(Replica, "SELECT pg_get_wal_replay_pause_state() = 'paused'", "replay to pause");
    }

    /// <summary>
    /// Returns once the replica has replayed an ACCESS EXCLUSIVE lock the primary holds, so that its readers of that
    /// table wait as the primary's do. The lock's WAL is flushed at once (a WAL switch): no commit would flush it.
    /// </summary>
    public async Task ReplayLockAsync()
    {
        await ExecuteAsync(Primary.ConnectionString, "SELECT pg_switch_wal()");
        await WaitForAsync(Replica,
            "SELECT count(*) > 0 FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            "the replica to replay the primary's lock");
    }

    public Task ResumeReplayAsync() => ExecuteAsync(Replica, "SELECT pg_wal_replay_resume()");

    public Task StopReplicaAsync() => PostgresScript.RunAsync("stop", _replicaFolder);

    public Task StopPrimaryAsync() => PostgresScript.RunAsync("stop", _primaryFolder);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresScript.RunAsync("stop", _replicaFolder);
        await PostgresScript.RunAsync("stop", _primaryFolder);
        foreach (var folder in new[] { _replicaFolder, _primaryFolder })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The cluster files belong to the postgres account when run as root; the scratch tree goes anyway.
            }
        }
    }

    /// <summary>Unpooled: the test's own looks must not reuse a connection the replica's stop has cut.</summary>
    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a condition the server itself reports; the bound only stops a broken run from hanging.</summary>
    private static async Task WaitForAsync(string connectionString, string condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await ScalarAsync<bool>(connectionString, condition))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited a minute for {what}.");
            await Task.Delay(50);
        }
    }
}
