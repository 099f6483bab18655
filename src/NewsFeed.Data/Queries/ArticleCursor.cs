using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Where a keyset page ends: the last row's sort values and id, plus the fingerprint of the query that made it (and,
/// for a search sorted by relevance, the window of ranked matches). Sent to clients as opaque base64url JSON; the next
/// page starts strictly after it, so its cost does not grow with depth.
/// </summary>
public sealed record ArticleCursor(string Fingerprint, IReadOnlyList<object> Values, long Id, RankWindow? Window = null)
{
    private const string Malformed = "cursor is malformed: pass the nextCursor value of a previous response unchanged.";

    public string Encode()
    {
        var window = Window is { } w ? new[] { w.FirstAt.Ticks, w.FirstId, w.LastAt.Ticks, w.LastId, w.IsFull ? 1 : 0 } : null;
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(Fingerprint, [.. Values.Select(ToJson)], Id, window));
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
        if (payload?.F is null || payload.K is null || payload.K.Length != query.Sort.Count
            || (payload.W is not null) != query.RanksBySearch || !TryReadWindow(payload.W, out var window))
        {
            error = Malformed;
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
                error = Malformed;
                return null;
            }
            values[i] = value;
        }
        error = null;
        return new ArticleCursor(payload.F, values, payload.I, window);
    }

    private static bool TryReadWindow(long[]? w, out RankWindow? window)
    {
        window = null;
        if (w is null) return true;
        if (w.Length != 5 || !IsTicks(w[0]) || !IsTicks(w[2]) || w[4] is not (0 or 1)) return false;
        window = new RankWindow(new DateTime(w[0], DateTimeKind.Utc), w[1], new DateTime(w[2], DateTimeKind.Utc), w[3], w[4] == 1);
        return true;
    }

    private static bool IsTicks(long ticks) => ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks;

    private static JsonElement ToJson(object value) => value switch
    {
        DateTime d => JsonSerializer.SerializeToElement(d.Ticks),
        _ => JsonSerializer.SerializeToElement(value),
    };

    private static object? FromJson(JsonElement e, SortField field) => field switch
    {
        SortField.PublishedDateTime or SortField.UpdatedAt when e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var ticks)
            && IsTicks(ticks) => new DateTime(ticks, DateTimeKind.Utc),
        SortField.Quality or SortField.Heat or SortField.ChangeNumber when e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) => n,
        // A title no engine can store matches no row; PostgreSQL would refuse the statement outright.
        SortField.Title when e.ValueKind == JsonValueKind.String && StorableText.Flaw(e.GetString()) is null => e.GetString(),
        SortField.Relevance when e.ValueKind == JsonValueKind.Number => e.GetDouble(),
        _ => null,
    };

    /// <summary>F: query fingerprint; K: sort values; I: id; W: the rank window (first ticks, first id, last ticks, last id, full).</summary>
    private sealed record Payload(string? F, JsonElement[]? K, long I, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long[]? W);
}
