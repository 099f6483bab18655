using System.Buffers.Text;
using System.Text.Json;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Where a keyset page ends: the last row's sort values and id, plus the fingerprint of the query that made it. Sent
/// to clients as opaque base64url JSON; the next page starts strictly after it, so its cost does not grow with depth.
/// </summary>
public sealed record ArticleCursor(string Fingerprint, IReadOnlyList<object> Values, long Id)
{
    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(Fingerprint, [.. Values.Select(ToJson)], Id));
        return Base64Url.EncodeToString(json);
    }

    /// <summary>Reads a cursor made for <paramref name="query"/>; null with a reason when it is malformed or made for another query.</summary>
    public static ArticleCursor? Decode(string text, ArticleQuery query, out string? error)
    {
        Payload? payload = null;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Reported below as a malformed cursor: the client sent something nextCursor never produced.
        }
        if (payload?.F is null || payload.K is null || payload.K.Length != query.Sort.Count)
        {
            error = "cursor is malformed: pass the nextCursor value of a previous response unchanged.";
            return null;
        }
        if (payload.F != query.Fingerprint())
        {
            error = "cursor was made for a different query (filters or sort): repeat the query that returned it, changing only cursor.";
            return null;
        }
        var values = new object[query.Sort.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = FromJson(payload.K[i], query.Sort[i].Field);
            if (value is null)
            {
                error = "cursor is malformed: pass the nextCursor value of a previous response unchanged.";
                return null;
            }
            values[i] = value;
        }
        error = null;
        return new ArticleCursor(payload.F, values, payload.I);
    }

    private static JsonElement ToJson(object value) => value switch
    {
        DateTime d => JsonSerializer.SerializeToElement(d.Ticks),
        _ => JsonSerializer.SerializeToElement(value),
    };

    private static object? FromJson(JsonElement e, SortField field) => field switch
    {
        SortField.PublishedDateTime or SortField.UpdatedAt when e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var ticks)
            && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks => new DateTime(ticks, DateTimeKind.Utc),
        SortField.Quality or SortField.Heat when e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) => n,
        SortField.Title when e.ValueKind == JsonValueKind.String => e.GetString(),
        SortField.Relevance when e.ValueKind == JsonValueKind.Number => e.GetDouble(),
        _ => null,
    };

    private sealed record Payload(string? F, JsonElement[]? K, long I);
}
