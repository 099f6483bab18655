using System.Diagnostics;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Cli;

/// <summary>
/// A folder under <c>tests/</c> with npm tools pinned by its lock file, installed with <c>npm ci</c> once per test run
/// when missing, and run from there.
/// </summary>
public sealed class NpmFolder
{
    public static readonly NpmFolder FeedsJs = new("feeds-js");

    public static readonly NpmFolder ContractJs = new("contract-js");

    // Both engines' test classes run at once: one npm ci, never two writing the same node_modules.
    private readonly Lazy<Task> _installed;

    private NpmFolder(string name)
    {
        Path = System.IO.Path.Combine(RepoPaths.Root, "tests", name);
        _installed = new(InstallAsync);
    }

    public string Path { get; }

    public async Task<CliRunner.Result> NodeAsync(params string[] args)
    {
        await _installed.Value;
        return await RunAsync("node", args);
    }

    /// <summary>Runs an installed tool; <c>npx --no-install</c> never downloads one at test time.</summary>
    public async Task<CliRunner.Result> ToolAsync(params string[] args)
    {
        await _installed.Value;
        return await RunAsync("npx", ["--no-install", .. args]);
    }

    private async Task InstallAsync()
    {
        if (File.Exists(System.IO.Path.Combine(Path, "node_modules", ".package-lock.json"))) return;
        var npm = await RunAsync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"]);
        npm.ExitCode.Should().Be(0, $"npm ci in {Path}: {npm.Stderr}");
    }

    private async Task<CliRunner.Result> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRunner.Result(process.ExitCode, await stdout, await stderr);
    }
}
