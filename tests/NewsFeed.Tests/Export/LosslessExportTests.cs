using System.Collections.Concurrent;
using NewsFeed.Data;
using NewsFeed.Tests.Browser;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Export;

/// <summary>
/// Export, import into an empty database, export again: the same archive, byte for byte. And the export read back
/// into the database it came from changes nothing: every article is unchanged (the same content in other bytes).
/// </summary>
public abstract class LosslessExportTests<TEngine>(ICorpusApp corpus) where TEngine : IEngineKind
{
    // Both tests read one export of the corpus database (neither changes it), made once: the full corpus's takes a while.
    private static readonly ConcurrentDictionary<DatabaseSettings, Lazy<Task<string>>> Exports = new();

    private Task<string> ExportOfTheCorpusAsync() =>
        Exports.GetOrAdd(corpus.App.Database, _ => new Lazy<Task<string>>(() => ExportArchives.ExportAsync(corpus.App))).Value;

    protected async Task An_export_imported_into_an_empty_database_exports_again_byte_for_byte()
    {
        var first = await ExportOfTheCorpusAsync();
        await using var empty = await NewsFeedApp.StartAsync(TEngine.Engine);
        var imported = await empty.ImportAsync(first);
        var second = await ExportArchives.ExportAsync(empty);

        imported.Should().BeEquivalentTo(new { Failed = 0, Updated = 0, Superseded = 0, Warnings = Array.Empty<object>() });
        var firstEntries = await ExportArchives.EntriesAsync(first);
        var secondEntries = await ExportArchives.EntriesAsync(second);
        imported.Created.Should().Be(firstEntries.Count);
        secondEntries.Select(e => e.Name).Should().Equal(firstEntries.Select(e => e.Name));
        foreach (var ((name, bytes), (_, again)) in firstEntries.Zip(secondEntries))
            again.ShouldEqualBytes(bytes, $"{name} must export as it was exported before");
        (await File.ReadAllBytesAsync(second)).ShouldEqualBytes(await File.ReadAllBytesAsync(first), "the export is deterministic");
    }

    protected async Task Reimporting_an_export_into_its_own_database_reports_every_article_unchanged()
    {
        var export = await ExportOfTheCorpusAsync();
        var articles = (await ExportArchives.EntriesAsync(export)).Count;

        var report = await corpus.App.ImportAsync(export);

        report.Should().BeEquivalentTo(new { Files = articles, Unchanged = articles, Created = 0, Updated = 0, Superseded = 0, Failed = 0 });
    }
}

/// <summary>On the committed corpus (azure sample, powerapps, seed), in a database of its own: re-importing writes.</summary>
public abstract class CommittedCorpusLosslessExportTests<TEngine>(OwnCorpusFixture<TEngine> corpus)
    : LosslessExportTests<TEngine>(corpus), IClassFixture<OwnCorpusFixture<TEngine>> where TEngine : IEngineKind
{
    [Fact]
    public Task The_second_generation_export_is_byte_identical() => An_export_imported_into_an_empty_database_exports_again_byte_for_byte();

    [Fact]
    public Task Reimporting_the_export_changes_nothing() => Reimporting_an_export_into_its_own_database_reports_every_article_unchanged();

    /// <summary>
    /// The same articles give the same archive whichever instance (process) writes it: behind a load balancer, two
    /// exports of unchanged data must not differ by a byte.
    /// </summary>
    [Fact]
    public async Task Another_process_exports_the_same_bytes()
    {
        var here = await ExportArchives.ExportAsync(corpus.App);
        await using var other = await RunningApp.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = corpus.App.Database.Provider.ToString(),
            ["ConnectionStrings__NewsFeed"] = corpus.App.Database.ConnectionString,
        });
        using var client = new HttpClient { BaseAddress = other.BaseAddress };

        var there = await client.GetByteArrayAsync("/export?includeRemoved=true");

        there.ShouldEqualBytes(await File.ReadAllBytesAsync(here));
    }
}

public sealed class SqliteLosslessExportTests(OwnCorpusFixture<OnSqlite> corpus) : CommittedCorpusLosslessExportTests<OnSqlite>(corpus);

public sealed class PostgresLosslessExportTests(OwnCorpusFixture<OnPostgres> corpus) : CommittedCorpusLosslessExportTests<OnPostgres>(corpus);

/// <summary>On the whole corpus, when it is here.</summary>
public abstract class FullCorpusLosslessExportTests<TEngine>(FullCorpusFixture<TEngine> corpus)
    : LosslessExportTests<TEngine>(corpus) where TEngine : IEngineKind
{
    [FullCorpusFact]
    public Task The_second_generation_export_of_the_full_corpus_is_byte_identical() => An_export_imported_into_an_empty_database_exports_again_byte_for_byte();

    [FullCorpusFact]
    public Task Reimporting_the_full_corpus_export_changes_nothing() => Reimporting_an_export_into_its_own_database_reports_every_article_unchanged();
}

[Collection(SqliteFullCorpus.Name)]
public sealed class SqliteFullCorpusLosslessExportTests(FullCorpusFixture<OnSqlite> corpus) : FullCorpusLosslessExportTests<OnSqlite>(corpus);

[Collection(PostgresFullCorpus.Name)]
public sealed class PostgresFullCorpusLosslessExportTests(FullCorpusFixture<OnPostgres> corpus) : FullCorpusLosslessExportTests<OnPostgres>(corpus);
