namespace NewsFeed.Tests.Infrastructure;

/// <summary>One app per engine with the azure and powerapps corpora and the seed imported, shared by a test class.</summary>
public sealed class CorpusFixture<TEngine> : IAsyncLifetime where TEngine : IEngineKind
{
    public NewsFeedApp App { get; private set; } = null!;

    public NewsFeed.Import.ImportReport AzureReport { get; private set; } = null!;

    public NewsFeed.Import.ImportReport PowerAppsReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await NewsFeedApp.StartAsync(TEngine.Engine);
        AzureReport = await App.ImportAsync(Corpus.Azure);
        PowerAppsReport = await App.ImportAsync(Corpus.PowerApps, RepoPaths.SeedFile);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
