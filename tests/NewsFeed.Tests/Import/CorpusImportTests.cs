using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>The real corpora: every file imports, and the article counts are the distinct canonical URLs.</summary>
public abstract class CorpusImportTests<TEngine>(FullCorpusFixture<TEngine> corpus) where TEngine : IEngineKind
{
    [FullCorpusFact]
    public async Task Azure_imports_every_file_as_4944_articles()
    {
        // 14 files repeat an article's URL: 3 are newer versions met after the older one (updated), 11 lost to a newer one.
        corpus.AzureReport.Should().BeEquivalentTo(new { Files = 4958, Created = 4944, Updated = 3, Unchanged = 0, Superseded = 11, Failed = 0, Skipped = 0 });
        corpus.AzureReport.Errors.Should().BeEmpty();
        corpus.AzureReport.Warnings.Should().HaveCount(11).And.OnlyContain(w => w.Message.StartsWith("Not stored: 'azure/", StringComparison.Ordinal));
        await using var db = corpus.App.CreateDbContext();
        (await db.RelatedItems.CountAsync()).Should().BeGreaterThan(150_000);
    }

    [FullCorpusFact]
    public async Task Both_corpora_and_the_seed_give_5613_articles_plus_the_seed()
    {
        corpus.PowerAppsReport.Errors.Should().BeEmpty();
        corpus.PowerAppsReport.Files.Should().Be(675);
        await using var db = corpus.App.CreateDbContext();
        (await db.Articles.CountAsync()).Should().Be(5613 + 1);
        (await db.Articles.CountAsync(a => a.SourcePath.StartsWith("powerapps/"))).Should().BeGreaterThan(660);
        (await db.Topics.CountAsync()).Should().Be(27);
        (await db.Providers.Select(p => p.Domain).Distinct().CountAsync()).Should().Be(await db.Providers.CountAsync());
    }

    [FullCorpusFact]
    public async Task The_newer_version_of_a_republished_article_wins()
    {
        await using var db = corpus.App.CreateDbContext();
        var article = await db.Articles.SingleAsync(a => a.CanonicalUrl == "https://fcw.com/articles/2020/04/17/hasc-chair-react-jedi-probe.aspx");
        article.Title.Should().StartWith("Judge gives DOD the chance for a second look");
        article.SourcePath.Should().Be("azure/2020-04-20-judge-gives-dod-the-chance-for-a-second-look-at-some-aspects-of-the-jedi-award.md");
        article.Slug.Should().Be("2020-04-20-judge-gives-dod-the-chance-for-a-second-look-at-some-aspects-of-the-jedi-award");
    }

    [FullCorpusFact]
    public async Task Removed_articles_are_stored_and_flagged()
    {
        await using var db = corpus.App.CreateDbContext();
        var removed = await db.Articles.Where(a => a.Removed == true).Select(a => a.Slug).ToListAsync();
        removed.Should().Equal("2020-05-26-amazon-stock-is-the-coca-cola-of-cloud-computing");
    }

    [FullCorpusFact]
    public async Task Video_records_keep_their_featured_content_and_original_url_identity()
    {
        await using var db = corpus.App.CreateDbContext();
        var videos = await db.Articles.Where(a => a.Type == "video").ToListAsync();
        videos.Should().HaveCount(12);
        videos.Should().OnlyContain(v => v.WebUrl == null || v.FeaturedContent != null);
        var withoutWebUrl = await db.Articles.Where(a => a.WebUrl == null).ToListAsync();
        withoutWebUrl.Should().HaveCount(12).And.OnlyContain(a => a.CanonicalUrl == a.OriginalUrl);
        (await db.Articles.CountAsync(a => a.FeaturedContent != null && a.FeaturedContent.Contains("<iframe"))).Should().Be(13);
    }

    [FullCorpusFact]
    public async Task Reimporting_the_unchanged_folder_reports_every_file_unchanged_and_writes_nothing()
    {
        await using var before = corpus.App.CreateDbContext();
        var snapshot = await DatabaseSnapshot.TakeAsync(before);

        var report = await corpus.App.ImportAsync(FullCorpus.PowerApps);

        // 4 files lost to a newer version of their article: superseded again, the other 670 unchanged.
        report.Should().BeEquivalentTo(new { Files = 674, Created = 0, Updated = 0, Unchanged = 670, Superseded = 4, Failed = 0 });
        await using var after = corpus.App.CreateDbContext();
        (await DatabaseSnapshot.TakeAsync(after)).Should().Equal(snapshot);
    }
}

[Collection(SqliteFullCorpus.Name)]
public sealed class SqliteCorpusImportTests(FullCorpusFixture<OnSqlite> corpus) : CorpusImportTests<OnSqlite>(corpus);

[Collection(PostgresFullCorpus.Name)]
public sealed class PostgresCorpusImportTests(FullCorpusFixture<OnPostgres> corpus) : CorpusImportTests<OnPostgres>(corpus);
