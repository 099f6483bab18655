using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NewsFeed.Data;

/// <summary>Applies the engine's migrations; used at start-up (unless switched off) and by the <c>migrate</c> command.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<NewsFeedDbContext> contexts, DatabaseSettings settings)
{
    /// <summary>This build's migrations, in order: what EF Core's own list holds (a test compares them).</summary>
    private readonly Lazy<string[]> _migrations = new(() => MigrationsIn(settings.MigrationsAssembly));

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.Sqlite) EnsureSqliteFolder(settings.ConnectionString);
        // An up-to-date database (every start but the first, every command-line import) is left as it is, found so
        // without EF Core: its start (the model, its services) was a third of an import command's fixed time, and the
        // import itself needs no context.
        if ((await GetPendingMigrationsAsync(cancellationToken)).Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await CreateHistoryTableAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while an import writes; the setting is stored in the database file.
            await using var connection = settings.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var wal = Sql.Command(connection, null, "PRAGMA journal_mode=WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The migrations of this build that the database lacks (all of them on a database not created yet); throws a
    /// <see cref="System.Data.Common.DbException"/> when the database cannot be reached. Changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        var applied = await AppliedMigrationsAsync(cancellationToken);
        return [.. _migrations.Value.Where(id => !applied.Contains(id))];
    }

    /// <summary>The history table's rows, read as EF Core reads them; none when the database or the table is missing.</summary>
    private async Task<HashSet<string>> AppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        // Opening a SQLite file that is not there would create it.
        if (settings.Provider == DatabaseProvider.Sqlite && SqliteFilePath(settings.ConnectionString) is { } file && !File.Exists(file)) return [];
        await using var connection = settings.CreateConnection();
        if (!await OpenUnlessMissingAsync(connection, cancellationToken)) return [];
        var table = settings.Provider == DatabaseProvider.Postgres
            ? $"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL"
            : $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{HistoryRepository.DefaultTableName}')";
        await using (var exists = Sql.Command(connection, null, table))
            if (!Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture)) return [];
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var read = Sql.Command(connection, null, $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        return applied;
    }

    /// <summary>The migrations a migrations assembly holds for this context, by id (which orders them), as EF Core finds them.</summary>
    private static string[] MigrationsIn(string assembly) =>
    [
        .. Assembly.Load(assembly).GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(NewsFeedDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal),
    ];

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Articles.AnyAsync(cancellationToken);
    }

    /// <summary>
    /// Npgsql's provider finds out that a fresh database has no history table by querying it, and EF logs that failed
    /// query at Error level ("Failed executing DbCommand ... __EFMigrationsHistory", npgsql/efcore.pg#3407), which an
    /// operator reads as a failure. Migrate creates the table anyway; creating it first keeps the log honest.
    /// </summary>
    private static async Task CreateHistoryTableAsync(NewsFeedDbContext db, CancellationToken cancellationToken)
    {
        // Opened directly, not through EF's execution strategy, so that an unreachable server fails naming the server
        // as Migrate's own error does, not behind "likely due to a transient failure".
        if (await OpenUnlessMissingAsync(db.Database.GetDbConnection(), cancellationToken))
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>Opens the connection; false when its PostgreSQL database does not exist yet (Migrate creates it).</summary>
    private static async Task<bool> OpenUnlessMissingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (DbException e) when (e.SqlState == InvalidCatalogName)
        {
            return false;
        }
    }

    /// <summary>PostgreSQL's SQLSTATE for "database does not exist".</summary>
    private const string InvalidCatalogName = "3D000";

    private static void EnsureSqliteFolder(string connectionString)
    {
        var folder = SqliteFilePath(connectionString) is { } file ? Path.GetDirectoryName(file) : null;
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    /// <summary>The full path of a SQLite database's file; null for an in-memory database.</summary>
    private static string? SqliteFilePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
    }
}
