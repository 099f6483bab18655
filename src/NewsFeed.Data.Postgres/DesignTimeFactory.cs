using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NewsFeed.Data.Postgres;

/// <summary>Lets dotnet-ef build the context for Postgres when it adds a migration; nothing connects at design time.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NewsFeedDbContext>
{
    public NewsFeedDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NewsFeedDbContext>();
        DataServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=newsfeed_design"));
        return new NewsFeedDbContext(options.Options);
    }
}
