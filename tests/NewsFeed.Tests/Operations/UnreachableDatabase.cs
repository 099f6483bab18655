using Microsoft.Data.Sqlite;
using NewsFeed.Data;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Operations;

/// <summary>Database settings that point at nothing usable, for outage tests.</summary>
public static class UnreachableDatabase
{
    /// <summary>PostgreSQL: a port nothing listens on. SQLite: a file that is not a database.</summary>
    public static DatabaseSettings On(Engine engine)
    {
        if (engine == Engine.Postgres)
            return new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Username=postgres;Database=newsfeed;Timeout=3");
        var file = Path.Combine(Corpus.NewScratchFolder(), "newsfeed.db");
        File.WriteAllText(file, "this is not an SQLite database, whatever its name says");
        return new DatabaseSettings(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
    }
}
