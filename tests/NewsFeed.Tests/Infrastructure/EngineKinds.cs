namespace NewsFeed.Tests.Infrastructure;

/// <summary>Engine markers, so a class fixture (which xunit builds by type) can be made once per engine.</summary>
public interface IEngineKind
{
    static abstract Engine Engine { get; }
}

public sealed class OnSqlite : IEngineKind
{
    public static Engine Engine => Engine.Sqlite;
}

public sealed class OnPostgres : IEngineKind
{
    public static Engine Engine => Engine.Postgres;
}
