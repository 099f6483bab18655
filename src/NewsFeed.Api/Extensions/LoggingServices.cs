using System.Diagnostics;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace NewsFeed.Api.Extensions;

/// <summary>
/// Serilog for the web API: levels from the <c>Serilog</c> configuration section, readable console lines in Development,
/// one compact JSON object per line everywhere else (what log collectors parse), and one line per request.
/// </summary>
internal static class LoggingServices
{
    /// <summary>The format of every log line outside Development.</summary>
    public static ITextFormatter JsonFormatter { get; } = new RenderedCompactJsonFormatter();

    public static WebApplicationBuilder AddNewsFeedLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        // preserveStaticLogger: each host keeps its own logger (the request log below is handed it), so two hosts in
        // one process, as in the tests, never write into each other's sinks through the static Log.Logger.
        builder.Services.AddSerilog((services, lc) =>
        {
            // ReadFrom.Services also adds any ILogEventSink registered in the container (the tests capture output so).
            lc.ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (development) lc.WriteTo.Console();
            else lc.WriteTo.Console(JsonFormatter);
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, path (never the query string or headers, so no API key can reach the log), status,
    /// elapsed time and the trace id that the request's problem details response carries too.
    /// </summary>
    public static WebApplication UseNewsFeedRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms (trace {TraceId:l})";
            o.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("TraceId", TraceIdOf(http));
            // Refusals (4xx) are the client's doing: worth a look, never a page. Probes hit the health endpoints every few
            // seconds: their successes are noise unless asked for.
            o.GetLevel = (http, _, error) =>
                error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Response.StatusCode >= 400 ? LogEventLevel.Warning
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
        return app;
    }

    /// <summary>The id that ties a response to its log lines: the W3C trace id when tracing is on, else ASP.NET's request id.</summary>
    public static string TraceIdOf(HttpContext http) => Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
}
