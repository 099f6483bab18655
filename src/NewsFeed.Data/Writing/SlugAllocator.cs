using System.Data.Common;
using System.Globalization;

namespace NewsFeed.Data.Writing;

/// <summary>
/// Gives each row of a batch a unique slug in <paramref name="table"/> (articles or topics): the one it wants, else the
/// first free <c>-2</c>, <c>-3</c>... <see cref="PrefetchAsync"/> reads in at most two queries every stored slug an
/// allocation could meet, so allocating is done in memory and costs no query per clash, whatever their number.
/// </summary>
internal sealed class SlugAllocator(DbConnection connection, DbTransaction tx, SqlEngine engine, string table)
{
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _suffixesKnown = new(StringComparer.Ordinal);
    // Where the search for a free suffix of a base resumes: slugs only get taken within a batch, never freed.
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads which wanted slugs are taken, then, only for the bases that may need a suffix (taken, wanted twice, or
    /// themselves a suffixed form of another wanted base), every stored <c>base-...</c>.
    /// </summary>
    public async Task PrefetchAsync(IEnumerable<string> wanted, CancellationToken ct)
    {
        var counts = wanted.CountBy(w => w, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        if (counts.Count == 0) return;
        await using (var cmd = Sql.Command(connection, tx, ""))
        {
            cmd.CommandText = $"SELECT slug FROM {table} WHERE {engine.In(cmd, "slug", "wanted", counts.Keys)}";
            await ReadTakenAsync(cmd, ct);
        }
        await FetchSuffixesAsync([.. counts.Where(c => c.Value > 1 || _taken.Contains(c.Key) || IsSuffixedFormOfAny(c.Key, counts))
            .Select(c => c.Key)], ct);
    }

    /// <param name="currentSlug">The slug the row has now, if it is stored: kept when it is the wanted one or a suffixed form of it.</param>
    public async Task<string> AllocateAsync(string wanted, string? currentSlug, CancellationToken ct)
    {
        if (currentSlug is not null && (currentSlug == wanted || BaseOf(currentSlug) == wanted) && _claimed.Add(currentSlug))
            return currentSlug;
        if (!_taken.Contains(wanted) && _claimed.Add(wanted)) return wanted;
        // Only reached for a base the prefetch did not foresee (none today): correct, at one query.
        if (!_suffixesKnown.Contains(wanted)) await FetchSuffixesAsync([wanted], ct);
        for (var n = _nextSuffix.GetValueOrDefault(wanted, 2); ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{wanted}-{n}");
            if (_taken.Contains(candidate) || !_claimed.Add(candidate)) continue;
            _nextSuffix[wanted] = n + 1;
            return candidate;
        }
    }

    private async Task FetchSuffixesAsync(List<string> bases, CancellationToken ct)
    {
        if (bases.Count == 0) return;
        await using var cmd = Sql.Command(connection, tx, "");
        cmd.CommandText = engine.SelectStartingWithAny(cmd, table, "slug", bases.Select(b => b + "-"));
        await ReadTakenAsync(cmd, ct);
        _suffixesKnown.UnionWith(bases);
    }

    private async Task ReadTakenAsync(DbCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) _taken.Add(reader.GetString(0));
    }

    private static bool IsSuffixedFormOfAny(string slug, Dictionary<string, int> bases) =>
        BaseOf(slug) is { } b && bases.ContainsKey(b);

    /// <summary><c>base</c> for <c>base-N</c> (N a number), else null.</summary>
    private static string? BaseOf(string slug)
    {
        var dash = slug.LastIndexOf('-');
        return dash > 0 && dash < slug.Length - 1
            && int.TryParse(slug.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? slug[..dash] : null;
    }
}
