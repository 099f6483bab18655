using System.Text;
using System.Text.RegularExpressions;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>
/// Clashing slugs get the first free <c>-2</c>, <c>-3</c>... in the order the rows come, across batches and imports,
/// however many clash (allocated in memory from one read of the stored <c>base-N</c> slugs, not probed one by one).
/// </summary>
public sealed partial class SlugClashTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_thousand_punctuation_only_topic_names_get_topic_topic_2_and_so_on(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        // "!", "#", ... then pairs and triples: all distinct names, none with a letter or digit, so all want the slug "topic".
        const string marks = "!#$%&()*+,./:;<=>?@^`|~";
        var names = marks.Select(c => $"{c}")
            .Concat(marks.SelectMany(a => marks.Select(b => $"{a}{b}")))
            .Concat(marks.SelectMany(a => marks.SelectMany(b => marks.Select(c => $"{a}{b}{c}")))).Take(1000).ToList();
        var seed = await File.ReadAllTextAsync(RepoPaths.SeedFile);
        var path = Path.Combine(Corpus.NewScratchFolder(), "punctuation.md");
        await File.WriteAllTextAsync(path, seed.Replace("topics:\n  - AI\n",
            $"topics: [{string.Join(", ", names.Select(n => $"\"{n}\""))}]\n", StringComparison.Ordinal), Encoding.UTF8);

        (await app.ImportAsync(path)).Should().BeEquivalentTo(new { Created = 1, Failed = 0 });

        await using var db = app.CreateDbContext();
        var slugs = db.Topics.ToDictionary(t => t.Name, t => t.Slug);
        names.Select(n => slugs[n]).Should().Equal(names.Select((_, i) => i == 0 ? "topic" : $"topic-{i + 1}"));
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Same_title_and_date_files_get_the_next_free_suffix_across_batches_and_imports(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine, new Dictionary<string, string?> { ["Import:BatchSize"] = "7" });
        var source = await File.ReadAllTextAsync(Path.Combine(Corpus.PowerApps, "2019-10-29-ai-builder-2019-release-wave-2-overview.md"));
        var folder = Path.Combine(Corpus.NewScratchFolder(), "copies");
        Directory.CreateDirectory(folder);
        // Non-Jekyll names: the slug comes from the date and title, the same for all; each copy is its own article.
        for (var i = 0; i < 30; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"copy{i:D2}.md"), UrlLine().Replace(source, m => $"{m.Value[..^1]}?copy={i}\""));

        var first = await app.ImportAsync(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "copy30.md"), UrlLine().Replace(source, m => $"{m.Value[..^1]}?copy=30\""));
        var second = await app.ImportAsync(folder);

        first.Should().BeEquivalentTo(new { Created = 30, Failed = 0 });
        second.Should().BeEquivalentTo(new { Created = 1, Unchanged = 30 });
        await using var db = app.CreateDbContext();
        var slugs = db.Articles.ToDictionary(a => a.SourcePath, a => a.Slug);
        const string wanted = "2019-10-29-ai-builder-2019-release-wave-2-overview";
        Enumerable.Range(0, 31).Select(i => slugs[$"copies/copy{i:D2}.md"])
            .Should().Equal(Enumerable.Range(0, 31).Select(i => i == 0 ? wanted : $"{wanted}-{i + 1}"));
    }

    [GeneratedRegex("(?m)^(originalUrl|webUrl): \"[^\"]*\"")]
    private static partial Regex UrlLine();
}
