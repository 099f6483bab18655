using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>
/// Import order does not matter: the committed azure sample in two halves, in reverse order, gives the same rows as at
/// once. The sample holds every file of every republished URL (tests/corpus/README.md), the cases where order could
/// matter, at a sixth of the full corpus's import time.
/// </summary>
public abstract class ImportOrderTests(Engine engine)
{
    [Fact]
    public async Task Two_halves_in_reverse_order_give_the_same_database_as_one_import()
    {
        var files = Directory.GetFiles(Corpus.Azure).Order(StringComparer.Ordinal).ToArray();
        var firstHalf = ImportTestFiles.LinkFolder(files[..(files.Length / 2)]);
        var secondHalf = ImportTestFiles.LinkFolder(files[(files.Length / 2)..]);

        await using var atOnce = await NewsFeedApp.StartAsync(engine);
        (await atOnce.ImportAsync(Corpus.Azure)).Failed.Should().Be(0);
        await using var inHalves = await NewsFeedApp.StartAsync(engine);
        var second = await inHalves.ImportAsync(secondHalf);
        var first = await inHalves.ImportAsync(firstHalf);

        (first.Failed + second.Failed).Should().Be(0);
        (first.Files + second.Files).Should().Be(files.Length);
        await using var expected = atOnce.CreateDbContext();
        await using var actual = inHalves.CreateDbContext();
        var expectedRows = await DatabaseSnapshot.TakeAsync(expected);
        (await DatabaseSnapshot.TakeAsync(actual)).Should().Equal(expectedRows);
        expectedRows.Count(r => r.StartsWith("article ", StringComparison.Ordinal)).Should().Be(767);

        // Re-importing the folder changes nothing, not even where two files share an article and a publication date.
        var again = await atOnce.ImportAsync(Corpus.Azure);
        again.Should().BeEquivalentTo(new { Files = 781, Created = 0, Updated = 0, Unchanged = 767, Superseded = 14, Failed = 0 });
        await using var afterAgain = atOnce.CreateDbContext();
        (await DatabaseSnapshot.TakeAsync(afterAgain)).Should().Equal(expectedRows);
    }
}

public sealed class SqliteImportOrderTests() : ImportOrderTests(Engine.Sqlite);

public sealed class PostgresImportOrderTests() : ImportOrderTests(Engine.Postgres);
