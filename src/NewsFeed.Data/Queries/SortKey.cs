namespace NewsFeed.Data.Queries;

/// <summary>The fields <c>/articles</c> can be sorted by.</summary>
public enum SortField
{
    PublishedDateTime,
    UpdatedAt,
    ChangeNumber,
    Quality,
    Heat,
    Title,
    Relevance,
}

/// <summary>One term of a <c>sort</c> list: a field, ascending or descending.</summary>
public sealed record SortKey(SortField Field, bool Descending)
{
    public static readonly IReadOnlyList<SortKey> NewestFirst = [new(SortField.PublishedDateTime, true)];

    /// <summary>With a search: best match first, then newest first (which also orders the matches outside the rank window).</summary>
    public static readonly IReadOnlyList<SortKey> MostRelevantFirst = [new(SortField.Relevance, true), new(SortField.PublishedDateTime, true)];

    public static readonly IReadOnlyList<SortKey> ChangedFirst = [new(SortField.UpdatedAt, false)];

    /// <summary>With changedSince: in the order the changes were committed, so a client can page through everything after N.</summary>
    public static readonly IReadOnlyList<SortKey> CommittedFirst = [new(SortField.ChangeNumber, false)];

    /// <summary>The names a client writes, in the order the docs list them.</summary>
    public static readonly IReadOnlyDictionary<string, SortField> Names = new Dictionary<string, SortField>(StringComparer.Ordinal)
    {
        ["publishedDateTime"] = SortField.PublishedDateTime,
        ["updatedAt"] = SortField.UpdatedAt,
        ["quality"] = SortField.Quality,
        ["heat"] = SortField.Heat,
        ["title"] = SortField.Title,
        ["relevance"] = SortField.Relevance,
        ["changeNumber"] = SortField.ChangeNumber,
    };

    /// <summary>Reads <c>-publishedDateTime,title</c>; null with a reason a person can act on when it is not valid.</summary>
    public static IReadOnlyList<SortKey>? ParseList(string text, bool hasSearch, out string? error)
    {
        var keys = new List<SortKey>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var descending = raw.StartsWith('-');
            var name = descending ? raw[1..] : raw;
            error = !Names.TryGetValue(name, out var field)
                ? $"sort field '{raw}' is not known: use a comma list of {string.Join(", ", Names.Keys)}, each optionally prefixed '-' for descending."
                : keys.Any(k => k.Field == field) ? $"sort names '{name}' twice."
                : field == SortField.Relevance && !hasSearch ? "sort=relevance needs a search: give q as well."
                : field == SortField.Relevance && descending ? "relevance always sorts best match first: write 'relevance', not '-relevance'."
                : field == SortField.Relevance && keys.Count > 0
                    ? "relevance must come first in sort: it ranks the matches, and the keys after it break its ties (sort=relevance,-quality)."
                : null;
            if (error is not null) return null;
            // Relevance is a score: higher is better, so "relevance" means score descending.
            keys.Add(new SortKey(field, descending || field == SortField.Relevance));
        }
        error = null;
        return keys;
    }

    public static string Format(IEnumerable<SortKey> keys) => string.Join(",", keys.Select(k =>
        k.Field == SortField.Relevance ? "relevance" : (k.Descending ? "-" : "") + Names.First(n => n.Value == k.Field).Key));
}
