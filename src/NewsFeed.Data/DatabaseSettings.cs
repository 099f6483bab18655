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
}
