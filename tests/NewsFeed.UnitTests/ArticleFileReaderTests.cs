using System.Text;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.UnitTests;

/// <summary>The reader and the mapper behind it, on bytes alone: what a file gives, and where its errors are.</summary>
public sealed class ArticleFileReaderTests
{
    private static ReadResult Read(string text) => ArticleFileReader.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void The_seed_file_maps_to_its_fields()
    {
        var result = ArticleFileReader.Read(File.ReadAllBytes(RepoPaths.SeedFile));

        result.Errors.Should().BeEmpty();
        result.Document.Should().BeEquivalentTo(new
        {
            Category = "news",
            Title = "Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban",
            PublishedAt = new DateTime(2021, 12, 10, 14, 30, 0, DateTimeKind.Utc),
            Type = "article",
            Quality = 87,
            Heat = -1,
            Published = false,
        });
        result.Document!.Topics.Should().Equal("AI");
        result.Document.Provider!.Domain.Should().Be("wsj.com");
        result.Document.Images.Should().ContainSingle().Which.Url.Should().Be("https://images.wsj.net/im-449875/social");
        result.Document.Related.Should().NotBeEmpty();
    }

    [Fact]
    public void A_provider_domain_is_stored_as_the_domain_filter_and_providers_look_it_up_trimmed_and_lower_cased()
    {
        var seed = File.ReadAllText(RepoPaths.SeedFile);
        var quoted = seed.Replace("  domain: wsj.com\n", "  domain: \" WSJ.com \"\n", StringComparison.Ordinal);
        quoted.Should().NotBe(seed);

        Read(quoted).Document!.Provider!.Domain.Should().Be(DomainName.Normalize(" WSJ.com ")).And.Be("wsj.com");
    }

    [Fact]
    public void A_file_without_front_matter_fails_at_line_1_column_1()
    {
        var result = Read("# Just Markdown\n");

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 1, Column = 1, Field = (string?)null });
        result.Errors[0].Message.Should().Contain("first line must be '---'");
    }

    [Fact]
    public void Front_matter_that_is_never_closed_fails_saying_so()
    {
        var result = Read("---\ntitle: Open\npublishedDateTime: 2021-01-01T00:00:00Z\n");

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("never closed");
    }

    [Fact]
    public void A_value_of_the_wrong_type_fails_naming_its_field_line_and_column()
    {
        var result = Read("---\ntitle: Typed\npublishedDateTime: 2021-01-01T00:00:00Z\nwebUrl: https://example.com/a\nquality: high\n---\nBody\n");

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 5, Field = "quality" });
        result.Errors[0].Column.Should().BePositive();
    }

    [Fact]
    public void A_binary_file_fails_at_the_nul_byte()
    {
        var result = ArticleFileReader.Read("---\ntitle: a\0b\n"u8);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 2, Column = 9 });
    }
}
