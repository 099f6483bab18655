using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Feeds;

/// <summary>RSS, Atom and JSON Feed of /articles queries, parsed back with real feed parsers.</summary>
public abstract class FeedTests<TEngine>(CorpusFixture<TEngine> corpus) : IClassFixture<CorpusFixture<TEngine>>
    where TEngine : IEngineKind
{
    [Theory]
    [InlineData("rss", "application/rss+xml")]
    [InlineData("atom", "application/atom+xml")]
    public async Task Xml_feeds_parse_and_list_the_same_articles_as_the_query_newest_first(string format, string mediaType)
    {
        using var client = corpus.App.CreateClient();
        var expected = await TitlesAsync(client, "/articles?topic=AI&pageSize=50&fields=title");

        using var response = await client.GetAsync($"/feeds/{format}?topic=AI");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);
        feed.Title.Text.Should().Be("NewsFeed");
        var items = feed.Items.ToList();
        items.Select(i => i.Title.Text).Should().Equal(expected);
        items.Should().HaveCount(50);
        items.Select(i => i.PublishDate).Should().BeInDescendingOrder();
        items.Should().OnlyContain(i => i.Categories.Any(c => c.Name == "AI") && i.Links.Any(l => l.Uri.IsAbsoluteUri));
        items.Should().Contain(i => i.Links.Any(l => l.RelationshipType == "enclosure"));
    }

    [Fact]
    public async Task The_json_feed_has_every_field_json_feed_1_1_requires()
    {
        using var client = corpus.App.CreateClient();

        using var response = await client.GetAsync("/feeds/json?q=SenseTime&pageSize=5");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/feed+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("version").GetString().Should().Be("https://jsonfeed.org/version/1.1");
        root.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        var items = root.GetProperty("items").EnumerateArray().ToList();
        items.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(5);
        foreach (var item in items)
        {
            item.GetProperty("id").GetString().Should().NotBeNullOrEmpty();
            (item.TryGetProperty("content_text", out var text) || item.TryGetProperty("content_html", out text)).Should().BeTrue();
            text.GetString().Should().NotBeNull();
            DateTimeOffset.Parse(item.GetProperty("date_published").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                .Offset.Should().Be(TimeSpan.Zero);
        }
        items.Select(i => i.GetProperty("title").GetString()).Should().Contain("Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban");
    }

    [Fact]
    public async Task Feeds_take_up_to_100_items_and_refuse_what_articles_refuses()
    {
        using var client = corpus.App.CreateClient();

        using var hundred = await client.GetAsync("/feeds/rss?pageSize=100");
        using var tooMany = await client.GetAsync("/feeds/rss?pageSize=101");
        using var unknown = await client.GetAsync("/feeds/atom?colour=red");

        using var reader = XmlReader.Create(await hundred.Content.ReadAsStreamAsync());
        SyndicationFeed.Load(reader).Items.Should().HaveCount(100);
        tooMany.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string url)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(url));
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];
    }
}

public sealed class SqliteFeedTests(CorpusFixture<OnSqlite> corpus) : FeedTests<OnSqlite>(corpus);

public sealed class PostgresFeedTests(CorpusFixture<OnPostgres> corpus) : FeedTests<OnPostgres>(corpus);
