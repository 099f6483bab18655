using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NewsFeed.Data.Writing;

/// <summary>
/// Tells a database's refusal of the data (fails one file) from an infrastructure failure (fails the import):
/// PostgreSQL SQLSTATE classes 22 (data exception), 23 (integrity constraint), 54 (program limit) and P0 (raised by a
/// trigger or function); SQLite's TOOBIG, CONSTRAINT (triggers' RAISE included), MISMATCH and RANGE; and the writer's
/// own key check (<see cref="ChildKeyCheck"/>).
/// </summary>
internal static class DatabaseRefusal
{
    private static readonly string[] PostgresClasses = ["22", "23", "54", "P0"];

    // SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE
    private static readonly int[] SqliteCodes = [18, 19, 20, 25];

    public static bool Is(DbException e) => e switch
    {
        PostgresException pg => PostgresClasses.Contains(pg.SqlState[..2]),
        SqliteException sqlite => SqliteCodes.Contains(sqlite.SqliteErrorCode),
        MissingParentException => true,
        _ => false,
    };

    /// <summary>What the file's report says: the engine's own message, and the column it names when it names one.</summary>
    public static (string Message, string? Column) Describe(DbException e) => e switch
    {
        PostgresException pg => ($"The database refused this file ({pg.SqlState}): {pg.MessageText}", pg.ColumnName),
        SqliteException sqlite => ($"The database refused this file (SQLite {sqlite.SqliteErrorCode}): {sqlite.Message}", null),
        MissingParentException missing => ($"The database refused this file ({missing.SqlState}): {missing.Message}", null),
        _ => ($"The database refused this file: {e.Message}", null),
    };
}
