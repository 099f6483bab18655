using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data;
using NewsFeed.Import;
using NewsFeed.Import.Sources;
using NewsFeed.Tests.Infrastructure;
using Npgsql;

namespace NewsFeed.Tests.Import;

/// <summary>
/// An import that finds another one writing waits for it, and says so in its progress, up to
/// <c>Import:WriterWaitSeconds</c>; a command or socket timeout never ends the wait.
/// </summary>
public sealed class WriterWaitTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_import_waits_past_the_command_timeout_for_another_writer_then_imports(Engine engine)
    {
        var database = await Engines.NewDatabaseAsync(engine);
        // One second for any command: a wait inside a statement would end here.
        await using var app = new NewsFeedApp(database with { ConnectionString = database.ConnectionString + (engine == Engine.Postgres ? ";Command Timeout=1" : ";Default Timeout=1") });
        _ = app.Server;
        var waiting = new TaskCompletionSource();

        Task<ImportReport> import;
        await using (await WriterLock.HoldAsync(app.Database))
        {
            import = RunAsync(app, new Watch(p => { if (p.WaitingForWriter) waiting.TrySetResult(); }), RepoPaths.SeedFile);
            await waiting.Task.WaitAsync(TimeSpan.FromMinutes(2));
            // Held for well past the command timeout after the import started waiting.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        (await import).Should().BeEquivalentTo(new { Created = 1, Failed = 0, Status = "succeeded" });
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_import_gives_up_after_the_configured_wait_and_says_why(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["Import:WriterWaitSeconds"] = "1" });
        await using var holder = await WriterLock.HoldAsync(app.Database);

        var act = () => RunAsync(app, null, RepoPaths.SeedFile);

        (await act.Should().ThrowAsync<NewsFeed.Data.Writing.WriterBusyException>())
            .Which.Message.Should().Contain("Import:WriterWaitSeconds");
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Two_concurrent_imports_both_complete(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["Import:BatchSize"] = "50" });
        var files = Directory.GetFiles(Corpus.PowerApps).Order(StringComparer.Ordinal).ToArray();

        var reports = await Task.WhenAll(
            app.ImportAsync(ImportTestFiles.LinkFolder(files[..300], "powerapps")),
            app.ImportAsync(ImportTestFiles.LinkFolder(files[300..], "powerapps")));

        reports.Should().AllSatisfy(r => r.Should().BeEquivalentTo(new { Failed = 0, Status = "succeeded" }));
        await using var alone = await NewsFeedApp.StartAsync(engine);
        await alone.ImportAsync(Corpus.PowerApps);
        (await ImportTestFiles.SnapshotAsync(app)).ShouldEqualSnapshot(await ImportTestFiles.SnapshotAsync(alone));
    }

    private static Task<ImportReport> RunAsync(NewsFeedApp app, IProgress<ImportProgress>? progress, params string[] paths) =>
        app.Services.GetRequiredService<ImportPipeline>().RunAsync(
            ImportSources.Expand(paths, app.Services.GetRequiredService<ImportOptions>()), new ImportRequest(), progress);

    private sealed class Watch(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

}
