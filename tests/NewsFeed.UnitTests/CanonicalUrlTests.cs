using CsCheck;
using NewsFeed.FrontMatter;

namespace NewsFeed.UnitTests;

public sealed class CanonicalUrlTests
{
    [Theory]
    [InlineData("HTTPS://WWW.WSJ.com/Articles/X?Id=A#Top", "https://www.wsj.com/Articles/X?Id=A")]
    [InlineData("https://Example.COM?Q=1", "https://example.com?Q=1")]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("not a url#x", "not a url")]
    public void Scheme_and_host_are_lower_cased_the_fragment_dropped_and_the_rest_kept(string url, string canonical) =>
        CanonicalUrl.From(url).Should().Be(canonical);

    [Fact]
    public void The_canonical_form_of_a_canonical_url_is_itself() =>
        Gen.String.Sample(url => CanonicalUrl.From(CanonicalUrl.From(url)) == CanonicalUrl.From(url));

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("http://example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.com/a", false)]
    [InlineData("/relative/path", false)]
    public void Only_absolute_http_and_https_urls_are_web_urls(string url, bool isWebUrl) =>
        CanonicalUrl.IsWebUrl(url).Should().Be(isWebUrl);
}
