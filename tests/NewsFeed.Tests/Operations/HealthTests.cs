using System.Net;
using System.Net.Http.Json;
using NewsFeed.Api.Health;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Operations;

/// <summary>/health/live answers while the process runs; /health/ready only while the database answers and is migrated.</summary>
public abstract class HealthTests(Engine engine)
{
    private static readonly Dictionary<string, string?> NoMigration = new() { ["Database:MigrateOnStartup"] = "false" };

    [Fact]
    public async Task Both_probes_answer_200_on_a_migrated_database()
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        (await live.Content.ReadFromJsonAsync<HealthResponse>())!.Status.Should().Be("Healthy");

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.Headers.CacheControl!.NoStore.Should().BeTrue("a cached probe answer would hide an outage");
        var body = (await ready.Content.ReadFromJsonAsync<HealthResponse>())!;
        body.Status.Should().Be("Healthy");
        body.Checks.Should().ContainSingle(c => c.Name == "database" && c.Status == "Healthy");
    }

    [Fact]
    public async Task Ready_answers_503_on_a_database_that_is_not_migrated()
    {
        await using var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine), NoMigration);
        using var client = app.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        var check = (await NotReadyAsync(ready)).Checks.Should().ContainSingle().Subject;
        check.Status.Should().Be("Unhealthy");
        check.Description.Should().Contain("migration").And.Contain("MigrateOnStartup");
    }

    [Fact]
    public async Task Ready_answers_503_and_live_200_when_the_database_is_unreachable()
    {
        await using var app = new NewsFeedApp(UnreachableDatabase.On(engine), NoMigration);
        using var client = app.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "liveness never depends on the database");
        var ready = await client.GetAsync("/health/ready");
        var check = (await NotReadyAsync(ready)).Checks.Should().ContainSingle().Subject;
        check.Description.Should().Contain("unreachable");
    }

    /// <summary>A 503 problem like every error, carrying the probe's outcome (<c>health</c>) and its checks.</summary>
    private sealed record NotReady(int Status, string Detail, string Health, List<HealthCheckResponse> Checks);

    private static async Task<NotReady> NotReadyAsync(HttpResponseMessage ready)
    {
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        ready.Headers.RetryAfter.Should().NotBeNull();
        var body = (await ready.Content.ReadFromJsonAsync<NotReady>())!;
        body.Should().BeEquivalentTo(new { Status = 503, Health = "Unhealthy" });
        body.Detail.Should().StartWith("database: ");
        return body;
    }

    [Fact]
    public async Task The_healthcheck_command_probes_a_running_api_over_http()
    {
        await using var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine));
        app.StartKestrel();
        var address = app.ClientOptions.BaseAddress;

        (await NewsFeed.Api.Cli.CommandLine.RunAsync(["healthcheck", new Uri(address, "/health/live").ToString()])).Should().Be(0);
        (await NewsFeed.Api.Cli.CommandLine.RunAsync(["healthcheck", new Uri(address, "/no-such-probe").ToString()])).Should().Be(1);
    }
}

public sealed class SqliteHealthTests() : HealthTests(Engine.Sqlite);

public sealed class PostgresHealthTests() : HealthTests(Engine.Postgres);
