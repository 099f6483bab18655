using System.Diagnostics;
using NewsFeed.Data;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Cli;

/// <summary>Runs the real NewsFeed.Api binary as an operator would, with settings in the environment.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(DatabaseSettings database, params string[] args)
    {
        var start = AppProcess.StartInfo(args);
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__NewsFeed"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
