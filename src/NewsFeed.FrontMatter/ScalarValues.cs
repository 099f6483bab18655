using System.Globalization;

namespace NewsFeed.FrontMatter;

/// <summary>Typed readings of scalar text, accepting what the real files and YAML 1.1 (which Jekyll reads) write.</summary>
internal static class ScalarValues
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

    /// <summary>An ISO 8601 instant (any offset, or none meaning UTC) or a date alone (midnight UTC), as UTC.</summary>
    public static bool TryInstant(string text, out DateTime utc)
    {
        text = text.Trim();
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out utc)
            || DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, styles, out utc))
        {
            utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            return true;
        }
        return false;
    }
}
