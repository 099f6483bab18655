using System.Text.Json;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>Swagger UI loads and documents every read endpoint, its parameters, responses, errors and the seed example.</summary>
public sealed class SwaggerTests : IAsyncLifetime
{
    private NewsFeedApp _app = null!;

    public async Task InitializeAsync() => _app = await NewsFeedApp.StartAsync(Engine.Sqlite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Swagger_ui_loads_and_lists_every_endpoint_with_its_parameters()
    {
        var client = _app.CreateClient();
        using var ui = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        ui.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await ui.Content.ReadAsStringAsync()).Should().Contain("swagger-ui");

        var doc = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var paths = doc.GetProperty("paths");
        string[] Parameters(string path) => [.. paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];

        Parameters("/articles").Should().Equal("q", "topic", "provider", "category", "type", "from", "to", "updatedSince", "changedSince", "minQuality",
            "minHeat", "published", "hasImage", "includeRemoved", "sort", "page", "pageSize", "cursor", "fields", "facets");
        Parameters("/articles/{idOrSlug}").Should().Equal("idOrSlug");
        Parameters("/articles/{idOrSlug}/related").Should().Equal("idOrSlug");
        Parameters("/topics/{slug}").Should().Equal("slug");
        Parameters("/providers").Should().Equal("q", "page", "pageSize");
        Parameters("/providers/{domain}").Should().Equal("domain");
        paths.GetProperty("/topics").GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Equal("200", "304", "400", "503");
        paths.GetProperty("/articles/{idOrSlug}").GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .Should().Equal("200", "304", "400", "404", "503");

        var sort = paths.GetProperty("/articles").GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "sort");
        sort.GetProperty("description").GetString().Should().Contain("publishedDateTime, updatedAt, quality, heat, title, relevance");

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var example = schemas.GetProperty("Article").GetProperty("example");
        example.GetProperty("title").GetString().Should().Be("Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban");
        example.GetProperty("slug").GetString().Should().Be(Http.SeedSlug);
        example.GetProperty("related").GetArrayLength().Should().Be(8);
        schemas.GetProperty("ArticleSummary").GetProperty("example").GetProperty("provider").GetProperty("domain").GetString().Should().Be("wsj.com");
        schemas.GetProperty("ArticleSummary").GetProperty("properties").GetProperty("publishedDateTime").GetProperty("description").GetString()
            .Should().Contain("ISO 8601");
    }
}
