using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsFeed.Data.Queries;
using NewsFeed.Data.Replicas;

namespace NewsFeed.Api.Caching;

/// <summary>
/// Conditional GET and a response cache for the read endpoints. Both are keyed by the <see cref="DataVersion"/> of the
/// request's <see cref="ReadSession"/> plus the normalized request, so the ETag and the cached bytes change the moment
/// an import commits, on every instance, with nothing to invalidate by hand; and since the version is read in the same
/// snapshot as the data, an ETag never names data newer than the answer it labels. The ETag carries the version in
/// clear: a client that sends it back (to any instance) is never answered from a replica older than what it saw. An
/// If-None-Match that matches is answered 304 before any query runs; a repeated query is answered from memory.
/// </summary>
internal sealed class ReadResponseCache(RequestDelegate next, ResponseStore store, IOptions<ReadApiOptions> options)
{
    private static readonly string[] ReadPaths = ["/articles", "/topics", "/providers", "/feeds"];

    private readonly ReadApiOptions _options = options.Value;
    private readonly MemoryCache _cache = store.Cache;

    public async Task InvokeAsync(HttpContext context, ReadSession session)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !ReadPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        // The version is peeked at ahead of the query only when something is decided before it runs: an ETag to compare,
        // a cached response to look up. The query's first command reads it again in its snapshot, in the same round trip.
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 || _options.ResponseCacheEnabled)
        {
            var version = await session.PeekAsync(SeenVersion(ifNoneMatch), context.RequestAborted);
            var (key, etag) = Label(version, request);
            if (Matches(ifNoneMatch, etag))
            {
                SetCachingHeaders(context.Response, etag);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            if (_options.ResponseCacheEnabled && _cache.TryGetValue(key, out CachedResponse? hit))
            {
                SetCachingHeaders(context.Response, etag);
                // "*" matches any current representation: only an answer of 200 shows there is one, so it is decided
                // after the app has run (or from a cached 200), never before, which would turn a 400 or a 404 into a 304.
                if (MatchesAny(ifNoneMatch))
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
                await hit!.WriteAsync(context.Response, context.RequestAborted);
                return;
            }
        }

        var body = context.Response.Body;
        using var buffer = new PooledBufferStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            // The version the data was read at, in its snapshot (maybe later than the one peeked at above); an answer
            // that read no data reads it now.
            var version = session.Version ?? await session.BeginAsync(context.RequestAborted);
            var (key, etag) = Label(version, request);
            SetCachingHeaders(context.Response, etag);
            if (_options.ResponseCacheEnabled)
            {
                var cached = new CachedResponse(buffer.Written.ToArray(), context.Response.ContentType, context.Response.Headers.Link.ToString());
                _cache.Set(key, cached, new MemoryCacheEntryOptions { Size = cached.Body.Length + 256, SlidingExpiration = TimeSpan.FromMinutes(10) });
            }
            if (MatchesAny(ifNoneMatch))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.Headers.ContentType = default;
                context.Response.Headers.ContentLength = default;
                return;
            }
        }
        // With its length stated, Kestrel sends the response in one write, not as chunks with a terminator of their own.
        context.Response.ContentLength = buffer.Length;
        await body.WriteAsync(buffer.Written, context.RequestAborted);
    }

    /// <summary>The cache key and the ETag of this request at this version.</summary>
    private static (string Key, string ETag) Label(string version, HttpRequest request)
    {
        var key = Key(version, request);
        return (key, $"W/\"{version}-{key[..16]}\"");
    }

    /// <summary>The data version and the request with its query parameters in a fixed order, hashed.</summary>
    private static string Key(string version, HttpRequest request)
    {
        var text = new StringBuilder(version).Append('\n').Append(request.Path.Value);
        foreach (var (name, values) in request.Query.OrderBy(p => p.Key, StringComparer.Ordinal))
            foreach (var value in values) text.Append('\n').Append(name).Append('=').Append(value);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The highest data version named by the ETags the client sent (ours are <c>W/"version-hash"</c>), or null.</summary>
    private static string? SeenVersion(Microsoft.Extensions.Primitives.StringValues ifNoneMatch)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var sent)) return null;
        string? seen = null;
        foreach (var tag in sent)
        {
            var value = tag.Tag.AsSpan().Trim('"');
            var dash = value.LastIndexOf('-');
            if (dash <= 0 || value[..dash].ContainsAnyExcept(VersionCharacters)) continue;
            var version = value[..dash].ToString();
            seen = seen is null ? version : DataVersion.Later(seen, version);
        }
        return seen;
    }

    private static readonly System.Buffers.SearchValues<char> VersionCharacters = System.Buffers.SearchValues.Create("0123456789abcdef.");

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        var tag = EntityTagHeaderValue.Parse(etag);
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var sent) && sent.Any(t => !t.Equals(EntityTagHeaderValue.Any) && t.Compare(tag, useStrongComparison: false));
    }

    private static bool MatchesAny(Microsoft.Extensions.Primitives.StringValues ifNoneMatch) =>
        ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var sent) && sent.Any(t => t.Equals(EntityTagHeaderValue.Any));

    private void SetCachingHeaders(HttpResponse response, string etag)
    {
        response.Headers.ETag = etag;
        response.Headers.CacheControl = _options.MaxAgeSeconds > 0 ? $"public, max-age={_options.MaxAgeSeconds}" : "public, no-cache";
    }

    internal sealed record CachedResponse(byte[] Body, string? ContentType, string Link)
    {
        public Task WriteAsync(HttpResponse response, CancellationToken ct)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            if (Link.Length > 0) response.Headers.Link = Link;
            response.ContentLength = Body.Length;
            return response.Body.WriteAsync(Body, ct).AsTask();
        }
    }
}

/// <summary>The memory the response cache lives in: one per process, bounded by <see cref="ReadApiOptions.ResponseCacheBytes"/>.</summary>
internal sealed class ResponseStore(IOptions<ReadApiOptions> options) : IDisposable
{
    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = options.Value.ResponseCacheBytes });

    public void Dispose() => Cache.Dispose();
}
