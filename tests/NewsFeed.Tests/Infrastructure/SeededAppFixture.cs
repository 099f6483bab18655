namespace NewsFeed.Tests.Infrastructure;

/// <summary>One app per engine holding just the seed article, shared by a test class.</summary>
public sealed class SeededAppFixture<TEngine> : IAsyncLifetime where TEngine : IEngineKind
{
    public NewsFeedApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await NewsFeedApp.StartAsync(TEngine.Engine);
        await App.ImportAsync(RepoPaths.SeedFile);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
