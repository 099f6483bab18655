using System.Diagnostics;
using NewsFeed.Tests.Cli;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// The npm tools of <c>tests/contract-js</c> (Redocly, Spectral, openapi-typescript, tsc), pinned by its lock file and
/// installed with <c>npm ci</c> once per test run when missing.
/// </summary>
public static class ContractJs
{
    public static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "contract-js");

    // Both engines' test classes run at once: one npm ci, never two writing the same node_modules.
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// <summary>Runs an installed tool (<c>npx --no-install</c>: never a download at test time) in the folder.</summary>
    public static async Task<CliRunner.Result> ToolAsync(params string[] args)
    {
        await Installed.Value;
        return await RunAsync("npx", ["--no-install", .. args]);
    }

    public static async Task<CliRunner.Result> NodeAsync(params string[] args)
    {
        await Installed.Value;
        return await RunAsync("node", args);
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
