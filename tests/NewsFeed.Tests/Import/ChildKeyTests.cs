using Microsoft.EntityFrameworkCore;
using NewsFeed.Data;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>
/// A related item is never stored without its article or its provider, although PostgreSQL no longer checks those keys
/// row by row: a write that would leave one fails the file that brought it, alone, as the foreign key would have.
/// </summary>
public sealed class ChildKeyTests
{
    private const string Marker = "orphan me";

    [Theory]
    [InlineData(Engine.Sqlite, "providers WHERE id = NEW.provider_id")]
    [InlineData(Engine.Postgres, "providers WHERE id = NEW.provider_id")]
    [InlineData(Engine.Sqlite, "articles WHERE id = NEW.article_id")]
    [InlineData(Engine.Postgres, "articles WHERE id = NEW.article_id")]
    public async Task A_related_item_whose_parent_vanishes_during_the_write_fails_its_file_alone(Engine engine, string parent)
    {
        var files = Directory.GetFiles(Corpus.Azure).Order(StringComparer.Ordinal).Take(40).ToArray();
        var folder = ImportTestFiles.LinkFolder(files);
        var marked = Path.Combine(folder, "orphaned-related-item.md");
        await File.WriteAllTextAsync(marked, await MarkedSeedAsync());
        await using var withOrphan = await NewsFeedApp.StartAsync(engine);
        await DeleteParentOfMarkedRelatedItemAsync(withOrphan, parent);
        await using var without = await NewsFeedApp.StartAsync(engine);

        var report = await withOrphan.ImportAsync(folder);
        await without.ImportAsync(ImportTestFiles.LinkFolder(files));

        report.Should().BeEquivalentTo(new { Files = 41, Created = 40, Failed = 1 });
        var error = report.Errors.Should().ContainSingle().Subject;
        error.File.Should().Be("azure/orphaned-related-item.md");
        error.Message.Should().StartWith("The database refused this file");
        (await OrphansAsync(withOrphan)).Should().Be(0);
        (await ImportTestFiles.SnapshotAsync(withOrphan)).ShouldEqualSnapshot(await ImportTestFiles.SnapshotAsync(without));
    }

    /// <summary>The seed article, its first related item titled <see cref="Marker"/> and given a provider of its own.</summary>
    private static async Task<string> MarkedSeedAsync()
    {
        var seed = await File.ReadAllTextAsync(RepoPaths.SeedFile);
        var related = seed.IndexOf("\nrelated:\n", StringComparison.Ordinal);
        var first = seed.IndexOf("  - title: ", related, StringComparison.Ordinal);
        var end = seed.IndexOf('\n', first);
        var provider = seed.IndexOf("      domain: wsj.com\n", first, StringComparison.Ordinal);
        return string.Concat(seed[..first], $"  - title: \"{Marker}\"", seed[end..provider], "      domain: orphaned.example\n",
            seed[(provider + "      domain: wsj.com\n".Length)..]);
    }

    /// <summary>A trigger that deletes the parent row of the marked related item as soon as the item is inserted.</summary>
    private static async Task DeleteParentOfMarkedRelatedItemAsync(NewsFeedApp app, string parent)
    {
        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(app.Database.Provider == DatabaseProvider.Postgres
            ? $"""
               CREATE FUNCTION delete_parent() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN DELETE FROM {parent}; RETURN NULL; END $$;
               CREATE TRIGGER delete_parent AFTER INSERT ON related_items FOR EACH ROW
                 WHEN (NEW.title = '{Marker}') EXECUTE FUNCTION delete_parent();
               """
            : $"""
               CREATE TRIGGER delete_parent AFTER INSERT ON related_items WHEN NEW.title = '{Marker}'
                 BEGIN DELETE FROM {parent}; END;
               """);
    }

    private static async Task<int> OrphansAsync(NewsFeedApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.Database.SqlQueryRaw<int>("""
            SELECT COUNT(*) AS "Value" FROM related_items r
            WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)
               OR (r.provider_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM providers p WHERE p.id = r.provider_id))
            """).SingleAsync();
    }
}
