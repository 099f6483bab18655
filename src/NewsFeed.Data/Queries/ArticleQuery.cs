using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using NewsFeed.Data.Entities;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Queries;

/// <summary>Facets <c>/articles</c> can count beside a page.</summary>
public enum Facet
{
    Topic,
    Provider,
    Type,
}

/// <summary>A validated <c>/articles</c> query: filters, order and paging, engine-neutral.</summary>
public sealed record ArticleQuery
{
    public SearchQuery? Search { get; init; }
    /// <summary>Topic names (any case) or slugs; an article matches when it has any of them.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>Provider domains; any of them.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    /// <summary>Inclusive lower bound on the publication instant.</summary>
    public DateTime? From { get; init; }
    /// <summary>Upper bound on the publication instant: inclusive, or exclusive when <see cref="ToIsExclusive"/>.</summary>
    public DateTime? To { get; init; }
    /// <summary>True when <see cref="To"/> is the midnight after a date-only bound, so that whole day is included.</summary>
    public bool ToIsExclusive { get; init; }
    public int? MinQuality { get; init; }
    public int? MinHeat { get; init; }
    public bool? Published { get; init; }
    public bool? HasImage { get; init; }
    public bool IncludeRemoved { get; init; }
    /// <summary>Only articles written (created or changed) strictly after this instant.</summary>
    public DateTime? UpdatedSince { get; init; }
    /// <summary>Only articles whose change number is above this one: changed by a write committed after the one that had it.</summary>
    public long? ChangedSince { get; init; }
    public IReadOnlyList<SortKey> Sort { get; init; } = SortKey.NewestFirst;
    public int PageSize { get; init; } = 20;
    /// <summary>1-based page number; null in cursor mode.</summary>
    public int? Page { get; init; }
    public ArticleCursor? After { get; init; }

    /// <summary>How many rows a numbered page skips; null in cursor mode.</summary>
    public long? Offset => After is null ? (long)((Page ?? 1) - 1) * PageSize : null;
    public IReadOnlySet<Facet> Facets { get; init; } = new HashSet<Facet>();

    /// <summary>True when the list is ordered by relevance (which always comes first): a <see cref="RankWindow"/> applies.</summary>
    public bool RanksBySearch => Search is not null && Sort[0].Field == SortField.Relevance;

    /// <summary>
    /// A short hash of everything that decides which rows match and in which order: a cursor carries it, so one made
    /// for another filter or sort is refused instead of silently paging through a different list.
    /// </summary>
    public string Fingerprint()
    {
        var text = string.Join("\n", FingerprintProperties.Select(p => $"{p.Name}={FingerprintText(p.Name, p.GetValue(this))}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 6).ToLowerInvariant();
    }

    /// <summary>
    /// Every property but these few, which say how much to show and from where: read off the record, so a filter added
    /// to it is in the fingerprint without anyone listing it again.
    /// </summary>
    private static readonly PropertyInfo[] FingerprintProperties =
    [
        .. typeof(ArticleQuery).GetProperties()
            .Where(p => p.Name is not (nameof(PageSize) or nameof(Page) or nameof(After) or nameof(Offset) or nameof(Facets) or nameof(RanksBySearch)))
            .OrderBy(p => p.Name, StringComparer.Ordinal),
    ];

    private static string? FingerprintText(string property, object? value) => value switch
    {
        null => null,
        SearchQuery search => search.Text,
        IEnumerable<SortKey> sort => SortKey.Format(sort),
        // Topics and providers are matched by their keys, so two spellings of one list are one list.
        IEnumerable<string> values when property == nameof(Topics) => Joined(values.Select(Topic.KeyOf)),
        IEnumerable<string> values when property == nameof(Providers) => Joined(values.Select(DomainName.Normalize)),
        IEnumerable<string> values => Joined(values),
        DateTime instant => instant.Ticks.ToString(CultureInfo.InvariantCulture),
        int or long or bool => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"ArticleQuery.{property} is a {value.GetType().Name}: say here how the cursor fingerprint reads it."),
    };

    // The order of a filter's values does not change which rows match.
    private static string Joined(IEnumerable<string> values) => string.Join("\u001f", values.Order(StringComparer.Ordinal));
}
