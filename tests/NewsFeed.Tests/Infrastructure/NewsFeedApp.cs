using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data;
using NewsFeed.Import;
using NewsFeed.Import.Sources;
using Npgsql;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// The real app (real HTTP pipeline, real engine) on a database of its own. Settings go in as configuration, exactly
/// as an operator would set them.
/// </summary>
public sealed class NewsFeedApp(DatabaseSettings database, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    // Only an app that made its database drops it: one given a database may share it with another app, or be followed
    // by one (a restart); those databases go when the run ends.
    private bool _ownsDatabase;

    /// <summary>Starts the app on a new database of its own, dropped when the app is disposed.</summary>
    public static async Task<NewsFeedApp> StartAsync(Engine engine, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine), settings) { _ownsDatabase = true };
        _ = app.Server; // start now: migrations run at start-up
        return app;
    }

    public DatabaseSettings Database => database;

    /// <summary>The clock the app stamps writes with; the machine's when null.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Services a test adds to the app's own, such as an EF Core interceptor that pauses it at a chosen statement.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:NewsFeed", database.ConnectionString);
        builder.UseSetting("Database:SeedSampleData", "false");
        // Test output stays readable: the app logs warnings and errors only, unless a test asks for more.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        if (Clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
        if (TestServices is { } configure) builder.ConfigureTestServices(configure);
    }

    /// <summary>
    /// Drops the database if the app made it (<see cref="StartAsync"/>). Also closes the idle connections of this database's pool: Npgsql keeps a pool per connection string for minutes,
    /// and a suite that makes hundreds of databases would otherwise run the server out of connections.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        if (_ownsDatabase) await TestRun.DropAsync(database);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Serves the app on a real Kestrel socket (a free loopback port) for clients outside the process. Not
    /// <c>UseKestrel(0)</c>: with a port, the factory rewrites the server's addresses after building the host, which races
    /// the server binding them and fails now and then with "Addresses cannot be modified after the server has started"
    /// (dotnet/aspnetcore#67714); an endpoint of Kestrel's own options leaves the addresses alone.
    /// </summary>
    public void StartKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public NewsFeedDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<NewsFeedDbContext>>().CreateDbContext();

    /// <summary>Imports through the same pipeline the command line and POST /import use.</summary>
    public Task<ImportReport> ImportAsync(params string[] paths) => ImportAsync(new ImportRequest(), paths);

    public Task<ImportReport> ImportAsync(ImportRequest request, params string[] paths) =>
        Services.GetRequiredService<ImportPipeline>().RunAsync(
            ImportSources.Expand(paths, Services.GetRequiredService<ImportOptions>()), request);
}
