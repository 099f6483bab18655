using NewsFeed.Data;
using NewsFeed.Import;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Extensions;

/// <summary>Migrates the database at start-up and, on an empty database, imports the sample article shipped with the app.</summary>
internal sealed partial class SampleData(DatabaseMigrator migrator, ImportPipeline pipeline, ImportOptions options, IConfiguration configuration, ILogger<SampleData> logger)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "SampleData");

    public async Task PrepareAsync(CancellationToken ct)
    {
        if (configuration.GetValue("Database:MigrateOnStartup", true)) await migrator.MigrateAsync(ct);
        if (!configuration.GetValue("Database:SeedSampleData", true) || !await migrator.IsEmptyAsync(ct)) return;
        var report = await pipeline.RunAsync(ImportSources.Expand([Folder], options), new ImportRequest(), ct: ct);
        LogSeeded(logger, report.Created, report.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: imported the sample data ({Created} created, {Failed} failed)")]
    private static partial void LogSeeded(ILogger logger, int created, int failed);
}
