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
        using var process = Process.Start(StartInfo(database, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>How the command line starts on <paramref name="database"/>, as in production.</summary>
    public static ProcessStartInfo StartInfo(DatabaseSettings database, params string[] args)
    {
        var start = AppProcess.StartInfo(args);
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__NewsFeed"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return start;
    }
}
