using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsFeed.Data.Entities;

namespace NewsFeed.Data.Configuration;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ToTable("Articles");
        builder.HasIndex(a => a.CanonicalUrl).IsUnique();
        builder.HasIndex(a => a.Slug).IsUnique();
        // The natural news order (newest first, id breaking ties) serves the default listing and keyset paging.
        builder.HasIndex(a => new { a.PublishedAt, a.Id });
        builder.HasIndex(a => new { a.UpdatedAt, a.Id });
        // The data version (its max) and changedSince's keyset paging (change number, then id).
        builder.HasIndex(a => new { a.ChangeNumber, a.Id });
        builder.HasIndex(a => a.ContentHash);
        builder.HasIndex(a => a.ProviderId);
        builder.HasOne(a => a.Provider).WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Topics).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Images).WithOne().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.ProviderLogos).WithOne().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Related).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.ToTable("Providers");
        builder.HasIndex(p => p.Domain).IsUnique();
        builder.HasIndex(p => p.ChangeNumber);
        builder.HasMany(p => p.Logos).WithOne().HasForeignKey(l => l.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.ToTable("Topics");
        builder.HasIndex(t => t.Key).IsUnique();
        builder.HasIndex(t => t.Slug).IsUnique();
    }
}

internal sealed class ArticleTopicConfiguration : IEntityTypeConfiguration<ArticleTopic>
{
    public void Configure(EntityTypeBuilder<ArticleTopic> builder)
    {
        builder.ToTable("ArticleTopics");
        builder.HasKey(t => new { t.ArticleId, t.TopicId });
        // Topic filters start from the topic.
        builder.HasIndex(t => t.TopicId);
        builder.HasOne(t => t.Topic).WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImageConfiguration :
    IEntityTypeConfiguration<ArticleImage>, IEntityTypeConfiguration<ProviderLogo>, IEntityTypeConfiguration<RelatedItemImage>,
    IEntityTypeConfiguration<ArticleProviderLogo>, IEntityTypeConfiguration<RelatedItemProviderLogo>
{
    public void Configure(EntityTypeBuilder<ArticleImage> builder)
    {
        builder.ToTable("ArticleImages");
        builder.HasKey(i => new { i.ArticleId, i.Position });
    }

    public void Configure(EntityTypeBuilder<ProviderLogo> builder)
    {
        builder.ToTable("ProviderLogos");
        builder.HasKey(i => new { i.ProviderId, i.Position });
    }

    public void Configure(EntityTypeBuilder<RelatedItemImage> builder)
    {
        builder.ToTable("RelatedItemImages");
        builder.HasKey(i => new { i.ArticleId, i.RelatedPosition, i.Position });
    }

    public void Configure(EntityTypeBuilder<ArticleProviderLogo> builder)
    {
        builder.ToTable("ArticleProviderLogos");
        builder.HasKey(i => new { i.ArticleId, i.Position });
    }

    public void Configure(EntityTypeBuilder<RelatedItemProviderLogo> builder)
    {
        builder.ToTable("RelatedItemProviderLogos");
        builder.HasKey(i => new { i.ArticleId, i.RelatedPosition, i.Position });
    }
}

internal sealed class RelatedItemConfiguration : IEntityTypeConfiguration<RelatedItem>
{
    public void Configure(EntityTypeBuilder<RelatedItem> builder)
    {
        builder.ToTable("RelatedItems");
        builder.HasKey(r => new { r.ArticleId, r.Position });
        // No index on CanonicalUrl: resolving a related URL looks it up in articles (unique index there), and an index
        // here would cost every import about a third of its related-items write time.
        builder.HasOne(r => r.Provider).WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Images).WithOne()
            .HasForeignKey(i => new { i.ArticleId, i.RelatedPosition }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.ProviderLogos).WithOne()
            .HasForeignKey(i => new { i.ArticleId, i.RelatedPosition }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("ImportJobs");
        builder.HasIndex(j => j.CreatedAt);
        builder.HasIndex(j => j.Status);
    }
}
