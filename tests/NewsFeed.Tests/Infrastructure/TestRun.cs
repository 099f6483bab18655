using Microsoft.Data.Sqlite;
using NewsFeed.Data;
using Npgsql;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// What one test run leaves behind, and its removal: every PostgreSQL database it creates carries the run's prefix and
/// every scratch file lives under the run's folder, so the end of the run (<see cref="TestRunFramework"/>) drops them
/// all, including those a test made without disposing anything (a command-line test's database). A database an app
/// owns goes earlier, when the app is disposed (<see cref="DropAsync"/>).
/// </summary>
public static class TestRun
{
    private static readonly string Id = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Under 63 characters with a GUID after it and a suffix a test may add (PostgreSQL's name limit).</summary>
    public static string DatabasePrefix { get; } = $"newsfeed_test_{Id}_";

    /// <summary>
    /// Where the suite's files go, and the test server's cluster (<see cref="PostgresServer"/>): the memory file system
    /// when the machine has one with room, else the temp folder. The suite writes and reads back gigabytes (corpora
    /// unpacked, git repositories, archives, exports, SQLite databases, PostgreSQL's data files), and on a virtual
    /// machine's disk writing costs system time even when nothing waits for the disk: copying the 141 MB corpus took
    /// 2 to 3 s to /tmp here and 0.3 s to /dev/shm. .ci/run puts its cluster there on the same terms.
    /// </summary>
    public static string TempFolder { get; } = MemoryFolderWithRoom() ?? Path.GetTempPath();

    private static string? MemoryFolderWithRoom()
    {
        const long room = 6L << 30; // the suite's peak there was 2.1 GB, its PostgreSQL cluster included
        try
        {
            var drive = new DriveInfo("/dev/shm");
            return OperatingSystem.IsLinux() && drive.DriveFormat == "tmpfs" && drive.AvailableFreeSpace >= room ? "/dev/shm" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static string ScratchRoot { get; } = Path.Combine(TempFolder, "newsfeed-tests", $"run-{Id}");

    /// <summary>Drops one database of this run: PostgreSQL's with FORCE (a pooled connection may still be open), SQLite's folder.</summary>
    public static async Task DropAsync(DatabaseSettings database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
            if (name.StartsWith(DatabasePrefix, StringComparison.Ordinal)) await DropPostgresAsync(name);
            return;
        }
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        using (var connection = new SqliteConnection(database.ConnectionString)) SqliteConnection.ClearPool(connection);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (folder.StartsWith(ScratchRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// Drops whatever the run left: its databases on the shared server and its scratch folder. Nothing else runs by
    /// then, so both go at once and the databases a few at a time: one after the other, the 83 databases and the
    /// folder took 6 s at the end of every run.
    /// </summary>
    public static async Task CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.WhenAll(DropRunDatabasesAsync(), Task.Run(() =>
        {
            if (Directory.Exists(ScratchRoot)) Directory.Delete(ScratchRoot, recursive: true);
        }));
    }

    private static async Task DropRunDatabasesAsync()
    {
        if (!PostgresServer.IsStarted) return;
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(PostgresServer.Maintenance))
        {
            await connection.OpenAsync();
            await using var find = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", connection);
            find.Parameters.AddWithValue(DatabasePrefix);
            await using var reader = await find.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        NpgsqlConnection.ClearAllPools();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (name, _) => await DropPostgresAsync(name));
    }

    private static async Task DropPostgresAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Maintenance);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
