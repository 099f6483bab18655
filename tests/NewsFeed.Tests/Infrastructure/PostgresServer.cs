using System.Diagnostics;
using Npgsql;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: NEWSFEED_TEST_POSTGRES when set (CI sets it), else a throwaway cluster started
/// from the local PostgreSQL binaries by eng/postgres.sh. Never skipped: if neither works the tests fail and say why.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start);

    /// <summary>Whether a test has used the server in this run (so the end of the run has databases to drop).</summary>
    public static bool IsStarted => Server.IsValueCreated;

    /// <summary>The server's maintenance database, where databases are created and dropped.</summary>
    public static string Maintenance => Server.Value;

    /// <summary>
    /// Creates an empty database for one test or fixture and returns its connection string. Its name carries the run's
    /// prefix, so the run drops it at the latest when it ends (<see cref="TestRun"/>).
    /// </summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"{TestRun.DatabasePrefix}{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(Server.Value);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name }.ToString();
    }

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable("NEWSFEED_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var folder = Path.Combine(TestRun.TempFolder, "newsfeed-tests-postgres");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "eng", "postgres.sh"), "start", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEnd().Trim();
        var errors = script.StandardError.ReadToEnd();
        script.WaitForExit();
        if (script.ExitCode != 0 || output.Length == 0)
            throw new InvalidOperationException(
                "The PostgreSQL tests need a server: set NEWSFEED_TEST_POSTGRES to a connection string, or install PostgreSQL " +
                $"(apt-get install postgresql) so eng/postgres.sh can start a throwaway cluster. It said: {errors}");
        return output;
    }
}
