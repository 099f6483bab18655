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

    /// <summary>
    /// <see cref="CanonicalUrl.IsWebUrl"/> answers the usual URLs itself, without building a <see cref="Uri"/>: its answer
    /// must be Uri's on any text, so URLs are generated around the fast path's edges (schemes in other cases, hosts of
    /// digits, IDN and ports, empty labels, characters Uri escapes or rewrites).
    /// </summary>
    [Fact]
    public void A_web_url_is_what_System_Uri_reads_as_one()
    {
        var scheme = Gen.OneOf("http://", "https://", "HTTP://", "Https://", "ftp://", "http:/", "http:", "");
        var label = Gen.Frequency(
            (8, Gen.Char["abcxyzABZ0189-"].Array[0, 8].Select(c => new string(c))),
            (1, Gen.OneOf("xn--bcher-kva", "XN--abc", "127", "999", "0x7f", "a_b", "é", "[::1]", "a:80", "u@a", "%41")));
        var host = label.Array[1, 4].Select(labels => string.Join('.', labels));
        var separator = Gen.OneOf("", "/", "?", "#", "/a/", ":8080/", "\\");
        var rest = Gen.Char[" !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~é\t\u00a0"].Array[0, 12].Select(c => new string(c));
        Gen.Select(scheme, host, separator, rest, (s, h, sep, r) => s + h + sep + r)
            .Sample(url => CanonicalUrl.IsWebUrl(url) == BySystemUri(url), iter: 50_000);
    }

    private static bool BySystemUri(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
