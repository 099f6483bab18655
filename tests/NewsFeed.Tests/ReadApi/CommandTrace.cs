using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// The commands Npgsql sends to one database on one server, from its own trace (the "Npgsql" activity source), so
/// that neither other tests' commands nor those a replica's primary gets are counted.
/// </summary>
public sealed class CommandTrace : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _commands = new();

    public CommandTrace(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var database = server.Database;
        var port = server.Port.ToString(CultureInfo.InvariantCulture);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var tags = activity.TagObjects.ToDictionary(t => t.Key, t => Convert.ToString(t.Value, CultureInfo.InvariantCulture));
                // The app's import-job runner reads and sweeps import_jobs on its own schedule, which can fall inside a request.
                if (tags.ContainsValue(database) && tags.GetValueOrDefault("server.port") == port && tags.GetValueOrDefault("db.query.text") is { } sql
                    && !sql.Contains("import_jobs", StringComparison.Ordinal))
                    _commands.Enqueue(sql);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>Waits until a statement on the server waits for a lock (one the test holds, or a replica replays).</summary>
    public static async Task WaitForALockWaiterAsync(NpgsqlConnection connection, NpgsqlTransaction? tx = null)
    {
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection, tx);
        var deadline = Stopwatch.StartNew();
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "a version read waits on the lock");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _listener.Dispose();
}
