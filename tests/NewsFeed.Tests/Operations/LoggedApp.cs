using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Infrastructure;
using Serilog.Core;

namespace NewsFeed.Tests.Operations;

/// <summary>
/// The real app on a new database of its own with a <see cref="LogCapture"/> added to its container, so a test reads
/// every line the app logs from its first one (start-up and migrations included). Disposing it disposes the factory it
/// derives from too.
/// </summary>
public sealed class LoggedApp : IAsyncDisposable
{
    private readonly NewsFeedApp _owner;
    private readonly WebApplicationFactory<Program> _app;

    private LoggedApp(NewsFeedApp owner, LogCapture log, Action<IServiceCollection>? services)
    {
        _owner = owner;
        _app = owner.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<ILogEventSink>(log);
            services?.Invoke(s);
        }));
    }

    /// <param name="services">More test services, for example a fault injected into the pipeline.</param>
    public static async Task<LoggedApp> StartAsync(Engine engine, LogCapture log, IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? services = null)
    {
        var app = new LoggedApp(new NewsFeedApp(await Engines.NewDatabaseAsync(engine), settings), log, services);
        try
        {
            _ = app._app.Server; // start now: migrations run at start-up
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => _app.CreateClient();

    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
