using System.Text;

namespace NewsFeed.Data.Queries;

/// <summary>
/// A <c>q</c> in web-search syntax, as PostgreSQL's <c>websearch_to_tsquery</c> reads it: words (all must match),
/// <c>"quoted phrases"</c>, <c>-excluded</c> words or phrases, and <c>OR</c> between alternatives. Parsed here so both
/// engines accept and reject the same input, and so SQLite's FTS5 gets an equivalent query it cannot choke on.
/// </summary>
public sealed class SearchQuery
{
    private SearchQuery(string text, List<List<string>> required, List<string> excluded)
    {
        Text = text;
        Required = required;
        Excluded = excluded;
    }

    /// <summary>The text as the client sent it (what PostgreSQL's <c>websearch_to_tsquery</c> receives).</summary>
    public string Text { get; }

    /// <summary>Every group must match; a group matches when any of its alternatives (a word or a phrase) does.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Required { get; }

    public IReadOnlyList<string> Excluded { get; }

    /// <summary>Parses <paramref name="text"/>; null with a reason when it has nothing to look for.</summary>
    public static SearchQuery? Parse(string text, out string? error)
    {
        var required = new List<List<string>>();
        var excluded = new List<string>();
        var joinNext = false;
        foreach (var (term, negated, quoted) in Tokens(text))
        {
            if (!quoted && !negated && term == "OR")
            {
                joinNext = required.Count > 0;
                continue;
            }
            if (!term.Any(char.IsLetterOrDigit))
            {
                joinNext = false;
                continue;
            }
            if (negated) excluded.Add(term);
            else if (joinNext) required[^1].Add(term);
            else required.Add([term]);
            joinNext = false;
        }
        error = required.Count > 0 ? null
            : excluded.Count > 0 ? "q must contain at least one word or phrase that is not excluded with '-'."
            : "q has no words to search for: give words, \"quoted phrases\", -excluded words or OR.";
        return error is null ? new SearchQuery(text, required, excluded) : null;
    }

    /// <summary>The same query in FTS5 syntax: every term a quoted string, so punctuation is never an operator.</summary>
    public string ToFts5()
    {
        var sb = new StringBuilder();
        foreach (var group in Required)
        {
            if (sb.Length > 0) sb.Append(" AND ");
            sb.Append('(').AppendJoin(" OR ", group.Select(Quote)).Append(')');
        }
        foreach (var term in Excluded) sb.Append(" NOT ").Append(Quote(term));
        return sb.ToString();
    }

    private static string Quote(string term) => $"\"{term.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static IEnumerable<(string Term, bool Negated, bool Quoted)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var negated = text[i] == '-';
            if (negated) i++;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0) end = text.Length;
                yield return (text[(i + 1)..end].Trim(), negated, true);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
            if (i > start) yield return (text[start..i], negated, false);
        }
    }
}
