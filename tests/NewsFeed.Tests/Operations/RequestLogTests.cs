using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_refused_import_is_logged_at_warning_with_its_real_status_and_no_stack_trace()
    {
        var log = new LogCapture();
        await using var app = await LoggedApp.StartAsync(engine, log, new Dictionary<string, string?> { ["Import:ApiKeys:0"] = ApiKey });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var response = await client.PostAsJsonAsync("/import", new { nothing = "here" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var line = await log.RequestLineAsync("/import");
        line.GetProperty("StatusCode").GetInt32().Should().Be(400);
        line.GetProperty("@l").GetString().Should().Be("Warning");
        line.TryGetProperty("@x", out _).Should().BeFalse("a refusal is not a failure of the server");
        log.Text.Should().NotContain(nameof(NewsFeed.Api.Imports.ImportRefusedException), "no stack trace of the refusal is logged");
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_problem_with_the_trace_id_logged_at_error()
    {
        var log = new LogCapture();
        await using var app = await LoggedApp.StartAsync(engine, log, new Dictionary<string, string?>(),
            s => s.Configure<MvcOptions>(o => o.Filters.Add(new ThrowingFilter())));
        using var client = app.CreateClient();

        var response = await client.GetAsync("/topics");
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var traceId = problem.GetProperty("traceId").GetString();
        traceId.Should().MatchRegex("^[0-9a-f]{32}$");
        problem.GetProperty("detail").GetString().Should().NotContain(ThrowingFilter.Message, "internals stay in the log");

        var line = await log.RequestLineAsync("/topics");
        line.GetProperty("StatusCode").GetInt32().Should().Be(500);
        line.GetProperty("@l").GetString().Should().Be("Error");
        log.Text.Should().Contain(ThrowingFilter.Message, "the log keeps what went wrong");
    }

    /// <summary>A fault injected into the real pipeline: every action throws what no handler knows.</summary>
    private sealed class ThrowingFilter : IActionFilter
    {
        public const string Message = "injected fault 7f3a";

        public void OnActionExecuting(ActionExecutingContext context) => throw new InvalidOperationException(Message);

        public void OnActionExecuted(ActionExecutedContext context)
        {
        }
    }
}

public sealed class SqliteRequestLogTests() : RequestLogTests(Engine.Sqlite);

public sealed class PostgresRequestLogTests() : RequestLogTests(Engine.Postgres);
