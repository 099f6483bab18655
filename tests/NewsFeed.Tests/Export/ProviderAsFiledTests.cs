using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Export;

/// <summary>
/// Providers are one row per domain for <c>/providers</c>, but each article is served and exported with the provider
/// its own file gave: the powerapps files name microsoft.com with another logo than the azure ones do.
/// </summary>
public sealed class ProviderAsFiledTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_azure_article_keeps_its_own_provider_logo_after_powerapps_is_imported(Engine engine)
    {
        var azure = Directory.EnumerateFiles(Corpus.Azure, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => ArticleFileReader.Read(File.ReadAllBytes(path)).Document!)
            .First(d => d.Provider is { Domain: "microsoft.com", Images.Count: > 0 });
        var powerApps = Directory.EnumerateFiles(Corpus.PowerApps, "*.md", SearchOption.AllDirectories)
            .Select(path => ArticleFileReader.Read(File.ReadAllBytes(path)).Document)
            .First(d => d?.Provider is { Domain: "microsoft.com", Images.Count: > 0 })!;
        powerApps.Provider!.Images[0].Url.Should().NotBe(azure.Provider!.Images[0].Url, "the test needs the two corpora to disagree");
        await using var app = await NewsFeedApp.StartAsync(engine);
        await app.ImportAsync(Corpus.Azure);
        await app.ImportAsync(Corpus.PowerApps);
        long id;
        await using (var db = app.CreateDbContext())
            id = await db.Articles.Where(a => a.CanonicalUrl == azure.CanonicalUrl).Select(a => a.Id).SingleAsync();
        using var client = app.CreateClient();

        using var served = JsonDocument.Parse(await client.GetStringAsync($"/articles/{id}"));
        using var listed = JsonDocument.Parse(await client.GetStringAsync($"/articles?provider=microsoft.com&pageSize=100&q={Uri.EscapeDataString(azure.Title)}"));
        var source = ArticleFileReader.Read(Encoding.UTF8.GetBytes(await client.GetStringAsync($"/articles/{id}/source"))).Document!;

        Logos(served.RootElement.GetProperty("provider")).Should().Equal(azure.Provider.Images.Select(i => i.Url));
        served.RootElement.GetProperty("provider").GetProperty("name").GetString().Should().Be(azure.Provider.Name);
        var item = listed.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
        Logos(item.GetProperty("provider")).Should().Equal(azure.Provider.Images.Select(i => i.Url));
        source.Provider.Should().BeEquivalentTo(azure.Provider, o => o.WithStrictOrdering());
    }

    private static IEnumerable<string?> Logos(JsonElement provider) =>
        provider.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("url").GetString());
}
