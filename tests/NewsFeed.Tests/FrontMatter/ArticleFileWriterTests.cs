using System.Text;
using System.Text.Json.Nodes;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.FrontMatter;

/// <summary>Writing a document back as a file and reading it again gives the same document, unknown keys included.</summary>
public sealed class ArticleFileWriterTests
{
    [Fact]
    public void Every_corpus_file_survives_a_write_and_a_read()
    {
        var files = Directory.GetFiles(Corpus.Azure).Concat(Directory.GetFiles(Corpus.PowerApps)).Append(RepoPaths.SeedFile);
        foreach (var file in files)
        {
            var original = ArticleFileReader.Read(File.ReadAllBytes(file)).Document!;
            var written = ArticleFileWriter.Write(original);
            var again = ArticleFileReader.Read(Encoding.UTF8.GetBytes(written));
            again.Errors.Should().BeEmpty(file);
            again.Document.Should().BeEquivalentTo(original, o => o.WithStrictOrdering(), file);
        }
    }

    [Fact]
    public void Unknown_keys_at_every_level_go_back_where_they_were()
    {
        var source = File.ReadAllText(RepoPaths.SeedFile)
            .Replace("category: news\n", "category: news\nmood: \"calm\"\nscore: 4.5\nflags: [a, b]\n", StringComparison.Ordinal)
            .Replace("  domain: wsj.com\n  images:", "  domain: wsj.com\n  tagline: \"news\"\n  images:", StringComparison.Ordinal)
            .Replace("    isCached: true\n\nrelated:", "    isCached: true\n    alt: \"a photo\"\n\nrelated:", StringComparison.Ordinal)
            .Replace("    quality: 94\n", "    quality: 94\n    rank: 1\n", StringComparison.Ordinal);
        var original = ArticleFileReader.Read(Encoding.UTF8.GetBytes(source)).Document!;
        JsonNode.DeepEquals(JsonNode.Parse(original.Extra!), JsonNode.Parse(
            "{\"mood\":\"calm\",\"score\":4.5,\"flags\":[\"a\",\"b\"],\"provider.tagline\":\"news\",\"images[0].alt\":\"a photo\",\"related[0].rank\":1}"))
            .Should().BeTrue(original.Extra);

        var written = ArticleFileWriter.Write(original);

        written.Should().StartWith("---\ncategory: \"news\"\ntitle: \"Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban\"\n")
            .And.EndWith("\n---\n\n");
        ArticleFileReader.Read(Encoding.UTF8.GetBytes(written)).Document.Should().BeEquivalentTo(original, o => o.WithStrictOrdering());
    }
}
