using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NewsFeed.Data.Sqlite;

/// <summary>Lets dotnet-ef build the context for Sqlite when it adds a migration; nothing connects at design time.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NewsFeedDbContext>
{
    public NewsFeedDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NewsFeedDbContext>();
        DataServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
        return new NewsFeedDbContext(options.Options);
    }
}
