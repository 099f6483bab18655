using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// totalCount is the number of matches on every page, also on pages past the last one, where the page itself says
/// nothing and the planner's estimate is all that is left (a low ReadApi:ExactCountLimit makes every total an estimate).
/// </summary>
public abstract class TotalCountTests(Engine engine)
{
    [Theory]
    [InlineData("/articles?page=1000")]
    [InlineData("/articles?page=2147483647&pageSize=100")]
    [InlineData("/articles?page=2147483647&topic=power-apps")]
    public async Task A_page_past_the_last_one_reports_the_real_total(string url)
    {
        await using var app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["ReadApi:ExactCountLimit"] = "10" });
        await app.ImportAsync(Corpus.PowerApps);
        long expected;
        await using (var db = app.CreateDbContext())
        {
            expected = url.Contains("topic=", StringComparison.Ordinal)
                ? await db.Articles.CountAsync(a => a.Removed != true && a.Topics.Any(t => t.Topic!.Slug == "power-apps"))
                : await db.Articles.CountAsync(a => a.Removed != true);
        }
        expected.Should().BePositive();
        using var client = app.CreateClient();

        var page = await client.GetJsonAsync(url);
        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt64().Should().Be(expected);
        page.GetProperty("totalCountIsExact").GetBoolean().Should().BeTrue("past the last page every match has been walked, so the count is exact");
    }
}

public sealed class SqliteTotalCountTests() : TotalCountTests(Engine.Sqlite);

public sealed class PostgresTotalCountTests() : TotalCountTests(Engine.Postgres);
