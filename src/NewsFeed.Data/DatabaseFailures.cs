using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NewsFeed.Data;

/// <summary>
/// Reads the engines' exceptions, so that no project above this one needs to know a driver or EF Core to tell what
/// went wrong with the database.
/// </summary>
public static class DatabaseFailures
{
    // SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_CANTOPEN, SQLITE_NOTADB:
    // the file cannot be read or is held by another process, whatever the statement.
    private static readonly HashSet<int> SqliteCodes = [3, 5, 6, 7, 10, 11, 14, 26];

    // Connection exceptions, insufficient resources (too many connections), operator intervention (shutdown, starting
    // up), and a database or login that does not exist (yet): none of them says anything about the statement.
    private static readonly string[] PostgresClasses = ["08", "53", "57P", "3D", "28"];

    /// <summary>
    /// Whether the database cannot serve (down, unreachable, refusing connections, unreadable), as opposed to a query
    /// that fails on a database that works, which is a bug: the first is a 503 the client may retry, the second a 500.
    /// </summary>
    public static bool Unavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p:
                    return PostgresClasses.Any(c => p.SqlState.StartsWith(c, StringComparison.Ordinal));
                case NpgsqlException:
                    // Not from the server: the connection could not be made or was lost (network, timeout, closed).
                    return true;
                case SqliteException s:
                    return SqliteCodes.Contains(s.SqliteErrorCode & 0xFF);
            }
        }
        return false;
    }

    /// <summary>
    /// The driver's exception behind a failed database call, or null when <paramref name="exception"/> is not one: EF
    /// wraps the driver's error ("likely due to a transient failure", "see the inner exception"), and the driver's says
    /// what happened. A timeout counts as a database failure too, and is its own cause.
    /// </summary>
    public static Exception? Cause(Exception exception) => exception switch
    {
        DbException => exception,
        { InnerException: DbException inner } => inner,
        DbUpdateException or TimeoutException => exception,
        _ => null,
    };
}
