using System.Text.Json;
using System.Text.Json.Nodes;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// The Swagger examples are made from the seed file without a database (<c>SeedExample</c>): they must be what the import
/// and the read queries serve for the seed, the related items' links to articles here included.
/// </summary>
public sealed class SeedExampleTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task The_related_items_example_is_what_the_api_serves_for_the_imported_seed(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        (await app.ImportAsync(RepoPaths.SeedFile)).Created.Should().Be(1);
        var client = app.CreateClient();

        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var example = document.GetProperty("components").GetProperty("schemas").GetProperty("Article").GetProperty("example").GetProperty("related");
        var served = await client.GetJsonAsync($"/articles/{Http.SeedSlug}/related");

        served.EnumerateArray().Count(item => item.TryGetProperty("slug", out _)).Should().Be(1, "the seed lists itself among its related items");
        JsonNode.DeepEquals(JsonNode.Parse(example.GetRawText()), JsonNode.Parse(served.GetRawText()))
            .Should().BeTrue($"the example{Environment.NewLine}{example}{Environment.NewLine}is what is served{Environment.NewLine}{served}");
    }
}
