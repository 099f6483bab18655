using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NewsFeed.Data;

/// <summary>Applies the engine's migrations; used at start-up (unless switched off) and by the <c>migrate</c> command.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<NewsFeedDbContext> contexts, DatabaseSettings settings)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.Sqlite) EnsureSqliteFolder(settings.ConnectionString);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CreateHistoryTableAsync(db, cancellationToken);
        // An up-to-date database (every start but the first, every command-line import) is left as it is: Migrate would
        // compare the model with the migrations' snapshot and take the migrations lock for nothing, a tenth of an
        // import command's start-up.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
            // WAL lets readers go on while an import writes; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// The migrations of this build that the database lacks (all of them on a database not created yet); throws a
    /// <see cref="System.Data.Common.DbException"/> when the database cannot be reached. Changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

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
        try
        {
            await db.Database.GetDbConnection().OpenAsync(cancellationToken);
        }
        catch (DbException e) when (e.SqlState == InvalidCatalogName)
        {
            return; // no such database yet: Migrate creates it
        }
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>PostgreSQL's SQLSTATE for "database does not exist".</summary>
    private const string InvalidCatalogName = "3D000";

    private static void EnsureSqliteFolder(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder) && path != ":memory:") Directory.CreateDirectory(folder);
    }
}
