using System.Text;
using NewsFeed.Import;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>
/// Whatever the database refuses for one file fails that file alone, named in the report; the rest of its batch is
/// stored exactly as without it, and no statement's parameter count grows with a file's content.
/// </summary>
public sealed class WriteIsolationTests
{
    [Theory]
    [InlineData(Engine.Sqlite, false)]
    [InlineData(Engine.Postgres, false)]
    [InlineData(Engine.Sqlite, true)]
    [InlineData(Engine.Postgres, true)]
    public async Task A_file_the_engine_refuses_fails_alone_and_its_batch_is_stored_as_without_it(Engine engine, bool atomic)
    {
        var files = Directory.GetFiles(Corpus.Azure).Order(StringComparer.Ordinal).Take(40).ToArray();
        var refused = files[17];
        await using var withRefusal = await NewsFeedApp.StartAsync(engine);
        await ImportTestFiles.RefuseTitlesAsync(withRefusal, ImportTestFiles.TitleOf(refused));
        await using var without = await NewsFeedApp.StartAsync(engine);

        var report = await withRefusal.ImportAsync(new ImportRequest(Atomic: atomic), ImportTestFiles.LinkFolder(files));
        await without.ImportAsync(ImportTestFiles.LinkFolder(files.Where(f => f != refused)));

        report.Should().BeEquivalentTo(new { Files = 40, Created = 39, Failed = 1, Status = "completedWithErrors" });
        var error = report.Errors.Should().ContainSingle().Subject;
        error.File.Should().Be($"azure/{Path.GetFileName(refused)}");
        error.Message.Should().StartWith("The database refused this file").And.Contain("refused title");
        (await ImportTestFiles.SnapshotAsync(withRefusal)).ShouldEqualSnapshot(await ImportTestFiles.SnapshotAsync(without));
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_refused_update_keeps_the_stored_version_and_the_rest_of_the_batch_is_updated(Engine engine)
    {
        var files = Directory.GetFiles(Corpus.PowerApps).Order(StringComparer.Ordinal).Take(10).ToArray();
        await using var app = await NewsFeedApp.StartAsync(engine);
        (await app.ImportAsync(ImportTestFiles.LinkFolder(files, "powerapps"))).Created.Should().Be(10);
        var before = await ImportTestFiles.SnapshotAsync(app);
        // The same articles again, each in a new category: ten updates, one of which the engine refuses.
        var edited = Path.Combine(Corpus.NewScratchFolder(), "powerapps");
        Directory.CreateDirectory(edited);
        foreach (var file in files)
            await File.WriteAllTextAsync(Path.Combine(edited, Path.GetFileName(file)),
                (await File.ReadAllTextAsync(file)).Replace("\ncategory: news\n", "\ncategory: edited\n", StringComparison.Ordinal));
        await ImportTestFiles.RefuseTitlesAsync(app, ImportTestFiles.TitleOf(files[3]));

        var report = await app.ImportAsync(edited);

        report.Should().BeEquivalentTo(new { Updated = 9, Failed = 1 });
        report.Errors.Single().File.Should().Be($"powerapps/{Path.GetFileName(files[3])}");
        var after = await ImportTestFiles.SnapshotAsync(app);
        var url = ImportTestFiles.CanonicalUrlOf(files[3]);
        after.Single(r => r.Contains($"\"CanonicalUrl\":\"{url}\"", StringComparison.Ordinal))
            .Should().Be(before.Single(r => r.Contains($"\"CanonicalUrl\":\"{url}\"", StringComparison.Ordinal)));
        after.Count(r => r.Contains("\"Category\":\"edited\"", StringComparison.Ordinal)).Should().Be(9);
    }

    /// <summary>
    /// 70,000 topics: one parameter per topic would pass both SQLite's (32,766) and PostgreSQL's (65,535) limits.
    /// Created, then updated (the stored topics looked up and the article's list replaced). The reader's cap on topics is
    /// raised for it: the writer must not rely on that cap to keep its statements within the engines' limits.
    /// </summary>
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_file_with_70000_topics_is_stored_and_updated(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?>
        {
            ["Import:MaxFrontMatterBytes"] = "4194304",
            ["Import:MaxTopics"] = "100000",
        });
        var topics = string.Join(", ", Enumerable.Range(0, 70_000).Select(i => $"t{i}"));
        var seed = await File.ReadAllTextAsync(RepoPaths.SeedFile);
        var path = Path.Combine(Corpus.NewScratchFolder(), "many-topics.md");
        await File.WriteAllTextAsync(path, seed.Replace("topics:\n  - AI\n", $"topics: [{topics}]\n", StringComparison.Ordinal), Encoding.UTF8);

        var created = await app.ImportAsync(path);
        await File.WriteAllTextAsync(path, seed.Replace("topics:\n  - AI\n", $"topics: [AI, {topics}]\n", StringComparison.Ordinal), Encoding.UTF8);
        var updated = await app.ImportAsync(path);

        created.Should().BeEquivalentTo(new { Created = 1, Failed = 0 });
        updated.Should().BeEquivalentTo(new { Updated = 1, Failed = 0 });
        await using var db = app.CreateDbContext();
        db.Topics.Count().Should().Be(70_001);
        db.ArticleTopics.Count().Should().Be(70_001);
        db.Topics.Single(t => t.Name == "t69999").Slug.Should().Be("t69999");
    }
}
