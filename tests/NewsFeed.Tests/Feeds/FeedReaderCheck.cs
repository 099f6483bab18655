using System.Diagnostics;
using NewsFeed.Tests.Cli;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Feeds;

/// <summary>
/// Runs <c>tests/feeds-js/check-feeds.mjs</c>: three npm feed parsers and the offline W3C feed-validator rules.
/// Its packages come from the pinned lock file (<c>npm ci</c>), installed once per test run when missing.
/// </summary>
public static class FeedReaderCheck
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "feeds-js");

    // Both engines' test classes run at once: one npm ci, never two writing the same node_modules.
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    public static async Task<CliRunner.Result> RunAsync(IEnumerable<string> feedFiles)
    {
        await Installed.Value;
        return await RunAsync("node", ["check-feeds.mjs", .. feedFiles]);
    }

    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json"))) return;
        var npm = await RunAsync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"]);
        npm.ExitCode.Should().Be(0, $"npm ci in {Folder}: {npm.Stderr}");
    }

    private static async Task<CliRunner.Result> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRunner.Result(process.ExitCode, await stdout, await stderr);
    }
}
