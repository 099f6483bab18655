using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsFeed.FrontMatter;

/// <summary>URL-friendly names: lower-case ASCII letters, digits and single hyphens.</summary>
public static partial class Slug
{
    /// <summary>Slugs made from titles stop here; file names (already bounded by the file system) are kept whole.</summary>
    private const int MaxTitleLength = 120;

    public static string From(string text) => From(text, MaxTitleLength);

    private static string From(string text, int maxLength)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            // Apostrophes join words ("Microsoft's" -> "microsofts"), as Jekyll names do.
            if (c is '\'' or '’') continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                sb.Append(char.ToLowerInvariant(c));
                if (sb.Length >= maxLength) break;
            }
            else pendingHyphen = true;
        }
        return sb.ToString().TrimEnd('-');
    }

    /// <summary>
    /// The article slug: a Jekyll-style file name (<c>2021-12-10-some-title.md</c>) without its extension,
    /// else the publication date plus the slugified title.
    /// </summary>
    public static string ForArticle(string filePath, DateTime publishedAt, string title)
    {
        var name = Path.GetFileNameWithoutExtension(filePath.Replace('\\', '/').Split('/')[^1]);
        // Whole, so an exported "...-2.md" (a slug that had a clash) comes back as exactly that slug.
        if (JekyllName().IsMatch(name)) return From(name, int.MaxValue);
        var titled = From(title);
        var date = publishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return titled.Length == 0 ? date : $"{date}-{titled}";
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}-.*[A-Za-z0-9]")]
    private static partial Regex JekyllName();
}
