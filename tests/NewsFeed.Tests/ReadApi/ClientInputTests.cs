using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// Input that ordinary clients send (empty form fields, far dates, NUL characters) is answered as the client meant it
/// or refused with a 400 problem: never a 500.
/// </summary>
public abstract class ClientInputTests<TEngine>(CorpusFixture<TEngine> corpus) where TEngine : IEngineKind
{
    private readonly HttpClient _client = corpus.App.CreateClient();

    [Theory]
    [InlineData("/articles?topic=")]
    [InlineData("/articles?topic")]
    [InlineData("/articles?provider=%20")]
    [InlineData("/articles?category=&type=%09")]
    [InlineData("/articles?q=&from=&to=%20&updatedSince=&sort=&cursor=&fields=&facets=&minQuality=&page=")]
    public async Task An_empty_or_blank_filter_counts_as_absent(string url)
    {
        var unfiltered = await _client.GetJsonAsync("/articles");
        var answer = await _client.GetJsonAsync(url);
        answer.GetProperty("totalCount").GetInt64().Should().Be(unfiltered.GetProperty("totalCount").GetInt64());
        answer.GetProperty("items")[0].GetProperty("id").GetInt64().Should().Be(unfiltered.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("/feeds/rss?topic=", "application/rss+xml")]
    [InlineData("/feeds/atom?provider=%20", "application/atom+xml")]
    [InlineData("/feeds/json?topic", "application/feed+json")]
    [InlineData("/export?topic=&provider=%20&from=&q=SenseTime", "application/gzip")]
    public async Task Feeds_and_export_take_blank_filters_as_absent(string url, string mediaType)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
    }

    [Theory]
    [InlineData("/articles?to=9999-12-31")]
    [InlineData("/articles?from=0001-01-01")]
    [InlineData("/articles?from=0001-01-01&to=9999-12-31&updatedSince=0001-01-01T00:00:00Z")]
    [InlineData("/articles?to=9999-12-31T23:59:59.9999999Z")]
    public async Task Date_bounds_reach_the_first_and_last_representable_days(string url)
    {
        var unfiltered = await _client.GetJsonAsync("/articles");
        (await _client.GetJsonAsync(url)).GetProperty("totalCount").GetInt64().Should().Be(unfiltered.GetProperty("totalCount").GetInt64());
    }

    // The filters read an instant with the same rules as a file's publishedDateTime: one definition of an ISO date.
    [Theory]
    [InlineData("from=2021-12-10%2014:30:00Z", "from=2021-12-10T14:30:00Z")]
    [InlineData("to=2021-12-10%2014:30:00%20%2B01:00", "to=2021-12-10T13:30:00Z")]
    [InlineData("updatedSince=2021-12-10%2014:30", "updatedSince=2021-12-10T14:30:00Z")]
    public async Task A_filter_reads_a_date_time_written_as_a_file_may_write_it(string asInAFile, string canonical)
    {
        var expected = await _client.GetJsonAsync($"/articles?{canonical}");
        (await _client.GetJsonAsync($"/articles?{asInAFile}")).GetProperty("totalCount").GetInt64()
            .Should().Be(expected.GetProperty("totalCount").GetInt64());
    }

    [Theory]
    [InlineData("/articles?q=a%00b", "q")]
    [InlineData("/articles?topic=AI%00", "topic")]
    [InlineData("/articles?provider=%00", "provider")]
    [InlineData("/articles?category=news&category=%00x", "category")]
    [InlineData("/providers?q=wsj%00", "q")]
    [InlineData("/feeds/json?topic=%00", "topic")]
    [InlineData("/export?q=%00", "q")]
    [InlineData("/articles?cursor=%00", "cursor")]
    public async Task A_nul_in_any_query_parameter_is_a_400_naming_it(string url, string parameter)
    {
        (await _client.GetBadRequestAsync(url, parameter)).Should().Contain("NUL");
    }

    [Fact]
    public async Task A_cursor_whose_title_holds_a_nul_is_a_400_naming_the_cursor()
    {
        var page = await _client.GetJsonAsync("/articles?sort=title&pageSize=2");
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(page.GetProperty("nextCursor").GetString()!))!;
        payload["K"]![0] = "Azure\0";
        var forged = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));

        (await _client.GetBadRequestAsync($"/articles?sort=title&pageSize=2&cursor={forged}", "cursor")).Should().Contain("malformed");
    }

    [Theory]
    [InlineData("/providers?page=2147483647")]
    [InlineData("/providers?page=2147483647&pageSize=100&q=com")]
    [InlineData("/articles?page=2147483647&pageSize=100")]
    public async Task The_last_page_number_there_is_answers_an_empty_page(string url)
    {
        var page = await _client.GetJsonAsync(url);
        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task A_blank_provider_domain_is_a_404_problem()
    {
        using var response = await _client.GetAsync(new Uri("/providers/%20", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    /// <summary>
    /// A feed is always newest first and has no next page: a cursor (made for another order by /articles) or a sort it
    /// would ignore is refused by name. A title cursor once reached PostgreSQL as a date comparison: a 500.
    /// </summary>
    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    [InlineData("json")]
    public async Task A_feed_refuses_a_cursor_and_a_sort_by_name(string feed)
    {
        var cursor = (await _client.GetJsonAsync("/articles?sort=title&pageSize=2")).GetProperty("nextCursor").GetString();
        foreach (var (query, name) in new[] { ($"cursor={cursor}", "cursor"), ("sort=title", "sort"), ($"sort=title&cursor={cursor}", "cursor") })
        {
            using var response = await _client.GetAsync(new Uri($"/feeds/{feed}?{query}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body[..Math.Min(body.Length, 300)]);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(name, out _).Should().BeTrue(body);
        }
    }

    [Theory]
    [InlineData("/feeds/json?pageSize=0")]
    [InlineData("/feeds/rss?sort=bogus")]
    [InlineData("/feeds/atom?topics=AI")]
    public async Task Feed_errors_are_problem_details_not_feeds(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}

[Collection(SqliteApiCorpus.Name)]
public sealed class SqliteClientInputTests(CorpusFixture<OnSqlite> corpus) : ClientInputTests<OnSqlite>(corpus);

[Collection(PostgresApiCorpus.Name)]
public sealed class PostgresClientInputTests(CorpusFixture<OnPostgres> corpus) : ClientInputTests<OnPostgres>(corpus);
