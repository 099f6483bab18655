using NewsFeed.Api.Contracts;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// A search sorted by relevance ranks only its newest matches (ReadApi:SearchRankWindow, 10 here) and lists the older
/// ones after them, newest first; paging by number and by cursor agree across that boundary, and a cursor keeps its
/// window through an import. The articles are written so the expected order is known exactly: forty matches of
/// "zebra", one a day, every odd day's title saying it three times (a strong match) and every even day's once.
/// </summary>
public abstract class SearchRankWindowTests(Engine engine) : IAsyncLifetime
{
    private const int Window = 10;
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private NewsFeedApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["ReadApi:SearchRankWindow"] = $"{Window}" });
        var folder = Corpus.NewScratchFolder();
        for (var day = 1; day <= 40; day++) WriteMatch(folder, day, strong: day % 2 == 1);
        (await _app.ImportAsync(folder)).Errors.Should().BeEmpty();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static void WriteMatch(string folder, double day, bool strong)
    {
        var name = $"day{day:00.0}";
        var title = strong ? $"zebra zebra zebra {name}" : $"zebra plain plain {name}";
        File.WriteAllText(Path.Combine(folder, name + ".md"), $"""
            ---
            title: "{title}"
            excerpt: "{title}"
            publishedDateTime: {Day0.AddDays(day):yyyy-MM-ddTHH:mm:ssZ}
            webUrl: https://example.com/{name}
            ---
            """);
    }

    /// <summary>Titles of the walk, by day: the ten newest matches strong first, each group newest first, then the rest newest first.</summary>
    private static List<string> Expected(params double[] extraDays)
    {
        var days = Enumerable.Range(1, 40).Select(d => (double)d).Concat(extraDays).OrderDescending().ToList();
        var ranked = days.Take(Window).OrderBy(d => IsStrong(d) ? 0 : 1).ThenByDescending(d => d);
        return [.. ranked.Concat(days.Skip(Window)).Select(d => $"day{d:00.0}")];
    }

    private static bool IsStrong(double day) => day % 2 == 1;

    private static IEnumerable<string> Names(ArticlePage page) => page.Items.Select(i => i.Title.Split(' ')[^1]);

    private async Task<List<string>> WalkAsync(ArticlePage first, Func<Task>? between = null)
    {
        var names = Names(first).ToList();
        if (between is not null) await between();
        for (var page = first; page.NextCursor is { } cursor;)
        {
            page = await _client.GetOkAsync<ArticlePage>($"/articles?q=zebra&pageSize=4&cursor={Uri.EscapeDataString(cursor)}");
            names.AddRange(Names(page));
        }
        return names;
    }

    [Fact]
    public async Task Only_the_newest_matches_are_ranked_and_the_older_ones_follow_newest_first()
    {
        var byCursor = await WalkAsync(await _client.GetOkAsync<ArticlePage>("/articles?q=zebra&pageSize=4"));

        var byPage = new List<string>();
        for (var n = 1; n <= 10; n++) byPage.AddRange(Names(await _client.GetOkAsync<ArticlePage>($"/articles?q=zebra&pageSize=4&page={n}")));

        byCursor.Should().Equal(Expected());
        byPage.Should().Equal(byCursor);
        (await _client.GetOkAsync<ArticlePage>("/articles?q=zebra&pageSize=4&page=11")).Items.Should().BeEmpty();
        (await _client.GetOkAsync<ArticlePage>("/articles?q=zebra&pageSize=4")).TotalCount.Should().Be(40);
    }

    [Fact]
    public async Task A_cursor_keeps_its_window_through_an_import_mid_walk()
    {
        var first = await _client.GetOkAsync<ArticlePage>("/articles?q=zebra&pageSize=4");

        // Newer than the window (not part of this walk), inside its span (ranked with it), and older (listed after it).
        var walked = await WalkAsync(first, async () =>
        {
            var folder = Corpus.NewScratchFolder();
            WriteMatch(folder, 50, strong: false);
            WriteMatch(folder, 33.5, strong: false);
            WriteMatch(folder, 5.5, strong: false);
            (await _app.ImportAsync(folder)).Created.Should().Be(3);
        });

        walked.Should().Equal(Expected().Take(Window).Where(n => n != "day32.0").Append("day33.5").Append("day32.0")
            .Concat(Expected().Skip(Window).SelectMany(n => n == "day05.0" ? ["day05.5", n] : new[] { n })));
        walked.Should().OnlyHaveUniqueItems();
        Names(await _client.GetOkAsync<ArticlePage>("/articles?q=zebra&pageSize=50")).Should().Equal(Expected(50, 33.5, 5.5),
            "a new search has a new window: the ten newest matches now");
    }

    [Fact]
    public async Task Relevance_must_come_first_in_sort()
    {
        (await _client.GetBadRequestAsync("/articles?q=zebra&sort=-publishedDateTime,relevance", "sort")).Should().Contain("must come first");
        Names(await _client.GetOkAsync<ArticlePage>("/articles?q=zebra&sort=relevance,publishedDateTime&pageSize=50")).Should()
            .Equal(Expected().Take(Window).OrderBy(n => IsStrong(double.Parse(n[3..], System.Globalization.CultureInfo.InvariantCulture)) ? 0 : 1)
                .ThenBy(n => n, StringComparer.Ordinal).Concat(Expected().Skip(Window).Reverse()));
    }
}

public sealed class SqliteSearchRankWindowTests() : SearchRankWindowTests(Engine.Sqlite);

public sealed class PostgresSearchRankWindowTests() : SearchRankWindowTests(Engine.Postgres);
