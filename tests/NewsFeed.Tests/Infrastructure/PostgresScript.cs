using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>Clusters a test owns (to restart, stop or replicate), made by <c>eng/postgres.sh</c> as CI and developers make theirs.</summary>
public static class PostgresScript
{
    /// <summary>Runs <c>eng/postgres.sh</c> with the arguments; its standard output, trimmed (a connection string for start).</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "eng", "postgres.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        if (script.ExitCode != 0)
            throw new InvalidOperationException($"eng/postgres.sh {string.Join(' ', args)} failed ({script.ExitCode}): {await errors}");
        return (await output).Trim();
    }

    /// <summary>A loopback port nothing listens on now, for a cluster of the test's own.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
