using NewsFeed.Api.Extensions;
using NewsFeed.Data;
using Serilog;

namespace NewsFeed.Api.Cli;

/// <summary>
/// The command line: <c>import PATH... [--dry-run] [--json] [--atomic]</c>, <c>migrate</c> and <c>healthcheck [URL]</c>.
/// Any other first argument starts the web API. Exit codes: 0 everything imported, 2 some files failed, 1 a fatal problem.
/// </summary>
internal static class CommandLine
{
    public const int Ok = 0, Fatal = 1, SomeFailed = 2;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "import" or "migrate" or "healthcheck" or "help" or "--help";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] is "help" or "--help")
        {
            Console.WriteLine(Usage);
            return Ok;
        }
        if (args[0] is "healthcheck") return await HealthCheckCommand.RunAsync(args[1..]);
        if (args[0] is "import") BatchRuntime.Restart();
        // Settings come from the usual places (appsettings, environment, --Key=value options), as for the web API.
        var (settingArgs, commandArgs) = Split(args[1..]);
        // A command reads its settings once: no watching appsettings for changes, which puts a watch on every folder
        // under the working directory (a one-file import run from /tmp took 0.86 to 0.88 s with it, 0.61 to 0.62 s without).
        var settings = new ConfigurationManager();
        settings.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settingArgs, Configuration = settings });
        builder.Services.AddSerilog(lc => lc.ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Warning()
            // The command reports database failures itself, in one line; EF Core's own error log would say it twice.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Fatal)
            .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose));
        try
        {
            builder.Services.AddNewsFeedCore(builder.Configuration, builder.Environment);
            using var host = builder.Build();
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            var migrator = host.Services.GetRequiredService<DatabaseMigrator>();
            return args[0] switch
            {
                "migrate" => await MigrateAsync(migrator, cancel.Token),
                _ => await ImportCommand.RunAsync(host.Services, commandArgs, cancel.Token),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return Fatal;
        }
    }

    private static async Task<int> MigrateAsync(DatabaseMigrator migrator, CancellationToken ct)
    {
        await migrator.MigrateAsync(ct);
        Console.WriteLine("The database is migrated.");
        return Ok;
    }

    /// <summary>Options of the form --Section:Key=value are settings; the rest belongs to the command.</summary>
    private static (string[] Settings, string[] Command) Split(string[] args)
    {
        var settings = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray();
        return (settings, [.. args.Except(settings)]);
    }

    public const string Usage = """
        Usage:
          NewsFeed.Api                                  run the web API (see --urls)
          NewsFeed.Api import PATH... [options]         import files, folders, .zip, .tar or .tar.gz archives
          NewsFeed.Api migrate                          apply the database migrations
          NewsFeed.Api healthcheck [URL]                exit 0 if the running API is alive (default URL:
                                                        http://localhost:8080/health/live)

        Import options:
          --dry-run    validate and report, write nothing
          --json       print the report as JSON on stdout (progress goes to stderr)
          --atomic     all or nothing: one transaction for the whole import

        Settings: --Database:Provider=Postgres --ConnectionStrings:NewsFeed="Host=..." (or the environment:
        Database__Provider, ConnectionStrings__NewsFeed).
        Exit codes: 0 everything imported, 2 some files failed, 1 a fatal problem.
        """;
}
