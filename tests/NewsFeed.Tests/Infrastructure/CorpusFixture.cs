using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using NewsFeed.Api.Contracts;
using NewsFeed.Data;
using NewsFeed.Import;
using NewsFeed.Tests.ImportApi;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>A database holding an azure and the powerapps corpus and the seed, and what importing each part reported.</summary>
public sealed record ImportedCorpus(DatabaseSettings Database, ImportReport AzureReport, ImportReport PowerAppsReport)
{
    /// <summary>Imports the parts into <paramref name="app"/>'s database: azure first, then powerapps and the seed.</summary>
    public static async Task<ImportedCorpus> ImportAsync(NewsFeedApp app, string azure, string powerApps)
    {
        var azureReport = await app.ImportAsync(azure);
        return new ImportedCorpus(app.Database, azureReport, await app.ImportAsync(powerApps, RepoPaths.SeedFile));
    }
}

/// <summary>
/// The committed test corpus (<see cref="Corpus"/>) imported once per engine and run, as importing it takes a while,
/// into a database that only read-only tests use (a test that writes imports into a database of its own). Dropped when
/// the run ends.
/// </summary>
public static class SharedCorpus
{
    private static readonly ConcurrentDictionary<Engine, Lazy<Task<ImportedCorpus>>> Imports = new();

    public static Task<ImportedCorpus> ImportedAsync(Engine engine) =>
        Imports.GetOrAdd(engine, e => new Lazy<Task<ImportedCorpus>>(() => ImportAsync(e))).Value;

    private static async Task<ImportedCorpus> ImportAsync(Engine engine)
    {
        await using var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine));
        return await ImportedCorpus.ImportAsync(app, Corpus.Azure, Corpus.PowerApps);
    }
}

/// <summary>A fixture's app on a database holding an imported corpus.</summary>
public interface ICorpusApp
{
    NewsFeedApp App { get; }
}

/// <summary>An app of its own on the engine's <see cref="SharedCorpus"/>, shared by a test class or collection that only reads.</summary>
public sealed class CorpusFixture<TEngine> : IAsyncLifetime, ICorpusApp where TEngine : IEngineKind
{
    public NewsFeedApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new NewsFeedApp((await SharedCorpus.ImportedAsync(TEngine.Engine)).Database);
        _ = App.Server;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The whole corpus (<see cref="FullCorpus"/>) and the seed in a database of its own; its tests are
/// <see cref="FullCorpusFactAttribute"/>s. Imported once per engine for all the classes of that engine's
/// <see cref="SqliteFullCorpus"/> or <see cref="PostgresFullCorpus"/> collection (two full imports are the slowest
/// fixtures of the suite): none of them changes it, and each re-import they make checks that it changes nothing.
/// The azure part goes in as an operator would send it over HTTP, its archive uploaded to <c>POST /import</c> (a
/// background job, being over 1,000 files), so the report the azure tests check is the endpoint's own; the powerapps
/// part and the seed are imported in process.
/// </summary>
public sealed class FullCorpusFixture<TEngine> : IAsyncLifetime, ICorpusApp where TEngine : IEngineKind
{
    public ImportApiHost Host { get; private set; } = null!;

    public NewsFeedApp App => Host.App;

    /// <summary>What <c>POST /import</c> answered for the azure archive: 202 and its job, or whatever went wrong.</summary>
    public HttpResponseMessage AzureUpload { get; private set; } = null!;

    /// <summary>The azure upload's job once finished; null when the upload was refused.</summary>
    public ImportJobResponse? AzureJob { get; private set; }

    public ImportReport AzureReport => AzureJob?.Report
        ?? throw new InvalidOperationException($"The azure upload was answered {(int)AzureUpload.StatusCode}, and its job is {AzureJob?.Status ?? "missing"}: no report.");

    public ImportReport PowerAppsReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // xunit builds a class's fixture even when every test in it is skipped: nothing to import then.
        if (!FullCorpus.IsAvailable) return;
        Host = await ImportApiHost.StartAsync(TEngine.Engine);
        AzureUpload = await Host.UploadFilesAsync("", FullCorpus.AzureArchive);
        // A refused upload leaves no job: its tests fail on AzureUpload's status and body, not here.
        if (AzureUpload.StatusCode == HttpStatusCode.Accepted)
        {
            var job = (await AzureUpload.Content.ReadFromJsonAsync<ImportJobResponse>(ImportApiHost.Json))!;
            AzureJob = await Host.WaitForJobAsync(job.Id, timeoutSeconds: 600);
        }
        PowerAppsReport = await App.ImportAsync(FullCorpus.PowerApps, RepoPaths.SeedFile);
    }

    public async Task DisposeAsync()
    {
        if (FullCorpus.IsAvailable) await Host.DisposeAsync();
    }
}

/// <summary>
/// The committed test corpus and the seed in a database of the test class's own, dropped with it: for the tests that
/// write to a corpus database, which must not share <see cref="SharedCorpus"/> with the tests that only read.
/// </summary>
public sealed class OwnCorpusFixture<TEngine> : IAsyncLifetime, ICorpusApp where TEngine : IEngineKind
{
    public NewsFeedApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await NewsFeedApp.StartAsync(TEngine.Engine);
        await ImportedCorpus.ImportAsync(App, Corpus.Azure, Corpus.PowerApps);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SqliteFullCorpus : ICollectionFixture<FullCorpusFixture<OnSqlite>>
{
    public const string Name = "Full corpus on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresFullCorpus : ICollectionFixture<FullCorpusFixture<OnPostgres>>
{
    public const string Name = "Full corpus on PostgreSQL";
}
