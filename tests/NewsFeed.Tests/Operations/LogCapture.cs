using System.Globalization;
using System.Text;
using System.Text.Json;
using NewsFeed.Api.Extensions;
using Serilog.Core;
using Serilog.Events;

namespace NewsFeed.Tests.Operations;

/// <summary>
/// A Serilog sink registered in the app's container (the app reads sinks from it) that keeps the lines exactly as the
/// production console formatter writes them.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            using var writer = new StringWriter(_text, CultureInfo.InvariantCulture);
            LoggingServices.JsonFormatter.Format(logEvent, writer);
        }
    }

    public string Text
    {
        get { lock (_lock) return _text.ToString(); }
    }

    public IReadOnlyList<JsonElement> Events =>
        [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    /// <summary>The request log's lines for a path (ASP.NET's own lines carry a RequestPath too, hence the source check).</summary>
    public IReadOnlyList<JsonElement> RequestLines(string path) =>
        [.. Events.Where(e => StringOf(e, "SourceContext") == "Serilog.AspNetCore.RequestLoggingMiddleware" && StringOf(e, "RequestPath") == path)];

    private static string? StringOf(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The request log line for a path. It is written once the response has gone out, which can be a moment after the
    /// client has read it, hence the wait.
    /// </summary>
    public async Task<JsonElement> RequestLineAsync(string path)
    {
        for (var waited = 0; waited < 5000; waited += 20)
        {
            if (RequestLines(path) is [var line, ..]) return line;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"No request line for {path} in the log:\n{Text}");
    }
}
