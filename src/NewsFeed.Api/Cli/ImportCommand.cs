using System.Globalization;
using System.Text.Json;
using NewsFeed.Data;
using NewsFeed.Data.Jobs;
using NewsFeed.Import;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Cli;

/// <summary>The <c>import</c> command: the same pipeline and report as <c>POST /import</c>, on the console.</summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct)
    {
        var unknown = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--dry-run" or "--json" or "--atomic")).ToList();
        var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0 || paths.Count == 0)
        {
            await Console.Error.WriteLineAsync(unknown.Count > 0 ? $"error: unknown option {unknown[0]}" : "error: name at least one file, folder or archive to import.");
            await Console.Error.WriteLineAsync(CommandLine.Usage);
            return CommandLine.Fatal;
        }
        var json = args.Contains("--json");
        var request = new ImportRequest(DryRun: args.Contains("--dry-run"), Atomic: args.Contains("--atomic"));

        ImportInput input;
        try
        {
            input = ImportSources.Open(paths, services.GetRequiredService<ImportOptions>());
        }
        catch (InputRefusedException e)
        {
            // A mistyped path or a refused archive is the operator's to fix: nothing is imported (the README's exit code 1).
            await Console.Error.WriteLineAsync(Refusal(e));
            return CommandLine.Fatal;
        }
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        ImportReport report;
        try
        {
            // Progress goes where the report does not: stderr with --json, else stdout.
            var progress = new ProgressDisplay(json ? Console.Error : Console.Out, json ? Console.IsErrorRedirected : Console.IsOutputRedirected);
            report = await services.GetRequiredService<ImportPipeline>().RunAsync(input.Files, request, progress, input.Count, ct);
            progress.Finish();
        }
        catch (Exception e) when (DatabaseFailures.Cause(e) is { } cause)
        {
            // Each batch commits whole, so what was committed before the failure is whole articles: a second run finishes.
            await Console.Error.WriteLineAsync(
                $"error: the import stopped because the database failed: {cause.Message.TrimEnd('.')}. Batches committed before stay committed; " +
                "import the same files again to finish (unchanged files are recognised and skipped).");
            return CommandLine.Fatal;
        }

        if (json) Console.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
        else PrintReport(report);
        return report.Status is ImportStatus.Succeeded ? CommandLine.Ok : report.Status is ImportStatus.Cancelled ? CommandLine.Fatal : CommandLine.SomeFailed;
    }

    // Null fields left out, as POST /import writes the same report.
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Refusal(InputRefusedException e) => e.Reason switch
    {
        InputRefusal.NotFound => $"error: {e.Path}: no such file or folder (relative paths start from {Environment.CurrentDirectory}).",
        InputRefusal.ArchiveInvalid or InputRefusal.ArchiveTooLarge => $"error: the archive is refused: {e.Message}",
        _ => $"error: {e.Path}: {e.Message}",
    };

    private static void PrintReport(ImportReport report)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{(report.DryRun ? "Dry run (nothing written): " : "")}{report.Files} files: {report.Created} created, {report.Updated} updated, {report.Unchanged} unchanged, {report.Superseded} superseded, {report.Failed} failed, {report.Skipped} skipped, {report.Warnings.Count + report.WarningsNotListed} warnings ({report.DurationMs} ms)"));
        foreach (var w in report.Warnings) Console.WriteLine($"warning: {Where(w)}: {w.Message}");
        if (report.WarningsNotListed > 0) Console.WriteLine(string.Create(c, $"warning: {report.WarningsNotListed} more warnings not listed (Import:MaxReportEntries)"));
        foreach (var e in report.Errors) Console.WriteLine($"error: {Where(e)}: {e.Message}");
        if (report.ErrorsNotListed > 0) Console.WriteLine(string.Create(c, $"error: {report.ErrorsNotListed} more errors not listed (Import:MaxReportEntries)"));
    }

    private static string Where(ImportMessage m) =>
        m.Line is null ? m.File : string.Create(CultureInfo.InvariantCulture, $"{m.File}:{m.Line}:{m.Column}{(m.Field is null ? "" : $" ({m.Field})")}");
}
