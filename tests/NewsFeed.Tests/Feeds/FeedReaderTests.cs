using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Feeds;

/// <summary>
/// The feeds as feed readers get them: served by Kestrel, saved to files, and read by feedsmith,
/// @rowanmanning/feed-parser and rss-parser (npm), with the W3C feed-validator rules that need no network.
/// </summary>
public abstract class FeedReaderTests(Engine engine)
{
    // A mix of providers and image kinds, Azure Maps' .png images, and a query nothing matches.
    private static readonly string[] Queries = ["pageSize=100", "q=Azure%20Maps", "q=no-article-mentions-this-xyzzy"];

    private static readonly (string Format, string Extension)[] Formats = [("rss", ".rss"), ("atom", ".atom"), ("json", ".json")];

    [Fact]
    public async Task Every_feed_of_every_query_parses_in_three_npm_feed_parsers_and_passes_the_offline_w3c_rules()
    {
        await using var app = new NewsFeedApp((await SharedCorpus.ImportedAsync(engine)).Database);
        app.StartKestrel();
        using var client = app.CreateClient();
        var folder = Corpus.NewScratchFolder();
        var files = new List<string>();
        foreach (var (query, index) in Queries.Select((q, i) => (q, i)))
        {
            foreach (var (format, extension) in Formats)
            {
                var file = Path.Combine(folder, $"{index}-{format}{extension}");
                await File.WriteAllTextAsync(file, await client.GetStringAsync($"/feeds/{format}?{query}"));
                files.Add(file);
            }
        }

        var check = await FeedReaderCheck.RunAsync(files);

        check.Stderr.Should().BeEmpty();
        // One line per problem: an assertion on the lines shows them all when it fails.
        check.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal($"ok: {files.Count} feeds");
        check.ExitCode.Should().Be(0);
    }
}

public sealed class SqliteFeedReaderTests() : FeedReaderTests(Engine.Sqlite);

public sealed class PostgresFeedReaderTests() : FeedReaderTests(Engine.Postgres);
