using NewsFeed.Data;
using NewsFeed.Data.Replicas;
using NewsFeed.Import;

namespace NewsFeed.Api.Extensions;

/// <summary>The services the web API and the command line share: settings, the database, the importer.</summary>
internal static class NewsFeedServices
{
    public static IServiceCollection AddNewsFeedCore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddNewsFeedData(ReadDatabaseSettings(configuration, environment));
        services.AddSingleton(ReadReplicaSettings(configuration));
        services.AddSingleton<ReadReplicas>();
        var importOptions = configuration.GetSection("Import").Get<ImportOptions>() ?? new ImportOptions();
        services.AddSingleton(importOptions);
        services.AddSingleton<ImportPipeline>();
        services.AddSingleton<SampleData>();
        return services;
    }

    /// <summary>
    /// <c>Database:Provider</c> picks the engine (SQLite unless told otherwise); <c>ConnectionStrings:NewsFeed</c> says where.
    /// SQLite needs no connection string: it defaults to a file in the app's <c>data</c> folder, created on first run.
    /// </summary>
    public static DatabaseSettings ReadDatabaseSettings(IConfiguration configuration, IHostEnvironment environment)
    {
        var providerName = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerName) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var p) ? p
            : throw new InvalidOperationException($"Database:Provider '{providerName}' is not known: use Sqlite or Postgres.");
        var connectionString = configuration.GetConnectionString("NewsFeed");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DatabaseSettings.SqliteFile(Path.Combine(environment.ContentRootPath, "data", "newsfeed.db"))
                : throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:NewsFeed is empty: set it (ConnectionStrings__NewsFeed in the environment).");
        }
        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary>
    /// <c>ConnectionStrings:NewsFeedReadOnly</c>: one connection string, or a list (<c>ConnectionStrings__NewsFeedReadOnly__0</c>,
    /// <c>__1</c>...); blank entries are ignored, so a compose file can pass an unset variable. The rest: section <c>ReadReplicas</c>.
    /// </summary>
    public static ReadReplicaOptions ReadReplicaSettings(IConfiguration configuration)
    {
        var section = configuration.GetSection("ConnectionStrings:NewsFeedReadOnly");
        // Both: a list can come with an empty value for the section itself (a host passing its settings on as arguments).
        IEnumerable<string?> given = [section.Value, .. section.GetChildren().Select(c => c.Value)];
        var replicas = configuration.GetSection("ReadReplicas");
        var options = new ReadReplicaOptions
        {
            ConnectionStrings = [.. given.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!)],
            MaxLagSeconds = replicas.GetValue("MaxLagSeconds", 30.0),
            CheckIntervalSeconds = replicas.GetValue("CheckIntervalSeconds", 5.0),
        };
        if (options.MaxLagSeconds < 0 || options.CheckIntervalSeconds <= 0)
            throw new InvalidOperationException("ReadReplicas:MaxLagSeconds must be at least 0 and ReadReplicas:CheckIntervalSeconds above 0.");
        return options;
    }
}
