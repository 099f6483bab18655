using CsCheck;
using NewsFeed.FrontMatter;

namespace NewsFeed.UnitTests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Microsoft's New AI: Hello, World?", "microsofts-new-ai-hello-world")]
    [InlineData("  --Hello,   World--  ", "hello-world")]
    [InlineData("日本語", "")]
    public void A_title_becomes_lower_case_ascii_words_joined_by_single_hyphens(string title, string slug) =>
        Slug.From(title).Should().Be(slug);

    [Fact]
    public void A_jekyll_file_name_is_the_slug_whole_whatever_the_title()
    {
        var name = "2021-12-10-" + string.Join('-', Enumerable.Repeat("long", 40)) + "-2";

        Slug.ForArticle($"azure/{name}.md", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), "Other title").Should().Be(name);
    }

    [Theory]
    [InlineData(@"folder\000_87784aaa7c47e396.txt", "Chinese AI Giant", "2021-12-10-chinese-ai-giant")]
    [InlineData("a.md", "???", "2021-12-10")]
    public void Another_file_name_gives_the_date_and_the_title(string path, string title, string slug) =>
        Slug.ForArticle(path, new DateTime(2021, 12, 10, 14, 30, 0, DateTimeKind.Utc), title).Should().Be(slug);

    [Fact]
    public void Every_slug_is_lower_case_ascii_letters_digits_and_single_inner_hyphens() =>
        Gen.String.Sample(text =>
        {
            var slug = Slug.From(text);
            return slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
        });
}
