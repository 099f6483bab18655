using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using NewsFeed.Data;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of its own (eng/postgres.sh), on a port of its own, that a test may stop and start
/// again to see what an outage does. Never the shared server: other tests run on that one at the same time.
/// </summary>
public sealed class RestartablePostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int _port;

    private RestartablePostgres(string folder, int port, string connectionString)
    {
        _folder = folder;
        _port = port;
        ConnectionString = connectionString;
    }

    /// <summary>The server's maintenance database.</summary>
    public string ConnectionString { get; }

    public static async Task<RestartablePostgres> StartAsync()
    {
        var folder = Corpus.NewScratchFolder();
        var port = PostgresScript.FreePort();
        var connectionString = await PostgresScript.RunAsync("start", folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RestartablePostgres(folder, port, connectionString);
    }

    /// <summary>An empty database on this server.</summary>
    public async Task<DatabaseSettings> NewDatabaseAsync()
    {
        var name = $"newsfeed_fault_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(Unpooled(ConnectionString)))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString());
    }

    /// <summary>
    /// The connection string without pooling: a test's own look at the database must not trip over a pooled connection
    /// that the last restart cut (the app under test meets those, and that is what is tested).
    /// </summary>
    public static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>Fast shutdown: open connections are cut, as when a server is restarted under load.</summary>
    public Task StopAsync() => PostgresScript.RunAsync("stop", _folder);

    /// <summary>Starts the server again on the same port; returns once it accepts connections.</summary>
    public Task StartAgainAsync() => PostgresScript.RunAsync("start", _folder, _port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The scratch folder goes with the test run's temp tree anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise (the cluster files belong to the postgres account when run as root).
        }
    }
}
