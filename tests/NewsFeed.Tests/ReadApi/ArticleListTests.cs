using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data.Queries;
using NewsFeed.Api.Contracts;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// GET /articles over the committed sample corpus (1,436 visible articles plus one removed): every filter, sort and the search,
/// each checked against the database read directly.
/// </summary>
public abstract class ArticleListTests<TEngine>(CorpusFixture<TEngine> corpus) where TEngine : IEngineKind
{
    private readonly HttpClient _client = corpus.App.CreateClient();

    private async Task<List<Data.Entities.Article>> VisibleAsync(Func<IQueryable<Data.Entities.Article>, IQueryable<Data.Entities.Article>>? filter = null)
    {
        await using var db = corpus.App.CreateDbContext();
        var articles = db.Articles.AsNoTracking().Include(a => a.Topics).ThenInclude(t => t.Topic).Include(a => a.Provider)
            .Include(a => a.Images).Where(a => a.Removed != true);
        return await (filter is null ? articles : filter(articles)).AsSplitQuery().ToListAsync();
    }

    private static List<long> NewestFirst(IEnumerable<Data.Entities.Article> articles) =>
        [.. articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id)];

    private async Task<List<long>> AllIdsAsync(string query)
    {
        var page = await _client.GetOkAsync<ArticlePage>($"/articles?{query}&pageSize=100&fields=id");
        var ids = page.Items.Select(i => i.Id).ToList();
        while (page.NextCursor is { } cursor)
        {
            page = await _client.GetOkAsync<ArticlePage>($"/articles?{query}&pageSize=100&fields=id&cursor={Uri.EscapeDataString(cursor)}");
            ids.AddRange(page.Items.Select(i => i.Id));
        }
        return ids;
    }

    [Fact]
    public async Task The_default_list_is_every_visible_article_newest_first()
    {
        var page = await _client.GetOkAsync<ArticlePage>("/articles");

        page.Should().BeEquivalentTo(new { Page = 1, PageSize = 20, TotalCount = 1436, TotalCountIsExact = true, TotalPages = 72 });
        page.Items.Select(i => i.Id).Should().Equal(NewestFirst(await VisibleAsync()).Take(20));
        page.Items[0].Slug.Should().Be("2024-04-11-april-2024-alm-blog-whats-new-and-what-it-means-for-you");
        page.NextCursor.Should().NotBeNull();
        page.Facets.Should().BeNull();
    }

    [Fact]
    public async Task Walking_every_page_by_cursor_returns_every_visible_article_exactly_once_in_order()
    {
        var walked = await AllIdsAsync("sort=-publishedDateTime");

        walked.Should().HaveCount(1436).And.OnlyHaveUniqueItems();
        walked.Should().Equal(NewestFirst(await VisibleAsync()));
    }

    [Fact]
    public async Task Page_and_cursor_paging_agree()
    {
        var byPage = new List<long>();
        for (var n = 1; n <= 4; n++)
            byPage.AddRange((await _client.GetOkAsync<ArticlePage>($"/articles?sort=title&pageSize=7&page={n}")).Items.Select(i => i.Id));

        var byCursor = new List<long>();
        var page = await _client.GetOkAsync<ArticlePage>("/articles?sort=title&pageSize=7");
        byCursor.AddRange(page.Items.Select(i => i.Id));
        for (var n = 2; n <= 4; n++)
        {
            page = await _client.GetOkAsync<ArticlePage>($"/articles?sort=title&pageSize=7&cursor={Uri.EscapeDataString(page.NextCursor!)}");
            page.Page.Should().BeNull();
            byCursor.AddRange(page.Items.Select(i => i.Id));
        }

        byCursor.Should().Equal(byPage);
        var titles = (await VisibleAsync()).OrderBy(a => a.Title, StringComparer.Ordinal).ThenBy(a => a.Id).Select(a => a.Id).Take(28);
        byPage.Should().Equal(titles);
    }

    [Fact]
    public async Task Mixed_direction_sorts_page_by_cursor_in_the_same_order()
    {
        var walked = await AllIdsAsync("sort=-quality,publishedDateTime&topic=AI");

        var expected = (await VisibleAsync(q => q.Where(a => a.Topics.Any(t => t.Topic!.Key == "ai"))))
            .OrderByDescending(a => a.Quality ?? int.MinValue).ThenBy(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id);
        walked.Should().Equal(expected);
    }

    [Fact]
    public async Task Heat_sorts_ascending_with_missing_values_first_and_ties_by_id()
    {
        var page = await _client.GetOkAsync<ArticlePage>("/articles?sort=heat&pageSize=50");

        var expected = (await VisibleAsync()).OrderBy(a => a.Heat ?? int.MinValue).ThenBy(a => a.Id).Select(a => a.Id).Take(50);
        page.Items.Select(i => i.Id).Should().Equal(expected);
    }

    [Fact]
    public async Task The_seed_is_listed_with_every_summary_field()
    {
        var page = await _client.GetOkAsync<ArticlePage>("/articles?provider=wsj.com&topic=AI");

        var seed = page.Items.Should().ContainSingle().Subject;
        seed.Should().BeEquivalentTo(new
        {
            Slug = Http.SeedSlug,
            Title = "Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban",
            PublishedDateTime = new DateTime(2021, 12, 10, 14, 30, 0, DateTimeKind.Utc),
            WebUrl = "https://www.wsj.com/articles/chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban-11639150211",
            OriginalUrl = "https://www.wsj.com/articles/chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban-11639150211",
            AmpWebUrl = "https://www.wsj.com/amp/articles/chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban-11639150211",
            Provider = new { Name = "Wall Street Journal", Domain = "wsj.com" },
            Topics = (string[])["AI"],
            Heat = -1, Type = "article", Category = "news", Quality = 87, Published = false, Removed = false, RelatedCount = 8,
            Snippet = (string?)null,
        });
        seed.Images.Should().ContainSingle().Which.Should().Be(new Image("https://images.wsj.net/im-449875/social", 1280, 640, true, null));
        seed.Excerpt.Should().StartWith("Artificial-intelligence company SenseTime Group");
    }

    [Fact]
    public async Task Search_finds_the_seed_by_two_words_and_ranks_it_first_with_a_highlighted_snippet()
    {
        var page = await _client.GetOkAsync<ArticlePage>("/articles?q=SenseTime%20IPO");

        page.Items.Should().NotBeEmpty();
        page.Items[0].Slug.Should().Be(Http.SeedSlug);
        page.Items[0].Snippet.Should().Contain("<mark>SenseTime</mark>").And.Contain("<mark>IPO</mark>");
        page.TotalCount.Should().Be(page.Items.Count);
        page.TotalCountIsExact.Should().BeTrue();
    }

    [Fact]
    public async Task Search_syntax_phrases_exclusions_and_or_combine_as_documented()
    {
        async Task<HashSet<long>> Ids(string q) => [.. await AllIdsAsync($"q={Uri.EscapeDataString(q)}")];

        var kubernetes = await Ids("kubernetes");
        var serverless = await Ids("serverless");
        var both = await Ids("kubernetes serverless");
        var either = await Ids("kubernetes OR serverless");
        var without = await Ids("kubernetes -serverless");
        var phrase = await Ids("\"machine learning\"");
        var words = await Ids("machine learning");

        kubernetes.Should().NotBeEmpty();
        serverless.Should().NotBeEmpty();
        both.Should().BeEquivalentTo(kubernetes.Intersect(serverless));
        either.Should().BeEquivalentTo(kubernetes.Union(serverless));
        without.Should().BeEquivalentTo(kubernetes.Except(serverless));
        phrase.Should().NotBeEmpty().And.BeSubsetOf(words);
        (await Ids("kubernetes")).Should().BeEquivalentTo(await Ids("Kubernetes"), "search ignores case");
    }

    [Fact]
    public async Task A_search_ranks_its_newest_matches_and_lists_the_older_ones_newest_first()
    {
        var window = corpus.App.Services.GetRequiredService<ReadOptions>().SearchRankWindow;

        var byRelevance = await AllIdsAsync("q=cloud");
        var byDate = await AllIdsAsync("q=cloud&sort=-publishedDateTime");

        byDate.Should().HaveCountGreaterThan(window, "the corpus has more matches than the window holds");
        byRelevance.Should().HaveCount(byDate.Count).And.OnlyHaveUniqueItems();
        byRelevance.Take(window).Should().BeEquivalentTo(byDate.Take(window)).And.NotEqual(byDate.Take(window), "the window is ranked");
        byRelevance.Skip(window).Should().Equal(byDate.Skip(window));
    }

    [Fact]
    public async Task Search_combines_with_filters_and_can_be_sorted_by_date()
    {
        var all = await AllIdsAsync("q=security");
        var filtered = await AllIdsAsync("q=security&topic=AI&sort=-publishedDateTime");

        var ai = (await VisibleAsync(q => q.Where(a => a.Topics.Any(t => t.Topic!.Key == "ai")))).ToDictionary(a => a.Id);
        filtered.Should().NotBeEmpty().And.BeEquivalentTo(all.Where(ai.ContainsKey));
        filtered.Should().Equal(NewestFirst(filtered.Select(id => ai[id])));
    }

    [Fact]
    public async Task Topic_matches_by_name_in_any_case_and_by_slug()
    {
        var byName = await AllIdsAsync("topic=AI");
        var bySlug = await AllIdsAsync("topic=ai");
        var byMultiWordSlug = await AllIdsAsync("topic=power-apps");
        var byMultiWordName = await AllIdsAsync("topic=Power%20Apps");

        byName.Should().HaveCount(165).And.Equal(bySlug);
        byName.Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Topics.Any(t => t.Topic!.Name == "AI")))));
        byMultiWordSlug.Should().HaveCount(670).And.Equal(byMultiWordName);
    }

    [Fact]
    public async Task Repeated_filters_match_any_of_their_values()
    {
        var topics = await AllIdsAsync("topic=AI&topic=Blockchain");
        var providers = await AllIdsAsync("provider=wsj.com&provider=zdnet.com");

        topics.Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Topics.Any(t => t.Topic!.Key == "ai" || t.Topic!.Key == "blockchain")))));
        providers.Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Provider!.Domain == "wsj.com" || a.Provider!.Domain == "zdnet.com"))));
        providers.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Category_and_type_filter_by_exact_value()
    {
        (await AllIdsAsync("type=video")).Should().HaveCount(12)
            .And.Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Type == "video"))));
        (await AllIdsAsync("category=news&type=article")).Should()
            .Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Category == "news" && a.Type == "article"))));
    }

    [Fact]
    public async Task A_date_only_to_includes_that_whole_day_and_from_is_inclusive()
    {
        var day = await AllIdsAsync("from=2021-12-10&to=2021-12-10");
        var untilJustBefore = await AllIdsAsync("from=2021-12-10&to=2021-12-10T14:29:59Z");
        var exactInstant = await AllIdsAsync("from=2021-12-10T14:30:00Z&to=2021-12-10T14:30:00%2B00:00");

        var start = new DateTime(2021, 12, 10, 0, 0, 0, DateTimeKind.Utc);
        day.Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.PublishedAt >= start && a.PublishedAt < start.AddDays(1)))));
        var seedId = (await VisibleAsync(q => q.Where(a => a.Slug == Http.SeedSlug))).Single().Id;
        day.Should().Contain(seedId);
        untilJustBefore.Should().NotContain(seedId);
        exactInstant.Should().Contain(seedId);
    }

    [Fact]
    public async Task Quality_heat_published_and_image_filters_match_the_stored_values()
    {
        (await AllIdsAsync("minQuality=80")).Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Quality >= 80))));
        (await AllIdsAsync("minHeat=1")).Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Heat >= 1))));
        (await AllIdsAsync("published=true")).Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Published == true))));
        (await AllIdsAsync("published=false")).Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => a.Published == false))));
        (await AllIdsAsync("hasImage=false")).Should().Equal(NewestFirst(await VisibleAsync(q => q.Where(a => !a.Images.Any()))));
        (await AllIdsAsync("hasImage=true")).Should().HaveCount(1436 - (await VisibleAsync(q => q.Where(a => !a.Images.Any()))).Count);
    }

    [Fact]
    public async Task Removed_articles_are_hidden_unless_asked_for()
    {
        var hidden = await _client.GetOkAsync<ArticlePage>("/articles?q=coca-cola%20cloud&fields=slug");
        var shown = await _client.GetOkAsync<ArticlePage>("/articles?q=coca-cola%20cloud&includeRemoved=true");

        const string removed = "2020-05-26-amazon-stock-is-the-coca-cola-of-cloud-computing";
        hidden.Items.Should().NotContain(i => i.Slug == removed);
        shown.Items.Should().ContainSingle(i => i.Slug == removed).Which.Removed.Should().BeTrue();
        (await _client.GetOkAsync<ArticlePage>("/articles?includeRemoved=true&pageSize=1")).TotalCount.Should().Be(1437);
    }

    [Fact]
    public async Task Fields_returns_only_the_asked_for_fields()
    {
        var page = await _client.GetJsonAsync("/articles?fields=id,title,webUrl&pageSize=3");

        foreach (var item in page.GetProperty("items").EnumerateArray())
            item.EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(["id", "title", "webUrl"]).And.Contain(["id", "title"]);
        page.GetProperty("totalCount").GetInt64().Should().Be(1436);
    }

    [Fact]
    public async Task Facets_count_every_matching_article_by_topic_provider_and_type()
    {
        var page = await _client.GetOkAsync<ArticlePage>("/articles?topic=AI&facets=topic,provider,type&pageSize=1");

        var ai = await VisibleAsync(q => q.Where(a => a.Topics.Any(t => t.Topic!.Key == "ai")));
        var topics = ai.SelectMany(a => a.Topics.Select(t => t.Topic!)).GroupBy(t => t.Slug).ToDictionary(g => g.Key, g => (long)g.Count());
        page.Facets!.Topic!.Should().HaveCount(topics.Count).And.BeInDescendingOrder(f => f.Count);
        page.Facets.Topic!.ToDictionary(f => f.Value, f => f.Count).Should().Equal(topics);
        page.Facets.Topic![0].Should().Be(new FacetValue("ai", "AI", 165));
        page.Facets.Provider![0].Should().Be(new FacetValue("microsoft.com", "Microsoft", ai.Count(a => a.Provider?.Domain == "microsoft.com")));
        page.Facets.Provider!.Sum(f => f.Count).Should().Be(ai.Count(a => a.Provider is not null));
        page.Facets.Type!.ToDictionary(f => f.Value, f => f.Count).Should()
            .Equal(ai.Where(a => a.Type is not null).GroupBy(a => a.Type!).ToDictionary(g => g.Key, g => (long)g.Count()));
    }

    [Fact]
    public async Task Link_header_names_first_prev_next_and_last_pages()
    {
        using var response = await _client.GetAsync(new Uri("/articles?topic=AI&pageSize=50&page=2", UriKind.Relative));
        var link = string.Join(", ", response.Headers.GetValues("Link"));

        link.Should().Be("</articles?topic=AI&pageSize=50>; rel=\"first\", </articles?topic=AI&pageSize=50&page=1>; rel=\"prev\", " +
            "</articles?topic=AI&pageSize=50&page=3>; rel=\"next\", </articles?topic=AI&pageSize=50&page=4>; rel=\"last\"");

        using var byCursor = await _client.GetAsync(new Uri("/articles?topic=AI&pageSize=50", UriKind.Relative));
        var page = await byCursor.ReadAsync<ArticlePage>();
        using var second = await _client.GetAsync(new Uri($"/articles?topic=AI&pageSize=50&cursor={page!.NextCursor}", UriKind.Relative));
        string.Join(", ", second.Headers.GetValues("Link")).Should().StartWith("</articles?topic=AI&pageSize=50>; rel=\"first\", </articles?topic=AI&pageSize=50&cursor=");
    }

    [Fact]
    public async Task UpdatedSince_returns_what_changed_after_the_instant_by_change_time()
    {
        await using var db = corpus.App.CreateDbContext();
        var stamps = await db.Articles.Where(a => a.Removed != true).Select(a => new { a.Id, a.UpdatedAt }).ToListAsync();
        var middle = stamps.Select(s => s.UpdatedAt).Order().ElementAt(stamps.Count / 2);

        var changed = await AllIdsAsync($"updatedSince={middle:yyyy-MM-ddTHH:mm:ss.fffffffZ}");

        changed.Should().Equal(stamps.Where(s => s.UpdatedAt > middle).OrderBy(s => s.UpdatedAt).ThenBy(s => s.Id).Select(s => s.Id));
        changed.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_cursor_for_another_sort_or_filter_is_refused()
    {
        var page = await _client.GetOkAsync<ArticlePage>("/articles?sort=title&pageSize=5");

        (await _client.GetBadRequestAsync($"/articles?sort=-title&pageSize=5&cursor={page.NextCursor}", "cursor"))
            .Should().Contain("different query");
        (await _client.GetBadRequestAsync($"/articles?sort=title&topic=AI&pageSize=5&cursor={page.NextCursor}", "cursor"))
            .Should().Contain("different query");
    }
}

[Collection(SqliteApiCorpus.Name)]
public sealed class SqliteArticleListTests(CorpusFixture<OnSqlite> corpus) : ArticleListTests<OnSqlite>(corpus);

[Collection(PostgresApiCorpus.Name)]
public sealed class PostgresArticleListTests(CorpusFixture<OnPostgres> corpus) : ArticleListTests<OnPostgres>(corpus);
