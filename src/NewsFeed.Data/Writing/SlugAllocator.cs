using System.Data.Common;
using System.Globalization;

namespace NewsFeed.Data.Writing;

/// <summary>Gives each article of a batch a unique slug: the one it wants, else the first free <c>-2</c>, <c>-3</c>...</summary>
internal sealed class SlugAllocator(DbConnection connection, DbTransaction tx)
{
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>Looks up in one query which of the wanted slugs are taken, so only clashes cost a query each.</summary>
    public async Task PrefetchAsync(IEnumerable<string> wanted, CancellationToken ct)
    {
        await using var cmd = Sql.Command(connection, tx, "");
        var list = wanted.Distinct().ToList();
        cmd.CommandText = $"SELECT slug FROM articles WHERE slug IN {Sql.InList(cmd, "s", list)}";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) _taken.Add(reader.GetString(0));
        _checked.UnionWith(list);
    }

    /// <param name="currentSlug">The slug the article has now, if it is stored: kept when it is the wanted one or a suffixed form of it.</param>
    public async Task<string> AllocateAsync(string wanted, string? currentSlug, CancellationToken ct)
    {
        if (currentSlug is not null && (currentSlug == wanted || IsSuffixed(currentSlug, wanted)) && _claimed.Add(currentSlug))
            return currentSlug;
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? wanted : $"{wanted}-{n}";
            if (_claimed.Contains(candidate) || await IsTakenAsync(candidate, ct)) continue;
            _claimed.Add(candidate);
            return candidate;
        }
    }

    private static bool IsSuffixed(string slug, string wanted) =>
        slug.Length > wanted.Length + 1 && slug.StartsWith(wanted + "-", StringComparison.Ordinal)
        && int.TryParse(slug.AsSpan(wanted.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private async Task<bool> IsTakenAsync(string slug, CancellationToken ct)
    {
        if (_checked.Contains(slug)) return _taken.Contains(slug);
        await using var cmd = Sql.Command(connection, tx, "SELECT COUNT(*) FROM articles WHERE slug = @slug");
        Sql.Add(cmd, "@slug", slug);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }
}
