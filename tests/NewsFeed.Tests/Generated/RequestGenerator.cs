using System.Globalization;
using System.Text;

namespace NewsFeed.Tests.Generated;

/// <summary>Real values to mix into generated requests, so the 200 paths are exercised too, not only the refusals.</summary>
public sealed record RealValues(IReadOnlyList<string> ArticleIds, IReadOnlyList<string> Slugs, IReadOnlyList<string> Topics,
    IReadOnlyList<string> Providers, IReadOnlyList<string> Words, IReadOnlyList<string> Cursors);

/// <summary>
/// Makes request URLs for an OpenAPI operation from a seed: each parameter absent, or a random or boundary value of its
/// type, empty, blank, with a NUL, huge, a far date, repeated; sometimes unknown parameters; odd path segments;
/// sometimes a conditional header (If-None-Match, <c>*</c> or a tag that matches nothing or does not parse).
/// </summary>
public sealed class RequestGenerator(int seed, RealValues real, string apiKey)
{
    private static readonly string[] Blanks = ["", " ", "%20%20", "%09", "%0A"];

    private static readonly string[] Integers =
    [
        "0", "1", "-1", "2", "20", "100", "101", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
        "99999999999999999999999", "1e3", "0x10", "1.5", "١", "+5", "%2B5", "007", "abc",
    ];

    private static readonly string[] EntityTags = ["*", "\"0\"", "W/\"0123456789abcdef\"", "\"a\", *", "not-a-tag", ""];

    private static readonly string[] Booleans = ["true", "false", "TRUE", "False", "1", "0", "yes", "on", "null"];

    private static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "2021-12-10", "2020-02-29", "2021-02-30", "0000-01-01", "10000-01-01", "-0001-01-01",
        "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00%2B14:00",
        "9999-12-31T23:59:59-14:00", "2021-12-10T14:30:00Z", "2021-12-10T14:30", "2021-12-10T25:00:00Z", "2021-12-10T14:30:00%2B01:00",
        "12/10/2021", "yesterday", "2021-W49", "20211210",
    ];

    private static readonly string[] Texts =
    [
        "a", "azure", "AI", "Power%20Apps", "power-apps", "wsj.com", "news", "article", "video", "%25", "_", "*", "%22", "%22%22",
        "%22unterminated", "-", "-azure", "azure%20OR%20ai", "OR", "AND", "NOT", "NEAR(a%20b)", "title:azure", "a%20AND", "%5E", "%5C",
        "%27%20OR%201%3D1%20--", "%3Cscript%3E", "%F0%9F%98%80", "%E2%80%AE", "%D7%A9%D7%9C%D7%95%D7%9D", "e%CC%81", "%EF%BB%BF", "%C2%A0",
        "a%00b", "%00", "%01", "%7F", "%FF", "%C3%28", "%ED%A0%80", "%2F", "..%2F..", "%3F", "%26", "%3D", "%23",
        "publishedDateTime", "-heat,title", "relevance", "relevance,-publishedDateTime", "title,title", "quality,,heat", "updatedAt",
        "id,title,webUrl", "id,body", "topic,provider,type", "topic,topic", "category",
    ];

    private static readonly string[] OddSegments =
    [
        "%20", "%09", "a%00b", "%00", "%2F", "a%2Fb", "%25", "%FF", "%F0%9F%98%80", "-1", "0", "9223372036854775807", "9223372036854775808",
        "99999999999999999999", "1e10", "%2E%2E%2F%2E%2E", "%3F", "%23", "x", "WSJ.COM", "%20wsj.com%20",
    ];

    private readonly Random _random = new(seed);

    /// <summary>
    /// A request URL for the operation (and its headers). Half the requests are well-formed, to reach the answers behind
    /// the validation (filters that match, pages, cursors, search); the other half are hostile throughout.
    /// </summary>
    public string Next(OpenApiOperation operation, out IReadOnlyDictionary<string, string> headers)
    {
        var hostile = _random.NextDouble() < 0.5;
        var path = operation.Path;
        foreach (var p in operation.Parameters.Where(p => p.In == "path"))
            path = path.Replace($"{{{p.Name}}}", hostile && _random.NextDouble() < 0.6 ? Pick(OddSegments) : RealPathValue(p), StringComparison.Ordinal);
        var query = new List<string>();
        foreach (var p in operation.Parameters.Where(p => p.In == "query"))
        {
            if (_random.NextDouble() < (hostile ? 0.6 : 0.8)) continue;
            var count = p.IsArray ? 1 + _random.Next(3) : hostile && _random.NextDouble() < 0.1 ? 2 : 1;
            for (var i = 0; i < count; i++)
                query.Add(hostile && _random.NextDouble() < 0.05 ? p.Name : $"{p.Name}={(hostile ? HostileValue(p) : GoodValue(p))}");
        }
        if (hostile && _random.NextDouble() < 0.15) query.Add($"{Pick(["unknown", "Page", "topics", "%00", "a%20b", "q[]", ""])}={Pick(Texts)}");
        var sent = new Dictionary<string, string>();
        if (operation.Path.StartsWith("/imports", StringComparison.Ordinal) && _random.NextDouble() < 0.7)
            sent["X-Api-Key"] = hostile && _random.NextDouble() < 0.3 ? "wrong-key" : apiKey;
        if (_random.NextDouble() < 0.08) sent["If-None-Match"] = Pick(EntityTags);
        headers = sent;
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private string RealPathValue(OpenApiParameter p) => p.Name switch
    {
        "idOrSlug" => _random.NextDouble() < 0.5 ? Pick(real.ArticleIds) : Pick(real.Slugs),
        "slug" => Escape(Pick(real.Topics)),
        "domain" => Pick(real.Providers),
        _ => Guid.NewGuid().ToString("N"),
    };

    private string GoodValue(OpenApiParameter p)
    {
        if (p.Enum.Count > 0) return Pick(p.Enum);
        return (p.Type, p.Name) switch
        {
            (_, "page") => (1 + _random.Next(_random.NextDouble() < 0.8 ? 5 : 400)).ToString(CultureInfo.InvariantCulture),
            (_, "pageSize") => (1 + _random.Next(100)).ToString(CultureInfo.InvariantCulture),
            ("integer", _) => _random.Next(0, 101).ToString(CultureInfo.InvariantCulture),
            ("boolean", _) => _random.NextDouble() < 0.5 ? "true" : "false",
            (_, "from" or "to" or "updatedSince") => Pick(["2019-01-01", "2021-12-10", "2021-12-10T14:30:00Z", "2020-06-01T00:00:00%2B02:00", "0001-01-01", "9999-12-31"]),
            (_, "sort") => string.Join(',', Enumerable.Range(0, 1 + _random.Next(2)).Select(_ => Pick(["publishedDateTime", "-publishedDateTime", "updatedAt", "quality", "-heat", "title", "-title"])).Distinct()),
            (_, "fields") => string.Join(',', Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => Pick(["id", "title", "slug", "webUrl", "topics", "provider", "images", "snippet"])).Distinct()),
            (_, "facets") => string.Join(',', Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Pick(["topic", "provider", "type"])).Distinct()),
            (_, "cursor") => Pick(real.Cursors),
            (_, "topic") => Escape(Pick(real.Topics)),
            (_, "provider") => Pick(real.Providers),
            (_, "type") => Pick(["article", "video"]),
            (_, "category") => Pick(["news", "blog"]),
            _ => Escape(Pick(real.Words)),
        };
    }

    private string HostileValue(OpenApiParameter p)
    {
        var roll = _random.NextDouble();
        if (roll < 0.15) return Pick(Blanks);
        if (roll < 0.3) return Pick(Texts);
        if (roll < 0.35) return Long();
        return (p.Type, p.Name) switch
        {
            ("integer", _) => _random.NextDouble() < 0.7 ? Pick(Integers) : _random.Next(-5, 120).ToString(CultureInfo.InvariantCulture),
            ("boolean", _) => Pick(Booleans),
            (_, "from" or "to" or "updatedSince") => Pick(Dates),
            (_, "cursor") => Cursor(),
            _ => _random.NextDouble() < 0.5 ? GoodValue(p) : Pick(Texts),
        };
    }

    /// <summary>A real cursor (from an earlier answer), one cut short or altered, or noise.</summary>
    private string Cursor()
    {
        if (real.Cursors.Count == 0 || _random.NextDouble() < 0.2) return Pick(Texts);
        var cursor = Pick(real.Cursors);
        return _random.Next(3) switch
        {
            0 => cursor,
            1 => cursor[..(_random.Next(cursor.Length))],
            _ => cursor[..^1] + (char)('A' + _random.Next(26)),
        };
    }

    private string Long()
    {
        var text = new StringBuilder();
        var length = _random.Next(200, 1500);
        while (text.Length < length) text.Append(Pick(["a", "%20", "%C3%A9", "1", "-", "%22"]));
        return text.ToString();
    }

    private string Pick(IReadOnlyList<string> values) => values[_random.Next(values.Count)];

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
