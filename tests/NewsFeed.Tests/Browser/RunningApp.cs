using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Browser;

/// <summary>The real binary listening on a loopback port (Kestrel, not the test server), for a real browser to use.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;

    public Uri BaseAddress { get; }

    private RunningApp(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public static async Task<RunningApp> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = AppProcess.StartInfo("--urls", $"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new RunningApp(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode} at start-up.");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        await app.DisposeAsync();
        throw new TimeoutException("The app did not become ready within a minute.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
