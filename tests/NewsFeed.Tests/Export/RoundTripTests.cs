using System.Net;
using System.Text;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Export;

/// <summary>Import, export, import again elsewhere: nothing is lost.</summary>
public abstract class RoundTripTests<TEngine>(CorpusFixture<TEngine> corpus, Engine otherEngine) : IClassFixture<CorpusFixture<TEngine>>
    where TEngine : IEngineKind
{
    [Fact]
    public async Task The_export_of_both_corpora_imports_into_the_other_engine_as_the_same_articles()
    {
        using var client = corpus.App.CreateClient();
        // Tens of megabytes of front matter: allow for a slow, shared machine.
        client.Timeout = TimeSpan.FromMinutes(10);
        using var response = await client.GetAsync("/export?includeRemoved=true", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/gzip");
        var archive = Path.Combine(Corpus.NewScratchFolder(), "newsfeed-export.tar.gz");
        await using (var file = File.Create(archive)) await response.Content.CopyToAsync(file);

        await using var other = await NewsFeedApp.StartAsync(otherEngine);
        var report = await other.ImportAsync(archive);

        report.Should().BeEquivalentTo(new { Files = 1437, Created = 1437, Failed = 0, Warnings = Array.Empty<object>() });
        await using var original = corpus.App.CreateDbContext();
        await using var copy = other.CreateDbContext();
        var expected = await DatabaseSnapshot.TakeAsync(original, content: true);
        (await DatabaseSnapshot.TakeAsync(copy, content: true)).ShouldEqualSnapshot(expected);
        expected.Count(r => r.StartsWith("article ", StringComparison.Ordinal)).Should().Be(1437);
    }

    [Fact]
    public async Task The_export_takes_the_articles_filters()
    {
        using var client = corpus.App.CreateClient();

        using var response = await client.GetAsync("/export?topic=AI&provider=wsj.com");
        using var bad = await client.GetAsync("/export?pageSize=0");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var archive = Path.Combine(Corpus.NewScratchFolder(), "ai-wsj.tar.gz");
        await using (var file = File.Create(archive)) await response.Content.CopyToAsync(file);
        await using var other = await NewsFeedApp.StartAsync(otherEngine);
        var report = await other.ImportAsync(archive);
        using var expected = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/articles?topic=AI&provider=wsj.com&pageSize=100&fields=slug"));
        var slugs = expected.RootElement.GetProperty("items").EnumerateArray().Select(i => $"articles/{i.GetProperty("slug").GetString()}.md").ToList();
        slugs.Should().NotBeEmpty().And.Contain("articles/2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban.md");
        report.Created.Should().Be(slugs.Count);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_article_source_reads_back_as_the_seed_record()
    {
        using var client = corpus.App.CreateClient();

        using var response = await client.GetAsync("/articles/2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban/source");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/markdown");
        var text = await response.Content.ReadAsStringAsync();
        var seed = ArticleFileReader.Read(await File.ReadAllBytesAsync(RepoPaths.SeedFile)).Document!;
        ArticleFileReader.Read(Encoding.UTF8.GetBytes(text)).Document.Should().BeEquivalentTo(seed, o => o.WithStrictOrdering());
        (await client.GetAsync("/articles/no-such-article/source")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteToPostgresRoundTripTests(CorpusFixture<OnSqlite> corpus) : RoundTripTests<OnSqlite>(corpus, Engine.Postgres);

public sealed class PostgresToSqliteRoundTripTests(CorpusFixture<OnPostgres> corpus) : RoundTripTests<OnPostgres>(corpus, Engine.Sqlite);
