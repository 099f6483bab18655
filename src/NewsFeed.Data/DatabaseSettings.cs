using Microsoft.Data.Sqlite;

namespace NewsFeed.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which engine and where: <c>Database:Provider</c> and <c>ConnectionStrings:NewsFeed</c> in configuration.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "NewsFeed.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "NewsFeed.Data.Postgres";

    /// <summary>The connection string of a SQLite database in the file <paramref name="path"/> (created on first use).</summary>
    public static string SqliteFile(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();
}
