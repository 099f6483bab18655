using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NewsFeed.Data.Entities;

namespace NewsFeed.Data;

/// <summary>The one DbContext, for SQLite and PostgreSQL alike; each provider has its own migrations assembly.</summary>
public sealed class NewsFeedDbContext(DbContextOptions<NewsFeedDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<ArticleTopic> ArticleTopics => Set<ArticleTopic>();
    public DbSet<ArticleImage> ArticleImages => Set<ArticleImage>();
    public DbSet<ProviderLogo> ProviderLogos => Set<ProviderLogo>();
    public DbSet<RelatedItem> RelatedItems => Set<RelatedItem>();
    public DbSet<RelatedItemImage> RelatedItemImages => Set<RelatedItemImage>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    /// <summary>PostgreSQL's sequence of change numbers.</summary>
    public const string ChangeNumberSequence = "change_numbers";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps DateTime as text without a kind; every instant here is UTC, so say so when reading back.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsFeedDbContext).Assembly);
        // Where change numbers come from (SqlEngine.NextChangeNumberAsync). Rows stored before change numbers existed
        // are numbered 1 by the migration, so the first write after it is 2.
        if (Database.IsNpgsql()) modelBuilder.HasSequence<long>(ChangeNumberSequence).StartsAt(2);
        else modelBuilder.Entity<ChangeCounter>().ToTable("ChangeCounter");
        SnakeCaseNames.Apply(modelBuilder);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
