using System.Data.Common;
using System.Text.Json;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Reads the JSON arrays a summary's lists arrive in (<see cref="ReadDialect.JsonList"/>): a null column is an empty
/// list. Read token by token from the column's UTF-8 bytes, without a string or a document tree in between: a page of
/// 20 summaries holds 60 of them.
/// </summary>
internal static class JsonLists
{
    public static IReadOnlyList<string> Strings(DbDataReader row, int column)
    {
        if (row.IsDBNull(column)) return [];
        var reader = new Utf8JsonReader(row.GetFieldValue<byte[]>(column));
        reader.Read();
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(reader.GetString()!);
        return list;
    }

    /// <summary>Images as rows of <c>[url, width, height, is_cached, title]</c>; SQLite writes the flag as 0 or 1.</summary>
    public static IReadOnlyList<ImageRef> Images(DbDataReader row, int column)
    {
        if (row.IsDBNull(column)) return [];
        var reader = new Utf8JsonReader(row.GetFieldValue<byte[]>(column));
        reader.Read();
        var list = new List<ImageRef>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            var url = Next(ref reader).GetString()!;
            var width = Int(ref Next(ref reader));
            var height = Int(ref Next(ref reader));
            var isCached = Next(ref reader).TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Number => reader.GetInt32() != 0,
                _ => (bool?)null,
            };
            var title = Next(ref reader).TokenType == JsonTokenType.Null ? null : reader.GetString();
            reader.Read(); // the row's end
            list.Add(new ImageRef(url, width, height, isCached, title));
        }
        return list;
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ref reader;
    }

    private static int? Int(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
}
