using Microsoft.AspNetCore.Http.Extensions;

namespace NewsFeed.Api.Reading;

/// <summary>
/// RFC 8288 <c>Link</c> headers for paged lists: the same request with only <c>page</c> or <c>cursor</c> changed.
/// Path-absolute references, so a response served from the cache is right whatever host name the client used.
/// </summary>
internal static class PageLinks
{
    private static readonly string[] PagingParameters = ["page", "cursor"];

    /// <summary>first, prev, next, and last when the page count is known exactly.</summary>
    public static string ForPages(HttpRequest request, int page, bool hasNext, long? lastPage)
    {
        var links = new List<string> { Link(request, "first", null) };
        if (page > 1) links.Add(Link(request, "prev", ("page", (page - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (hasNext) links.Add(Link(request, "next", ("page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (lastPage is > 0 and var last) links.Add(Link(request, "last", ("page", last.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return string.Join(", ", links);
    }

    /// <summary>first and next: a keyset page cannot name the page before it.</summary>
    public static string ForCursor(HttpRequest request, string? nextCursor)
    {
        var links = new List<string> { Link(request, "first", null) };
        if (nextCursor is not null) links.Add(Link(request, "next", ("cursor", nextCursor)));
        return string.Join(", ", links);
    }

    private static string Link(HttpRequest request, string rel, (string Name, string Value)? paging)
    {
        var query = new QueryBuilder(request.Query
            .Where(p => !PagingParameters.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))));
        if (paging is { } p) query.Add(p.Name, p.Value);
        return $"<{request.PathBase}{request.Path}{query.ToQueryString()}>; rel=\"{rel}\"";
    }
}
