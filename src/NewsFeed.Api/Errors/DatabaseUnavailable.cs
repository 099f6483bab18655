using Microsoft.Data.Sqlite;
using Npgsql;

namespace NewsFeed.Api.Errors;

/// <summary>
/// Tells a database that cannot serve (down, unreachable, refusing connections, unreadable) from a query that fails
/// on a database that works, which is a bug: the first is a 503 the client may retry, the second a 500.
/// </summary>
internal static class DatabaseUnavailable
{
    // SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_CANTOPEN, SQLITE_NOTADB:
    // the file cannot be read or is held by another process, whatever the statement.
    private static readonly HashSet<int> SqliteCodes = [3, 5, 6, 7, 10, 11, 14, 26];

    // Connection exceptions, insufficient resources (too many connections), operator intervention (shutdown, starting
    // up), and a database or login that does not exist (yet): none of them says anything about the statement.
    private static readonly string[] PostgresClasses = ["08", "53", "57P", "3D", "28"];

    public static bool Caused(Exception exception)
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
}
