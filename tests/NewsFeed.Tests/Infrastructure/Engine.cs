using Microsoft.Data.Sqlite;
using NewsFeed.Data;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>The engines every storage and API test runs on.</summary>
public enum Engine
{
    Sqlite,
    Postgres,
}

public static class Engines
{
    /// <summary>Settings for a new, empty database on the engine.</summary>
    public static async Task<DatabaseSettings> NewDatabaseAsync(Engine engine) => engine switch
    {
        Engine.Postgres => new DatabaseSettings(DatabaseProvider.Postgres, await PostgresServer.CreateDatabaseAsync()),
        _ => new DatabaseSettings(DatabaseProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(Corpus.NewScratchFolder(), "newsfeed.db") }.ToString()),
    };
}
