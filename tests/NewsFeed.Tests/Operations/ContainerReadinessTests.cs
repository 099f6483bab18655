using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using NewsFeed.Data;
using NewsFeed.Tests.Infrastructure;
using Npgsql;

namespace NewsFeed.Tests.Operations;

/// <summary>
/// What an operator meets first when the container starts: a quiet log on a fresh database, an import key that cannot
/// be guessed, and Swagger UI at the root of the site.
/// </summary>
public abstract class ContainerReadinessTests(Engine engine)
{
    private const string LongEnoughKey = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Migrating_a_fresh_database_at_start_up_logs_no_error()
    {
        var log = new LogCapture();
        await using var app = await LoggedApp.StartAsync(engine, log, new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Information",
        });

        log.Events.Should().Contain(e => e.GetProperty("@m").GetString()!.Contains("__EFMigrationsHistory"),
            "the test must see EF's commands on the migration history");
        log.Events.Where(e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal")
            .Select(e => e.GetProperty("@m").GetString()).Should().BeEmpty("an operator reads an error as a failure");
    }

    [Fact]
    public async Task The_root_redirects_to_swagger_ui()
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var swaggerUi = await client.GetAsync(response.Headers.Location);
        swaggerUi.StatusCode.Should().Be(HttpStatusCode.OK);
        (await swaggerUi.Content.ReadAsStringAsync()).Should().Contain("swagger-ui").And.Contain("NewsFeed API");
    }

    [Fact]
    public async Task A_configured_api_key_shorter_than_32_characters_stops_the_start_naming_the_setting_but_not_the_key()
    {
        const string shortKey = "change-this-key";
        await using var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine), new Dictionary<string, string?>
        {
            ["Import:ApiKeys:0"] = LongEnoughKey,
            ["Import:ApiKeys:1"] = shortKey,
        });

        var start = () => app.Server;

        var refusal = start.Should().Throw<OptionsValidationException>().Which;
        refusal.Message.Should().Contain("Import:ApiKeys:1").And.Contain("15 characters").And.Contain("at least 32")
            .And.NotContain(shortKey);
    }

    [Fact]
    public async Task A_key_of_32_characters_opens_http_imports()
    {
        await using var app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["Import:ApiKeys:0"] = LongEnoughKey });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", LongEnoughKey);

        var response = await client.GetAsync("/imports");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class SqliteContainerReadinessTests() : ContainerReadinessTests(Engine.Sqlite);

public sealed class PostgresContainerReadinessTests() : ContainerReadinessTests(Engine.Postgres)
{
    [Fact]
    public async Task Start_up_creates_a_database_that_does_not_exist_yet_and_migrates_it()
    {
        var existing = new NpgsqlConnectionStringBuilder(await PostgresServer.CreateDatabaseAsync());
        var missing = new NpgsqlConnectionStringBuilder(existing.ConnectionString) { Database = existing.Database + "_new" };
        await using var app = new NewsFeedApp(new DatabaseSettings(DatabaseProvider.Postgres, missing.ConnectionString));
        using var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.OK, "start-up created the database and applied every migration");
    }
}
