using System.Data.Common;
using System.Globalization;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data;

/// <summary>Column values read the same way from either engine's data reader.</summary>
internal static class DbValues
{
    public static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static string? Text(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static int? Int(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static bool? Bool(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);

    // Both engines store UTC instants; SQLite hands them back unmarked.
    public static DateTime Instant(this DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    public static DateTime? InstantOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Instant(i);

    /// <summary>The columns of an image or logo row, in the order <see cref="ImageRef"/> reads them.</summary>
    public const string ImageColumns = "url, width, height, is_cached, title";

    /// <summary>An image read from <see cref="ImageColumns"/>, starting at column <paramref name="first"/>.</summary>
    public static ImageRef ImageRef(this DbDataReader r, int first) =>
        new(r.GetString(first), r.Int(first + 1), r.Int(first + 2), r.Bool(first + 3), r.Text(first + 4));
}
