using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>The seed record, compared field by field after import.</summary>
public abstract class SeedRecordTests(Engine engine) : IAsyncLifetime
{
    private NewsFeedApp _app = null!;

    public async Task InitializeAsync() => _app = await NewsFeedApp.StartAsync(engine);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_field_of_the_seed_is_stored()
    {
        var report = await _app.ImportAsync(RepoPaths.SeedFile);
        report.Created.Should().Be(1);
        report.Errors.Should().BeEmpty();

        await using var db = _app.CreateDbContext();
        var a = await db.Articles.Include(x => x.Provider).ThenInclude(p => p!.Logos)
            .Include(x => x.Topics).ThenInclude(t => t.Topic).Include(x => x.Images)
            .Include(x => x.Related).ThenInclude(r => r.Provider).Include(x => x.Related).ThenInclude(r => r.Images)
            .AsSplitQuery().SingleAsync();

        a.Title.Should().Be("Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban");
        a.Excerpt.Should().StartWith("Artificial-intelligence company SenseTime Group is trying to keep its initial public offering alive")
            .And.EndWith("ban American investors from buying its shares.");
        a.Category.Should().Be("news");
        a.PublishedAt.Should().Be(new DateTime(2021, 12, 10, 14, 30, 0, DateTimeKind.Utc));
        a.PublishedAt.Kind.Should().Be(DateTimeKind.Utc);
        const string url = "https://www.wsj.com/articles/chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban-11639150211";
        a.OriginalUrl.Should().Be(url);
        a.WebUrl.Should().Be(url);
        a.CanonicalUrl.Should().Be(url);
        a.AmpWebUrl.Should().Be("https://www.wsj.com/amp/articles/chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban-11639150211");
        a.CdnAmpWebUrl.Should().Be("https://www-wsj-com.cdn.ampproject.org/c/s/www.wsj.com/amp/articles/chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban-11639150211");
        a.Type.Should().Be("article");
        a.Quality.Should().Be(87);
        a.Heat.Should().Be(-1);
        a.Published.Should().BeFalse();
        a.Removed.Should().BeNull();
        a.Slug.Should().Be("2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban");
        a.SourcePath.Should().Be("000_87784aaa7c47e396.txt");
        a.Body.Should().Be("\n", "the body is kept verbatim: here the blank line after the closing ---");
        a.Extra.Should().BeNull();
        a.Secured.Should().StartWith("erZXt1gpqUPQ6gRNmfwhQ6t1coLRRHWvze/8R1hpdwDH").And.EndWith(";+aIT0m2xG/bQa8xONtipUA==");

        a.Provider!.Name.Should().Be("Wall Street Journal");
        a.Provider.Domain.Should().Be("wsj.com");
        a.Provider.Logos.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Url = "https://everyday-cc.github.io/ai/assets/images/organizations/wsj.com-50x50.jpg", Width = 50, Height = 50,
        });
        a.Topics.Select(t => t.Topic!.Name).Should().Equal("AI");
        a.Topics.Single().Topic!.Slug.Should().Be("ai");
        a.Images.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Url = "https://images.wsj.net/im-449875/social", Width = 1280, Height = 640, IsCached = true, Title = (string?)null,
        });

        var related = a.Related.OrderBy(r => r.Position).ToList();
        related.Select(r => r.Title).Should().Equal(
            "U.S. to Bar Investment in Chinese AI Giant, Considers Banning Key Exports to Top Chip Maker",
            "Chinese AI Company SenseTime Delays IPO as U.S. Imposes Investment Ban",
            "Chinese AI Giant SenseTime Remains Committed To IPO Despite U.S. Blacklist",
            "Cyber Daily: U.S. to Bar Investment in Chinese Facial Recognition Firm",
            "How Machine Learning is Changing Finance Forever",
            "US to shut all doors for Chinese chip manufacturer, AI Giant",
            "U.S. adds Chinese AI startup SenseTime to economic blacklist",
            "Chinese AI company delays IPO after US blacklist");
        related.Select(r => r.Provider!.Domain).Should().Equal(
            "wsj.com", "wsj.com", "forbes.com", "wsj.com", "techbullion.com", "techwireasia.com", "nikkei.com", "webindia123.com");
        related.Select(r => r.Quality).Should().Equal(94, 87, 87, 84, 76, 74, 37, 17);
        related.Select(r => r.Images.Count).Should().Equal(1, 1, 1, 1, 1, 1, 1, 0);
        related[2].Images.Single().Should().BeEquivalentTo(new { Width = 1200, Height = 800, IsCached = true });
        related[0].PublishedAt.Should().Be(new DateTime(2021, 12, 9, 22, 33, 0, DateTimeKind.Utc));
        related[0].AmpWebUrl.Should().StartWith("https://www.wsj.com/amp/articles/u-s-to-bar-investment");
        related[3].AmpWebUrl.Should().BeNull();
        related[4].Provider!.Name.Should().Be("Impacts");
        related[6].Excerpt.Should().Contain("\"Chinese military-industrial complex companies\"");
        // The seed relates to itself; the link is kept.
        related[1].CanonicalUrl.Should().Be(url);
    }

    [Fact]
    public async Task Importing_the_seed_again_changes_nothing()
    {
        await _app.ImportAsync(RepoPaths.SeedFile);
        await using var before = _app.CreateDbContext();
        var snapshot = await DatabaseSnapshot.TakeAsync(before);

        var again = await _app.ImportAsync(RepoPaths.SeedFile);

        again.Should().BeEquivalentTo(new { Files = 1, Created = 0, Updated = 0, Unchanged = 1, Failed = 0 });
        await using var after = _app.CreateDbContext();
        (await DatabaseSnapshot.TakeAsync(after)).Should().Equal(snapshot);
        (await after.Articles.CountAsync()).Should().Be(1);
    }
}

public sealed class SqliteSeedRecordTests() : SeedRecordTests(Engine.Sqlite);

public sealed class PostgresSeedRecordTests() : SeedRecordTests(Engine.Postgres);
