using System.Globalization;

namespace NewsFeed.FrontMatter;

/// <summary>
/// Typed readings of scalar text, accepting what the real files and YAML 1.1 (which Jekyll reads) write. Public for
/// <see cref="TryInstant(string, out DateTime, out bool)"/>: the API's date filters read instants by the same rules.
/// </summary>
public static class ScalarValues
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss K", "yyyy-MM-dd HH:mm:ss zzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF zzz", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm K",
    ];

    public static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on": value = true; return true;
            case "false" or "no" or "off": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>Digits with an optional sign: a whole number, whether or not it fits the columns.</summary>
    public static bool IsWholeNumber(string text)
    {
        var digits = text.AsSpan().TrimStart("+-");
        return digits.Length > 0 && text.Length - digits.Length <= 1 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>
    /// A stored instant: <see cref="TryInstant(string, out DateTime, out bool)"/> cut to the microsecond. PostgreSQL
    /// keeps no more, so both engines store the same instant. Cutting also keeps the last instant of year 9999 off
    /// <see cref="DateTime.MaxValue"/>, which Npgsql would write as infinity.
    /// </summary>
    public static bool TryInstant(string text, out DateTime utc)
    {
        if (!TryInstant(text, out utc, out _)) return false;
        utc = DateTime.SpecifyKind(utc.AddTicks(-(utc.Ticks % 10)), DateTimeKind.Utc);
        return true;
    }

    /// <summary>
    /// An ISO 8601 instant (any offset, or none meaning UTC) or a date alone (midnight UTC), as UTC, to the tick: what a
    /// file's dates and the API's date filters accept. A filter is not cut: it compares with instants the database
    /// wrote itself (<c>updatedAt</c>), which SQLite keeps to the tick.
    /// </summary>
    /// <param name="dateOnly">True when the text is a date alone (the API's <c>to</c> then takes in that whole day).</param>
    public static bool TryInstant(string text, out DateTime utc, out bool dateOnly)
    {
        text = text.Trim();
        dateOnly = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc);
        if (!dateOnly && !TryInstantWithTime(text, out utc)) return false;
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return true;
    }

    /// <summary>
    /// True for a well-formed instant whose offset moves it out of years 1 to 9999 in UTC
    /// (<c>0001-01-01T00:00:00+14:00</c>): no engine can store it, and it must not be read as another instant.
    /// </summary>
    public static bool IsOutOfRangeInstant(string text)
    {
        text = text.Trim();
        return text.Length > 10 && (text.StartsWith("0001-01-01", StringComparison.Ordinal) || text.StartsWith("9999-12-31", StringComparison.Ordinal))
            && TryInstantWithTime(string.Concat("2000-01-01", text.AsSpan(10)), out _);
    }

    // A DateTimeOffset, unlike a DateTime adjusted to UTC, refuses an instant whose UTC value leaves years 1 to 9999.
    private static bool TryInstantWithTime(string text, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant);
        utc = ok ? instant.UtcDateTime : default;
        return ok;
    }
}
