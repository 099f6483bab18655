using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NewsFeed.Data.Writing;
using NewsFeed.Import;
using NewsFeed.Import.Sources;
using NewsFeed.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NewsFeed.Tests.Import;

/// <summary>
/// Generated file sets (real corpus files, always mixed with files that share an article with another file, the
/// cases where order and ties matter), split into folders, ordered and batched at random. CsCheck prints the seed of a
/// failing case; set <c>CsCheck_Seed</c> to replay it.
/// </summary>
public sealed partial class ImportPropertyTests(ITestOutputHelper output)
{
    private const int Iterations = 12;

    /// <summary>A set of files, how they are split into folders and in which order the folders are named, and the batch size.</summary>
    public sealed record Arrangement(string[] Files, int[] Parts, int[] FolderOrder, int BatchSize)
    {
        public override string ToString() =>
            $"batch {BatchSize}, folders in order [{string.Join(",", FolderOrder)}]: {string.Join(", ", Files.Select((f, i) => $"{Parts[i]}:{Path.GetFileName(f)}"))}";
    }

    private static readonly Lazy<(string[] All, string[] Shared)> Pool = new(() =>
    {
        var all = Directory.GetFiles(Corpus.Azure).Concat(Directory.GetFiles(Corpus.PowerApps)).Order(StringComparer.Ordinal).ToArray();
        var shared = all.GroupBy(UrlOf).Where(g => g.Count() > 1).SelectMany(g => g).ToArray();
        return (all, shared);
    });

    private static Gen<string[]> FileSets =>
        from some in Gen.Int[0, Pool.Value.All.Length - 1].Array[2, 12]
        from twins in Gen.Int[0, Pool.Value.Shared.Length - 1].Array[1, 8]
        select some.Select(i => Pool.Value.All[i]).Concat(twins.Select(i => Pool.Value.Shared[i])).Distinct().ToArray();

    private static Gen<Arrangement> Arrangements(Gen<string[]> files) =>
        from set in files
        from parts in Gen.Int[0, 2].Array[set.Length]
        from order in Gen.Int.Array[3]
        from batch in Gen.Int[1, 6]
        select new Arrangement(set, parts, [.. Enumerable.Range(0, 3).OrderBy(i => order[i])], batch);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Folder_order_and_batch_size_never_change_the_database(Engine engine)
    {
        await using var reference = await NewsFeedApp.StartAsync(engine);
        await using var app = await NewsFeedApp.StartAsync(engine);
        await Arrangements(FileSets).SampleAsync(async arrangement =>
        {
            await ClearAsync(reference);
            await ClearAsync(app);
            (await ImportAsync(reference, AsWholeFolders(arrangement.Files), 250)).Failed.Should().Be(0);

            (await ImportAsync(app, Folders(arrangement), arrangement.BatchSize)).Failed.Should().Be(0);

            (await ImportTestFiles.SnapshotAsync(app)).ShouldEqualSnapshot(await ImportTestFiles.SnapshotAsync(reference));
        }, writeLine: output.WriteLine, iter: Iterations, threads: 1, print: a => a.ToString());
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Reimporting_unchanged_input_in_any_folder_order_and_batch_split_changes_nothing(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        await Gen.Select(Arrangements(FileSets), Gen.Int[0, 2].Array[40], Gen.Int.Array[3], Gen.Int[1, 6],
                (first, parts, order, batch) => (First: first,
                    Again: first with { Parts = parts[..first.Files.Length], FolderOrder = [.. Enumerable.Range(0, 3).OrderBy(i => order[i])], BatchSize = batch }))
            .SampleAsync(async runs =>
            {
                await ClearAsync(app);
                (await ImportAsync(app, Folders(runs.First), runs.First.BatchSize)).Failed.Should().Be(0);
                var stored = await ImportTestFiles.SnapshotAsync(app);

                var again = await ImportAsync(app, Folders(runs.Again), runs.Again.BatchSize);

                // Each stored article's file is unchanged; every other file lost to it again.
                var articles = stored.Count(r => r.StartsWith("article ", StringComparison.Ordinal));
                again.Should().BeEquivalentTo(new { Created = 0, Updated = 0, Failed = 0, Unchanged = articles, Superseded = runs.First.Files.Length - articles });
                (await ImportTestFiles.SnapshotAsync(app)).ShouldEqualSnapshot(stored);
            }, writeLine: output.WriteLine, iter: Iterations, threads: 1, print: r => $"first {r.First}; again {r.Again}");
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_file_the_engine_refuses_leaves_the_others_as_without_it(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        // Imports the same set without the refused file (or whole, when the refused file was never written).
        await using var without = await NewsFeedApp.StartAsync(engine);
        await ImportTestFiles.RefuseTitlesAsync(app);
        var cases =
            from arrangement in Arrangements(FileSets)
            from pick in Gen.Int[0, arrangement.Files.Length - 1]
            from atomic in Gen.Bool
            let titles = arrangement.Files.Select(ImportTestFiles.TitleOf).ToList()
            // Refused by title: no other file of the set may share it.
            where titles.Count(t => t == titles[pick]) == 1
            select (Arrangement: arrangement, Refused: arrangement.Files[pick], Atomic: atomic);
        await cases.SampleAsync(async c =>
        {
            await ClearAsync(app);
            await ClearAsync(without);
            await using (var db = app.CreateDbContext())
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM refused_titles");
                var title = ImportTestFiles.TitleOf(c.Refused);
                await db.Database.ExecuteSqlAsync($"INSERT INTO refused_titles (title) VALUES ({title})");
            }
            var others = c.Arrangement with
            {
                Files = [.. c.Arrangement.Files.Where(f => f != c.Refused)],
                Parts = [.. c.Arrangement.Parts.Where((_, i) => c.Arrangement.Files[i] != c.Refused)],
            };

            var report = await ImportAsync(app, Folders(c.Arrangement), c.Arrangement.BatchSize, c.Atomic);
            // Refused when it is written: a version that loses to another file's is never written, so never refused,
            // and then counts like any superseded file (for its providers): expected is the whole set, unrefused.
            var refused = report.Failed == 1;
            await ImportAsync(without, Folders(refused ? others : c.Arrangement), others.BatchSize);

            report.Failed.Should().BeLessThanOrEqualTo(1);
            report.Errors.Where(e => !e.File.EndsWith($"/{Path.GetFileName(c.Refused)}", StringComparison.Ordinal)).Should().BeEmpty();
            (await ImportTestFiles.SnapshotAsync(app)).ShouldEqualSnapshot(await ImportTestFiles.SnapshotAsync(without));
        }, writeLine: output.WriteLine, iter: Iterations, threads: 1, print: c => $"refused {Path.GetFileName(c.Refused)}, atomic {c.Atomic}, {c.Arrangement}");
    }

    /// <summary>Each file in the folder of its part (three parts per corpus, each folder named after the corpus), named in the arrangement's order.</summary>
    private static string[] Folders(Arrangement arrangement) =>
    [
        .. arrangement.FolderOrder.SelectMany(part => arrangement.Files.Where((_, i) => arrangement.Parts[i] == part)
            .GroupBy(CorpusOf).Select(g => ImportTestFiles.LinkFolder(g, g.Key))),
    ];

    private static string[] AsWholeFolders(string[] files) => [.. files.GroupBy(CorpusOf).Select(g => ImportTestFiles.LinkFolder(g, g.Key))];

    private static string CorpusOf(string file) => Path.GetFileName(Path.GetDirectoryName(file))!;

    private static Task<ImportReport> ImportAsync(NewsFeedApp app, string[] folders, int batchSize, bool atomic = false)
    {
        var options = app.Services.GetRequiredService<ImportOptions>() with { BatchSize = batchSize };
        var pipeline = new ImportPipeline(app.Services.GetRequiredService<ArticleWriter>(), options, NullLogger<ImportPipeline>.Instance);
        return pipeline.RunAsync(ImportSources.Expand(folders, options), new ImportRequest(Atomic: atomic));
    }

    private static async Task ClearAsync(NewsFeedApp app)
    {
        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("""
            DELETE FROM related_item_images; DELETE FROM related_items; DELETE FROM article_images; DELETE FROM article_topics;
            DELETE FROM articles; DELETE FROM provider_logos; DELETE FROM providers; DELETE FROM topics;
            """);
    }

    /// <summary>The article a file is (its webUrl, else originalUrl), read cheaply: only to group the pool, never asserted on.</summary>
    private static string UrlOf(string file)
    {
        var head = File.ReadLines(file).Take(20).ToList();
        return head.Select(l => WebUrl().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            ?? head.Select(l => OriginalUrl().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? file;
    }

    [GeneratedRegex("^webUrl: \"?([^\"]*)\"?$")]
    private static partial Regex WebUrl();

    [GeneratedRegex("^originalUrl: \"?([^\"]*)\"?$")]
    private static partial Regex OriginalUrl();
}
