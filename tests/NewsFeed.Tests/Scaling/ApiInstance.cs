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
    public static string LaterSeedVersion() => LaterVersionOf(RepoPaths.SeedFile);

    /// <summary>A real article file published a day later: importing it updates that article in place.</summary>
    public static string LaterVersionOf(string file)
    {
        var text = File.ReadAllText(file);
        var published = System.Text.RegularExpressions.Regex.Match(text, @"^publishedDateTime: ""?([0-9T:Z-]+)""?$", System.Text.RegularExpressions.RegexOptions.Multiline);
        published.Success.Should().BeTrue($"{file} has a publishedDateTime line");
        var later = DateTime.Parse(published.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal).AddDays(1);
        var path = Path.Combine(Corpus.NewScratchFolder(), "later-" + Path.GetFileName(file));
        File.WriteAllText(path, string.Concat(text.AsSpan(0, published.Groups[1].Index), later.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            text.AsSpan(published.Groups[1].Index + published.Groups[1].Length)));
        return path;
    }

    public static readonly string AzureArticle = Path.Combine(Corpus.Azure, "2019-10-23-start-building-with-azure-cognitive-services-for-free.md");

    public static readonly DateTime LaterSeedPublished = new(2021, 12, 11, 14, 30, 0, DateTimeKind.Utc);
}
