using System.Net;
using System.Net.Http.Headers;
using NewsFeed.Api.Contracts;
using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.ReadApi;

namespace NewsFeed.Tests.Scaling;

/// <summary>What a client of one API instance sees: an article list and the ETag that labels it.</summary>
public static class ApiInstance
{
    public static async Task<(ArticlePage Page, EntityTagHeaderValue ETag)> ListAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync(new Uri("/articles" + query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return (System.Text.Json.JsonSerializer.Deserialize<ArticlePage>(body, Http.Json)!, response.Headers.ETag!);
    }

    /// <summary>The seed article as a later version of it (published a day later): importing it updates the seed in place.</summary>
    public static string LaterSeedVersion()
    {
        var seed = File.ReadAllText(RepoPaths.SeedFile);
        const string published = "publishedDateTime: 2021-12-10T14:30:00Z";
        seed.Should().Contain(published);
        var path = Path.Combine(Corpus.NewScratchFolder(), "later-seed.md");
        File.WriteAllText(path, seed.Replace(published, "publishedDateTime: 2021-12-11T14:30:00Z", StringComparison.Ordinal));
        return path;
    }

    public static readonly string AzureArticle = Path.Combine(Corpus.Azure, "2019-10-23-start-building-with-azure-cognitive-services-for-free.md");

    public static readonly DateTime LaterSeedPublished = new(2021, 12, 11, 14, 30, 0, DateTimeKind.Utc);
}
