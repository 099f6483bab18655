using System.Buffers;

namespace NewsFeed.FrontMatter;

/// <summary>The identity of an article's URL: scheme and host lower-cased, any #fragment dropped, the rest kept verbatim.</summary>
public static class CanonicalUrl
{
    public static string From(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) url = url[..hash];
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return url;
        var hostStart = schemeEnd + 3;
        var hostEnd = url.IndexOfAny(['/', '?'], hostStart);
        if (hostEnd < 0) hostEnd = url.Length;
        // Only scheme and authority are case-insensitive; paths and queries are not, so they stay as written. Nearly
        // every URL is canonical already, and is returned as it is rather than copied (twice per related item).
        if (!url.AsSpan(0, hostEnd).ContainsAnyInRange('A', 'Z') && !url.AsSpan(0, hostEnd).ContainsAnyExceptInRange('\0', '\u007F'))
            return url;
        return string.Concat(url[..hostEnd].ToLowerInvariant(), url.AsSpan(hostEnd));
    }

    /// <summary>True for an absolute http or https URL with a host, as <see cref="Uri"/> reads it.</summary>
    public static bool IsWebUrl(string url) => IsPlainWebUrl(url) || IsWebUrlToSystemUri(url);

    private static bool IsWebUrlToSystemUri(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    // After the host: printable ASCII but the backslash (which Uri rewrites) and the percent sign (which it may escape).
    private static readonly SearchValues<char> PlainRest = SearchValues.Create(
        "!\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// The form nearly every URL of the files has, which <see cref="Uri"/> always accepts: http(s), a host name of
    /// letters, digits and inner hyphens (no IDN, no address, no port), then printable ASCII. It answers only "yes";
    /// anything else goes to <see cref="Uri"/>, which built an object, its parts and their strings for each of a
    /// corpus's half a million URLs (a tenth of reading a file). A test compares the answers with Uri's alone on
    /// generated URLs.
    /// </summary>
    private static bool IsPlainWebUrl(string url)
    {
        var rest = url.AsSpan();
        if (rest.Length > 2000) return false;
        if (rest.StartsWith("https://", StringComparison.Ordinal)) rest = rest[8..];
        else if (rest.StartsWith("http://", StringComparison.Ordinal)) rest = rest[7..];
        else return false;
        var hostEnd = rest.IndexOfAny('/', '?', '#');
        var host = hostEnd < 0 ? rest : rest[..hostEnd];
        if (host.Length is 0 or > 253 || !IsPlainHostName(host)) return false;
        return hostEnd < 0 || !rest[hostEnd..].ContainsAnyExcept(PlainRest);
    }

    private static bool IsPlainHostName(ReadOnlySpan<char> host)
    {
        var lastLabel = default(ReadOnlySpan<char>);
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)
                || label.ContainsAnyExcept(HostChars))
                return false;
            lastLabel = label;
        }
        // A name, not an address: Uri reads a host of digits and dots as IPv4, by rules of its own.
        return char.IsAsciiLetter(lastLabel[0]);
    }

    private static readonly SearchValues<char> HostChars = SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
