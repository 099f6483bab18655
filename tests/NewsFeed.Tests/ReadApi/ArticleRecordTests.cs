using Microsoft.EntityFrameworkCore;
using NewsFeed.Api.Contracts;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>GET /articles/{idOrSlug} and /related over the real corpus.</summary>
public abstract class ArticleRecordTests<TEngine>(CorpusFixture<TEngine> corpus) where TEngine : IEngineKind
{
    private readonly HttpClient _client = corpus.App.CreateClient();

    [Fact]
    public async Task The_seed_record_is_served_whole_by_slug_and_by_id()
    {
        var bySlug = await _client.GetOkAsync<Article>($"/articles/{Http.SeedSlug}");
        var byId = await _client.GetOkAsync<Article>($"/articles/{bySlug.Id}");

        byId.Should().BeEquivalentTo(bySlug);
        bySlug.Should().BeEquivalentTo(new
        {
            Title = "Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban",
            PublishedDateTime = new DateTime(2021, 12, 10, 14, 30, 0, DateTimeKind.Utc),
            Provider = new { Name = "Wall Street Journal", Domain = "wsj.com" },
            Topics = (string[])["AI"],
            Quality = 87, Heat = -1, Type = "article", Category = "news", Published = false, Removed = false, RelatedCount = 8,
            Body = "\n", FeaturedContent = (string?)null, Extra = (object?)null,
        });
        bySlug.Provider!.Images.Should().ContainSingle().Which.Url.Should().Be("https://everyday-cc.github.io/ai/assets/images/organizations/wsj.com-50x50.jpg");
        bySlug.Secured.Should().StartWith("erZXt1gpqUPQ6gRNmfwhQ6t1coLRRHWvze/8R1hpdwDH");
        bySlug.ImportedAt.Should().BeAfter(DateTime.UtcNow.AddHours(-1)).And.BeOnOrBefore(bySlug.UpdatedAt);

        bySlug.Related.Select(r => r.Title).Should().Equal(
            "U.S. to Bar Investment in Chinese AI Giant, Considers Banning Key Exports to Top Chip Maker",
            "Chinese AI Company SenseTime Delays IPO as U.S. Imposes Investment Ban",
            "Chinese AI Giant SenseTime Remains Committed To IPO Despite U.S. Blacklist",
            "Cyber Daily: U.S. to Bar Investment in Chinese Facial Recognition Firm",
            "How Machine Learning is Changing Finance Forever",
            "US to shut all doors for Chinese chip manufacturer, AI Giant",
            "U.S. adds Chinese AI startup SenseTime to economic blacklist",
            "Chinese AI company delays IPO after US blacklist");
        bySlug.Related.Select(r => r.Provider!.Domain).Should().Equal(
            "wsj.com", "wsj.com", "forbes.com", "wsj.com", "techbullion.com", "techwireasia.com", "nikkei.com", "webindia123.com");
        bySlug.Related[0].PublishedDateTime.Should().Be(new DateTime(2021, 12, 9, 22, 33, 0, DateTimeKind.Utc));
        bySlug.Related[2].Images.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Width = 1200, Height = 800, IsCached = true });
        // The seed relates to itself: that URL is an article here, so it is resolved; the others are not in the corpus.
        bySlug.Related[1].Should().BeEquivalentTo(new { ArticleId = (long?)bySlug.Id, Slug = Http.SeedSlug });
        bySlug.Related.Where((_, i) => i != 1).Should().OnlyContain(r => r.ArticleId == null && r.Slug == null);
    }

    [Fact]
    public async Task Related_items_resolve_to_articles_here_by_canonical_url()
    {
        await using var db = corpus.App.CreateDbContext();
        var article = await db.Articles.Where(a => a.Related.Count > 20).OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync();
        var urls = await db.Articles.Select(a => new { a.CanonicalUrl, a.Id, a.Slug }).ToDictionaryAsync(a => a.CanonicalUrl);
        var stored = await db.RelatedItems.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Position).ToListAsync();

        var related = await _client.GetOkAsync<List<RelatedItem>>($"/articles/{article.Slug}/related");

        related.Select(r => r.WebUrl).Should().Equal(stored.Select(r => r.WebUrl));
        related.Select(r => r.ArticleId).Should().Equal(stored.Select(r => r.CanonicalUrl is not null && urls.TryGetValue(r.CanonicalUrl, out var a) ? a.Id : (long?)null));
        related.Select(r => r.Slug).Should().Equal(stored.Select(r => r.CanonicalUrl is not null && urls.TryGetValue(r.CanonicalUrl, out var a) ? a.Slug : null));
        related.Should().Contain(r => r.ArticleId != null, "the azure corpus relates its articles to each other");
        (await _client.GetOkAsync<Article>($"/articles/{article.Id}")).Related.Should().BeEquivalentTo(related, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Video_embeds_from_youtube_survive_sanitizing()
    {
        await using var db = corpus.App.CreateDbContext();
        var video = await db.Articles.Where(a => a.FeaturedContent != null && a.FeaturedContent.Contains("youtube.com/embed")).OrderBy(a => a.Id).FirstAsync();

        var article = await _client.GetOkAsync<Article>($"/articles/{video.Id}");

        article.FeaturedContent.Should().StartWith("<iframe").And.Contain("src=\"https://www.youtube.com/embed/").And.Contain("allowfullscreen");
    }

    [Fact]
    public async Task Unknown_articles_are_404_problem_details()
    {
        foreach (var url in new[] { "/articles/no-such-article", "/articles/999999", "/articles/no-such-article/related" })
        {
            using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await response.Content.ReadAsStringAsync()).Should().Contain("No article has the id or slug");
        }
    }
}

[Collection(SqliteApiCorpus.Name)]
public sealed class SqliteArticleRecordTests(CorpusFixture<OnSqlite> corpus) : ArticleRecordTests<OnSqlite>(corpus);

[Collection(PostgresApiCorpus.Name)]
public sealed class PostgresArticleRecordTests(CorpusFixture<OnPostgres> corpus) : ArticleRecordTests<OnPostgres>(corpus);
