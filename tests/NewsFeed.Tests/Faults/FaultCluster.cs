using Microsoft.EntityFrameworkCore;
using NewsFeed.Data;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Faults;

/// <summary>
/// One restartable PostgreSQL cluster for the fault tests (xunit runs a class's tests one after another, so a restart
/// never hits another test), and what a clean import of the azure corpus stores, to compare interrupted imports with.
/// </summary>
public sealed class FaultCluster : IAsyncLifetime
{
    // No lock: the tests of a class run one at a time.
    private List<string>? _clean;

    public RestartablePostgres Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RestartablePostgres.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The snapshot of a clean, uninterrupted import of azure on this server.</summary>
    public async Task<List<string>> CleanAzureAsync()
    {
        if (_clean is not null) return _clean;
        await using var app = new NewsFeedApp(await Server.NewDatabaseAsync());
        _ = app.Server;
        await app.ImportAsync(Corpus.Azure);
        await using var db = app.CreateDbContext();
        (await PartialArticlesAsync(db)).Should().BeEmpty("a clean import stores every article whole");
        return _clean = await DatabaseSnapshot.TakeAsync(db);
    }

    /// <summary>
    /// Stored articles missing some of their topics, images or related items, compared with the file each was read
    /// from: what a batch cut in the middle of its writes would leave.
    /// </summary>
    public static async Task<List<string>> PartialArticlesAsync(NewsFeedDbContext db)
    {
        var stored = await db.Articles.AsNoTracking()
            .Select(a => new { a.SourcePath, Topics = a.Topics.Count, Images = a.Images.Count, Related = a.Related.Count })
            .ToListAsync();
        var root = Path.GetDirectoryName(Corpus.Azure)!;
        return [.. stored.Where(a =>
        {
            var document = ArticleFileReader.Read(File.ReadAllBytes(Path.Combine(root, a.SourcePath))).Document!;
            return (a.Topics, a.Images, a.Related) != (document.Topics.Distinct().Count(), document.Images.Count, document.Related.Count);
        }).Select(a => $"{a.SourcePath}: {a.Topics} topics, {a.Images} images, {a.Related} related")];
    }
}
