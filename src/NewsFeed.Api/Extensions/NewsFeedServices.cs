using Microsoft.Data.Sqlite;
using NewsFeed.Data;
using NewsFeed.Import;

namespace NewsFeed.Api.Extensions;

/// <summary>The services the web API and the command line share: settings, the database, the importer.</summary>
internal static class NewsFeedServices
{
    public static IServiceCollection AddNewsFeedCore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddNewsFeedData(ReadDatabaseSettings(configuration, environment));
        var importOptions = configuration.GetSection("Import").Get<ImportOptions>() ?? new ImportOptions();
        services.AddSingleton(importOptions);
        services.AddSingleton<ImportPipeline>();
        services.AddSingleton<SampleData>();
        services.AddSingleton<Export.ExportArchive>();
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
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(environment.ContentRootPath, "data", "newsfeed.db") }.ToString()
                : throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:NewsFeed is empty: set it (ConnectionStrings__NewsFeed in the environment).");
        }
        return new DatabaseSettings(provider, connectionString);
    }
}
