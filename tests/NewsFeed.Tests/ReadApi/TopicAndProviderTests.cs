using Microsoft.EntityFrameworkCore;
using NewsFeed.Api.Contracts;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>GET /topics and /providers over the committed sample corpus: 27 topics, 374 providers (every file read counts for its providers, the ones that lost to a newer version of their article too).</summary>
public abstract class TopicAndProviderTests<TEngine>(CorpusFixture<TEngine> corpus) where TEngine : IEngineKind
{
    private readonly HttpClient _client = corpus.App.CreateClient();

    [Fact]
    public async Task Topics_are_listed_most_used_first_with_slugs_and_visible_article_counts()
    {
        var topics = await _client.GetOkAsync<List<Topic>>("/topics");

        topics.Should().HaveCount(27);
        topics.Take(5).Should().Equal(
            new Topic("Azure", "azure", 765), new Topic("Power Apps", "power-apps", 670), new Topic("AI", "ai", 165),
            new Topic("Portals", "portals", 40), new Topic("Model-driven apps", "model-driven-apps", 30));
        topics[^1].Should().Be(new Topic("Common Data Service", "common-data-service", 1));
        await using var db = corpus.App.CreateDbContext();
        var counts = await db.Topics.Select(t => new { t.Slug, Count = db.ArticleTopics.Count(at => at.TopicId == t.Id && db.Articles.Any(a => a.Id == at.ArticleId && a.Removed != true)) })
            .ToDictionaryAsync(t => t.Slug, t => (long)t.Count);
        topics.ToDictionary(t => t.Slug, t => t.ArticleCount).Should().Equal(counts);
    }

    [Fact]
    public async Task One_topic_by_slug()
    {
        (await _client.GetOkAsync<Topic>("/topics/ai")).Should().Be(new Topic("AI", "ai", 165));
        using var missing = await _client.GetAsync(new Uri("/topics/no-such-topic", UriKind.Relative));
        missing.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Providers_are_paged_most_articles_first_with_logos()
    {
        var first = await _client.GetOkAsync<ProviderPage>("/providers?pageSize=10");
        var last = await _client.GetOkAsync<ProviderPage>("/providers?pageSize=10&page=38");

        first.Should().BeEquivalentTo(new { Page = 1, PageSize = 10, TotalCount = 374, TotalCountIsExact = true, TotalPages = 38 });
        first.Items[0].Should().BeEquivalentTo(new { Domain = "microsoft.com", Name = "Microsoft", ArticleCount = 828 });
        first.Items[0].Images.Should().ContainSingle().Which.Url.Should().Be("https://everyday-cc.github.io/powerapps/assets/images/organizations/microsoft.com-50x50.jpg");
        first.Items.Should().BeInDescendingOrder(p => p.ArticleCount);
        last.Items.Should().HaveCount(4);

        var all = new List<Provider>();
        for (var page = 1; page <= 5; page++) all.AddRange((await _client.GetOkAsync<ProviderPage>($"/providers?pageSize=100&page={page}")).Items);
        await using var db = corpus.App.CreateDbContext();
        var expected = await db.Providers.Select(p => new { p.Domain, Count = db.Articles.Count(a => a.ProviderId == p.Id && a.Removed != true) }).ToListAsync();
        all.Select(p => (p.Domain, p.ArticleCount)).Should().Equal(
            expected.OrderByDescending(p => p.Count).ThenBy(p => p.Domain, StringComparer.Ordinal).Select(p => (p.Domain, (long)p.Count)));
    }

    [Fact]
    public async Task Providers_q_matches_name_or_domain_ignoring_case()
    {
        var page = await _client.GetOkAsync<ProviderPage>("/providers?q=JOURNAL&pageSize=100");

        await using var db = corpus.App.CreateDbContext();
        var expected = (await db.Providers.ToListAsync())
            .Where(p => p.Domain.Contains("journal", StringComparison.OrdinalIgnoreCase) || (p.Name ?? "").Contains("journal", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Domain);
        page.Items.Select(p => p.Domain).Should().BeEquivalentTo(expected).And.Contain("wsj.com");
        page.TotalCount.Should().Be(page.Items.Count);
    }

    [Fact]
    public async Task One_provider_by_domain_in_any_case()
    {
        var wsj = await _client.GetOkAsync<Provider>("/providers/WSJ.com");

        wsj.Should().BeEquivalentTo(new { Domain = "wsj.com", Name = "Wall Street Journal" });
        await using var db = corpus.App.CreateDbContext();
        wsj.ArticleCount.Should().Be(await db.Articles.CountAsync(a => a.Provider!.Domain == "wsj.com" && a.Removed != true)).And.BeGreaterThan(0);
        using var missing = await _client.GetAsync(new Uri("/providers/no-such.example", UriKind.Relative));
        missing.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}

[Collection(SqliteApiCorpus.Name)]
public sealed class SqliteTopicAndProviderTests(CorpusFixture<OnSqlite> corpus) : TopicAndProviderTests<OnSqlite>(corpus);

[Collection(PostgresApiCorpus.Name)]
public sealed class PostgresTopicAndProviderTests(CorpusFixture<OnPostgres> corpus) : TopicAndProviderTests<OnPostgres>(corpus);
