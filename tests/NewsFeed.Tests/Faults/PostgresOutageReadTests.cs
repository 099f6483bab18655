using System.Net;
using FluentAssertions.Execution;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Faults;

/// <summary>
/// PostgreSQL down for ten seconds under reads: every read answers 503 problem details with Retry-After (never a 500),
/// and the first read after the server is back answers 200.
/// </summary>
public sealed class PostgresOutageReadTests(FaultCluster cluster) : IClassFixture<FaultCluster>
{
    private static readonly string[] Reads = ["/articles", "/topics", "/providers"];

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reads_answer_503_with_retry_after_while_the_database_is_down_and_200_once_it_is_back()
    {
        // No response cache: a cached answer during the outage would be fine, but this test is about the database path.
        await using var app = new NewsFeedApp(await cluster.Server.NewDatabaseAsync(),
            new Dictionary<string, string?>
            {
                ["ReadApi:ResponseCacheEnabled"] = "false",
                // Every failed query during the outage would otherwise log a stack trace into the test output.
                ["Serilog:MinimumLevel:Default"] = "Fatal",
            });
        await app.ImportAsync(RepoPaths.SeedFile);
        using var client = app.CreateClient();
        foreach (var path in Reads) (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);

        await cluster.Server.StopAsync();
        var during = new List<string>();
        var until = DateTime.UtcNow + Outage;
        for (var i = 0; DateTime.UtcNow < until; i++)
        {
            var path = Reads[i % Reads.Length];
            using var response = await client.GetAsync(path);
            during.Add($"{path} {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} retry-after={response.Headers.RetryAfter}");
            await Task.Delay(200);
        }
        await cluster.Server.StartAgainAsync();
        var after = new List<string>();
        foreach (var path in Reads)
        {
            using var response = await client.GetAsync(path);
            after.Add($"{path} {(int)response.StatusCode}");
        }

        using var _ = new AssertionScope();
        during.Should().NotBeEmpty().And.OnlyContain(r => r.Contains(" 503 application/problem+json retry-after=", StringComparison.Ordinal)
            && !r.EndsWith('='), "every read during the outage is a 503 problem with Retry-After");
        after.Should().Equal(Reads.Select(p => $"{p} 200"));
    }
}
