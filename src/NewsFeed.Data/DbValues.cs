using System.Data.Common;
using System.Globalization;

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
}
