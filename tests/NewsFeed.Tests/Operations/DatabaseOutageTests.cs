using System.Net;
using System.Text.Json;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Operations;

/// <summary>
/// A database that cannot be reached is the server's trouble, not the client's and not a bug: every endpoint that
/// needs it answers 503 problem details with Retry-After, so clients and load balancers know to come back.
/// </summary>
public abstract class DatabaseOutageTests(Engine engine)
{
    private const string ApiKey = "outage-test-key-9a4f1c7e3b2d8065a1";

    public static TheoryData<string> Reads() =>
    [
        "/articles", "/articles?q=azure", "/articles/1", "/articles/some-slug/related", "/articles/1/source", "/topics", "/topics/ai",
        "/providers", "/providers/wsj.com", "/feeds/rss", "/feeds/atom", "/feeds/json", "/export", "/imports", "/imports/0123456789abcdef",
    ];

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Every_read_answers_503_problem_details_with_retry_after(string url)
    {
        await using var app = new NewsFeedApp(UnreachableDatabase.On(engine), new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Import:ApiKeys:0"] = ApiKey,
        });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter!.Delta.Should().BePositive();
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(503);
        problem.RootElement.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
        problem.RootElement.GetProperty("detail").GetString().Should().NotContain("Host=").And.NotContain("Data Source");
    }
}

public sealed class SqliteDatabaseOutageTests() : DatabaseOutageTests(Engine.Sqlite);

public sealed class PostgresDatabaseOutageTests() : DatabaseOutageTests(Engine.Postgres);
