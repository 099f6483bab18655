using System.Net;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// Reads with the response cache off, as an instance that serves many different queries runs: nothing is decided
/// before the query, so the query's own first command reads the data version. That version must label the answer
/// exactly as one read on its own does (an If-None-Match with the ETag is a 304) and move with an import.
/// </summary>
public abstract class UncachedReadTests(Engine engine) : IAsyncLifetime
{
    protected static readonly string AzureArticle = Path.Combine(Corpus.Azure, "2019-10-23-start-building-with-azure-cognitive-services-for-free.md");
    private NewsFeedApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["ReadApi:ResponseCacheEnabled"] = "false" });
        await _app.ImportAsync(RepoPaths.SeedFile);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/articles")]
    [InlineData("/articles?topic=AI&pageSize=1")]
    [InlineData("/articles?q=SenseTime")]
    [InlineData("/articles/" + Http.SeedSlug)]
    [InlineData("/topics")]
    [InlineData("/feeds/json")]
    public async Task The_version_read_by_the_query_labels_the_answer_and_moves_with_an_import(string url)
    {
        using var first = await _client.GetAsync(new Uri(url, UriKind.Relative));
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var etag = first.Headers.ETag!;

        using (var again = await _client.GetAsync(url, r => r.Headers.IfNoneMatch.Add(etag)))
        {
            again.StatusCode.Should().Be(HttpStatusCode.NotModified, "the version peeked at first is the one the query read");
            again.Headers.ETag.Should().Be(etag);
        }

        (await _app.ImportAsync(AzureArticle)).Created.Should().Be(1);
        using var after = await _client.GetAsync(url, r => r.Headers.IfNoneMatch.Add(etag));
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the import changed the data version");
        after.Headers.ETag.Should().NotBe(etag);
    }
}

public sealed class SqliteUncachedReadTests() : UncachedReadTests(Engine.Sqlite);

public sealed class PostgresUncachedReadTests() : UncachedReadTests(Engine.Postgres)
{
    /// <summary>
    /// On PostgreSQL a list request is one command, one round trip: the data version, the page with its summaries
    /// (topics, images, logos, a search's snippets) and the planner's estimate of the total; but for a search ranked by
    /// relevance (whose page may need a second statement), the same command ends the snapshot. Counted from Npgsql's own trace of the commands
    /// it sends for this test's database (<see cref="CommandTrace"/>), so other tests' commands are not counted. SQLite has no round trips to count.
    /// </summary>
    [Theory]
    [InlineData("/articles?topic=AI")]      // the last page: its total is known from the page itself
    [InlineData("/articles?pageSize=1")]    // another page follows: the total is the planner's estimate (limit 0: always)
    [InlineData("/articles?q=SenseTime")]   // a search ranked by relevance: its snippets come with the page's summaries
    public async Task An_uncached_list_request_is_one_command(string url)
    {
        await using var app = await NewsFeedApp.StartAsync(Engine.Postgres, new Dictionary<string, string?>
        {
            ["ReadApi:ResponseCacheEnabled"] = "false",
            ["ReadApi:ExactCountLimit"] = "0",
        });
        await app.ImportAsync(RepoPaths.SeedFile, AzureArticle);
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "a first request warms the app up");

        using var trace = new CommandTrace(app.Database.ConnectionString);

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag.Should().NotBeNull();
        trace.Commands.Should().ContainSingle($"the request's statements go in one command: {string.Join("\n---\n", trace.Commands)}");
        if (!url.Contains("q=", StringComparison.Ordinal))
            trace.Commands[0].Should().EndWith(";COMMIT", "the command ends the snapshot, so no ROLLBACK follows in a round trip of its own");
    }
}
