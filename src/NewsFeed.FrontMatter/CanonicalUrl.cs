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
        // Only scheme and authority are case-insensitive; paths and queries are not, so they stay as written.
        return string.Concat(url[..hostEnd].ToLowerInvariant(), url.AsSpan(hostEnd));
    }

    /// <summary>True for an absolute http or https URL with a host.</summary>
    public static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}
