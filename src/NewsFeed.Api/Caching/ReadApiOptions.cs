namespace NewsFeed.Api.Caching;

/// <summary>Settings of the read endpoints' HTTP caching (configuration section <c>ReadApi</c>).</summary>
internal sealed class ReadApiOptions
{
    /// <summary>Serve repeated identical queries from memory (keyed by the data version, so an import invalidates at once).</summary>
    public bool ResponseCacheEnabled { get; set; } = true;

    /// <summary>The most response bytes the cache holds; the least recently used go first.</summary>
    public long ResponseCacheBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// <c>Cache-Control: max-age</c> for clients and proxies. 0 (the default) means <c>no-cache</c>: they keep the
    /// response but revalidate each time with If-None-Match, which costs one index lookup and never reads stale data.
    /// </summary>
    public int MaxAgeSeconds { get; set; }
}
