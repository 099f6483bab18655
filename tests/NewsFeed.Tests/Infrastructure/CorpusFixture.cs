namespace NewsFeed.Tests.Infrastructure;

/// <summary>One app per engine with an azure and the powerapps corpus and the seed imported, shared by a test class.</summary>
public abstract class ImportedCorpusFixture<TEngine> : IAsyncLifetime where TEngine : IEngineKind
{
    public NewsFeedApp App { get; private set; } = null!;

    public NewsFeed.Import.ImportReport AzureReport { get; private set; } = null!;

    public NewsFeed.Import.ImportReport PowerAppsReport { get; private set; } = null!;

    protected abstract bool IsAvailable { get; }

    protected abstract string Azure { get; }

    protected abstract string PowerApps { get; }

    public async Task InitializeAsync()
    {
        // xunit builds a class's fixture even when every test in it is skipped: nothing to import then.
        if (!IsAvailable) return;
        App = await NewsFeedApp.StartAsync(TEngine.Engine);
        AzureReport = await App.ImportAsync(Azure);
        PowerAppsReport = await App.ImportAsync(PowerApps, RepoPaths.SeedFile);
    }

    public async Task DisposeAsync()
    {
        if (IsAvailable) await App.DisposeAsync();
    }
}

/// <summary>The committed test corpus (<see cref="Corpus"/>): the azure sample, powerapps whole and the seed.</summary>
public sealed class CorpusFixture<TEngine> : ImportedCorpusFixture<TEngine> where TEngine : IEngineKind
{
    protected override bool IsAvailable => true;

    protected override string Azure => Corpus.Azure;

    protected override string PowerApps => Corpus.PowerApps;
}

/// <summary>The whole corpus (<see cref="FullCorpus"/>) and the seed; its tests are <see cref="FullCorpusFactAttribute"/>s.</summary>
public sealed class FullCorpusFixture<TEngine> : ImportedCorpusFixture<TEngine> where TEngine : IEngineKind
{
    protected override bool IsAvailable => FullCorpus.IsAvailable;

    protected override string Azure => FullCorpus.Azure;

    protected override string PowerApps => FullCorpus.PowerApps;
}
