using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsFeed.Data.Writing;

namespace NewsFeed.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext (pooled factory and scoped) for the configured engine, the article writer, the import job store and the migrator:
    /// the primary's. The read services are registered by the API, on the request's read session.
    /// </summary>
    public static IServiceCollection AddNewsFeedData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddPooledDbContextFactory<NewsFeedDbContext>(options => Configure(options, settings));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<NewsFeedDbContext>>().CreateDbContext());
        // Stamps updated_at; tests give instances clocks that differ.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ArticleWriter>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ImportJobStore>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings) =>
        settings.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(settings.MigrationsAssembly)),
            DatabaseProvider.Postgres => options.UseNpgsql(settings.ConnectionString, o => o.MigrationsAssembly(settings.MigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider."),
        };
}
