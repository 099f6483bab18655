using System.IO.Compression;
using System.Net;
using System.Text.Json;
using NewsFeed.Api.Contracts;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// Conditional GET, the response cache and its invalidation by an import, compression, CORS, updatedSince and the
/// sanitizing of featuredContent, each on a small database of its own.
/// </summary>
public abstract class HttpBehaviourTests(Engine engine) : IAsyncLifetime
{
    private const string Frontend = "https://news.example";
    private NewsFeedApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Frontend });
        await _app.ImportAsync(RepoPaths.SeedFile);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string WriteArticle(string name, string title, DateTime published, string extraYaml = "")
    {
        var folder = Corpus.NewScratchFolder();
        File.WriteAllText(Path.Combine(folder, name), $"""
            ---
            title: "{title}"
            excerpt: "An excerpt about {title}."
            publishedDateTime: {published:yyyy-MM-ddTHH:mm:ssZ}
            webUrl: https://example.com/{Path.GetFileNameWithoutExtension(name)}
            topics:
            - Testing
            {extraYaml}
            ---
            Body text.
            """);
        return folder;
    }

    [Theory]
    [InlineData("/articles?topic=AI")]
    [InlineData("/articles/" + Http.SeedSlug)]
    [InlineData("/articles/" + Http.SeedSlug + "/related")]
    [InlineData("/topics")]
    [InlineData("/topics/ai")]
    [InlineData("/providers?q=wsj")]
    [InlineData("/providers/wsj.com")]
    public async Task Every_list_and_record_has_an_etag_and_answers_304_to_it(string url)
    {
        using var first = await _client.GetAsync(new Uri(url, UriKind.Relative));
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var etag = first.Headers.ETag!;
        first.Headers.CacheControl!.ToString().Should().Be("public, no-cache");

        using var again = await _client.GetAsync(url, r => r.Headers.IfNoneMatch.Add(etag));

        again.StatusCode.Should().Be(HttpStatusCode.NotModified);
        again.Headers.ETag.Should().Be(etag);
        (await again.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    /// <summary>
    /// <c>If-None-Match: *</c> matches any current representation (RFC 9110 13.1.2), so it is a 304 for what is there
    /// and changes nothing for a request the app refuses or a record that does not exist. Found by the generated requests.
    /// </summary>
    [Theory]
    [InlineData("/articles?topic=AI", HttpStatusCode.NotModified)]
    [InlineData("/feeds/rss", HttpStatusCode.NotModified)]
    [InlineData("/articles/no-such-article", HttpStatusCode.NotFound)]
    [InlineData("/articles/no-such-article/source", HttpStatusCode.NotFound)]
    [InlineData("/articles?pageSize=abc", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/atom?from=yesterday", HttpStatusCode.BadRequest)]
    public async Task If_none_match_any_is_a_304_only_for_what_exists(string url, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(url, r => r.Headers.IfNoneMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Any));
        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.NotModified) (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Repeated_queries_are_served_from_the_cache_and_an_import_invalidates_it_at_once()
    {
        using var first = await _client.GetAsync(new Uri("/articles?fields=title", UriKind.Relative));
        var before = await first.Content.ReadAsStringAsync();
        using var cached = await _client.GetAsync(new Uri("/articles?fields=title", UriKind.Relative));
        (await cached.Content.ReadAsStringAsync()).Should().Be(before);
        cached.Headers.ETag.Should().Be(first.Headers.ETag);
        (await _client.GetOkAsync<List<Topic>>("/topics")).Should().ContainSingle();

        await _app.ImportAsync(WriteArticle("fresh.md", "A fresh article", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        using var after = await _client.GetAsync("/articles?fields=title", r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the import changed the data, so the old ETag no longer matches");
        after.Headers.ETag.Should().NotBe(first.Headers.ETag);
        var page = await after.ReadAsync<ArticlePage>();
        page!.Items.Select(i => i.Title).Should().Equal("A fresh article", "Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban");
        (await _client.GetOkAsync<List<Topic>>("/topics")).Select(t => t.Name).Should().Equal("AI", "Testing");
    }

    [Fact]
    public async Task An_import_that_only_changes_an_article_invalidates_too()
    {
        var folder = WriteArticle("story.md", "First title", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await _app.ImportAsync(folder);
        var id = (await _client.GetOkAsync<ArticlePage>("/articles?q=First")).Items.Single().Id;
        using var first = await _client.GetAsync(new Uri($"/articles/{id}", UriKind.Relative));

        var changed = WriteArticle("story.md", "Second title", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        (await _app.ImportAsync(changed)).Updated.Should().Be(1);

        using var after = await _client.GetAsync($"/articles/{id}", r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        (await after.ReadAsync<Article>())!.Title.Should().Be("Second title");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Responses_are_compressed_when_the_client_accepts_it(string encoding)
    {
        for (var i = 0; i < 2; i++) // the second answer comes from the cache, and is compressed too
        {
            using var response = await _client.GetAsync("/articles", r => r.Headers.AcceptEncoding.ParseAdd(encoding));
            response.Content.Headers.ContentEncoding.Should().Equal(encoding);
            await using var raw = await response.Content.ReadAsStreamAsync();
            await using Stream decoded = encoding == "gzip" ? new GZipStream(raw, CompressionMode.Decompress) : new BrotliStream(raw, CompressionMode.Decompress);
            var page = await JsonSerializer.DeserializeAsync<ArticlePage>(decoded, Http.Json);
            page!.Items.Single().Slug.Should().Be(Http.SeedSlug);
        }
    }

    [Fact]
    public async Task Cors_allows_the_configured_frontend_and_exposes_etag_and_link()
    {
        using var allowed = await _client.GetAsync("/articles", r => r.Headers.Add("Origin", Frontend));
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Frontend);
        allowed.Headers.GetValues("Access-Control-Expose-Headers").Single().Should().Contain("ETag").And.Contain("Link");

        using var other = await _client.GetAsync("/articles", r => r.Headers.Add("Origin", "https://evil.example"));
        other.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();

        using var preflight = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/articles")
        {
            Headers = { { "Origin", Frontend }, { "Access-Control-Request-Method", "GET" }, { "Access-Control-Request-Headers", "if-none-match" } },
        });
        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Frontend);
    }

    [Fact]
    public async Task UpdatedSince_returns_only_what_an_import_wrote_after_the_instant()
    {
        var since = DateTime.UtcNow;
        await Task.Delay(20);
        await _app.ImportAsync(WriteArticle("later.md", "Later article", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        var page = await _client.GetOkAsync<ArticlePage>($"/articles?updatedSince={since:yyyy-MM-ddTHH:mm:ss.fffffffZ}");

        page.Items.Select(i => i.Title).Should().Equal("Later article");
        page.Items[0].UpdatedAt.Should().BeAfter(since);
        (await _client.GetOkAsync<ArticlePage>($"/articles?updatedSince=2000-01-01T00:00:00Z")).Items.Select(i => i.Title)
            .Should().Equal("Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban", "Later article");
    }

    [Fact]
    public async Task FeaturedContent_keeps_video_iframes_from_allowed_hosts_only_and_loses_scripts_and_handlers()
    {
        const string html = """<p onclick=\"steal()\">Watch <a href=\"javascript:alert(1)\">this</a></p><script>alert(1)</script><iframe src=\"https://player.vimeo.com/video/1\" allowfullscreen></iframe><iframe src=\"https://evil.example/embed\"></iframe><img src=x onerror=\"alert(1)\">""";
        await _app.ImportAsync(WriteArticle("embed.md", "Embedded", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            $"featuredContent: \"{html}\"\nmood: curious"));
        var slug = (await _client.GetOkAsync<ArticlePage>("/articles?q=Embedded")).Items.Single().Slug;

        var article = await _client.GetOkAsync<Article>($"/articles/{slug}");

        article.FeaturedContent.Should().Contain("<iframe src=\"https://player.vimeo.com/video/1\" allowfullscreen")
            .And.Contain("<p>Watch <a>this</a></p>")
            .And.NotContain("evil.example").And.NotContain("script").And.NotContain("onclick").And.NotContain("onerror")
            .And.NotContain("javascript:");
        article.Extra!.Value.GetProperty("mood").GetString().Should().Be("curious");
        article.Body.Should().Be("Body text.");
    }
}

public sealed class SqliteHttpBehaviourTests() : HttpBehaviourTests(Engine.Sqlite);

public sealed class PostgresHttpBehaviourTests() : HttpBehaviourTests(Engine.Postgres);
