using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Operations;

/// <summary>The log as an operator reads it: one structured line per request, tied to the response by its trace id, and no secrets.</summary>
public abstract class RequestLogTests(Engine engine)
{
    private const string ApiKey = "secret-test-key-123-0b6e2f9d4a71c853";

    [Fact]
    public async Task Each_request_gets_one_line_with_method_path_status_elapsed_and_the_trace_id_of_its_problem_details()
    {
        var log = new LogCapture();
        await using var app = await LoggedApp.StartAsync(engine, log, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" });
        using var client = app.CreateClient();

        var response = await client.GetAsync("/no-such-page");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var traceId = problem.GetProperty("traceId").GetString();
        traceId.Should().MatchRegex("^[0-9a-f]{32}$");

        var line = await log.RequestLineAsync("/no-such-page");
        line.GetProperty("RequestMethod").GetString().Should().Be("GET");
        line.GetProperty("StatusCode").GetInt32().Should().Be(404);
        line.GetProperty("Elapsed").GetDouble().Should().BePositive();
        line.GetProperty("TraceId").GetString().Should().Be(traceId);
        line.GetProperty("@tr").GetString().Should().Be(traceId, "the W3C trace id on the event is the same one");
        line.GetProperty("@m").GetString().Should().StartWith("HTTP GET /no-such-page responded 404 in ").And.EndWith($"(trace {traceId})");
        log.RequestLines("/no-such-page").Should().HaveCount(1);
    }

    [Fact]
    public async Task The_api_key_never_reaches_the_log_even_at_the_most_verbose_level()
    {
        var log = new LogCapture();
        await using var app = await LoggedApp.StartAsync(engine, log, new Dictionary<string, string?>
        {
            ["Import:ApiKeys:0"] = ApiKey,
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        await client.GetAsync("/health/ready");
        await client.GetAsync("/no-such-page");
        await client.PostAsJsonAsync("/import", new { path = "nowhere", dryRun = true });
        foreach (var path in new[] { "/health/ready", "/no-such-page", "/import" }) await log.RequestLineAsync(path);

        log.Events.Select(e => e.TryGetProperty("@l", out var level) ? level.GetString() : "Information")
            .Should().Contain("Verbose", "the test must see the chattiest level");
        log.Text.Should().NotContain(ApiKey);
    }
}

public sealed class SqliteRequestLogTests() : RequestLogTests(Engine.Sqlite);

public sealed class PostgresRequestLogTests() : RequestLogTests(Engine.Postgres);
