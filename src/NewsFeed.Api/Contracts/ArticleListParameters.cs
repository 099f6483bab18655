using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NewsFeed.Api.OpenApi;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Queries;
using NewsFeed.FrontMatter;
using SortKey = NewsFeed.Data.Queries.SortKey;

namespace NewsFeed.Api.Contracts;

/// <summary>The query parameters of <c>GET /articles</c>.</summary>
public sealed record ArticleListParameters
{
    /// <summary>The names <c>fields</c> accepts: the JSON names of <see cref="ArticleSummary"/>.</summary>
    public static readonly IReadOnlyList<string> FieldNames = ContractFields<ArticleSummary, ArticleDocument>.JsonNames;

    private static readonly Dictionary<string, Facet> FacetNames = new(StringComparer.Ordinal)
    {
        ["topic"] = Facet.Topic, ["provider"] = Facet.Provider, ["type"] = Facet.Type,
    };

    /// <summary>Full-text search over title, excerpt and body, in web-search syntax: words (all must match), "quoted phrases", -excluded, OR. Each result gets a highlighted snippet. Sorted by relevance, the newest 500 matches (ReadApi:SearchRankWindow) are ranked and the older ones follow, newest first.</summary>
    /// <example>SenseTime</example>
    [FromQuery(Name = "q")] public string? Q { get; init; }

    /// <summary>Topic name (any case) or slug; repeat for any of several (topic=AI&amp;topic=azure).</summary>
    /// <example>["AI"]</example>
    [FromQuery(Name = "topic")] public string[]? Topic { get; init; }

    /// <summary>Provider domain (e.g. wsj.com); repeatable.</summary>
    /// <example>["wsj.com"]</example>
    [FromQuery(Name = "provider")] public string[]? Provider { get; init; }

    /// <summary>Category, exact value (e.g. news); repeatable.</summary>
    /// <example>["news"]</example>
    [FromQuery(Name = "category")] public string[]? Category { get; init; }

    /// <summary>Type, exact value (article, video); repeatable.</summary>
    /// <example>["article"]</example>
    [FromQuery(Name = "type")] public string[]? Type { get; init; }

    /// <summary>Published at or after: ISO date (2021-12-10) or date-time (2021-12-10T14:30:00Z; no offset means UTC).</summary>
    /// <example>2021-12-01T00:00:00Z</example>
    [DataType(DataType.DateTime)]
    [FromQuery(Name = "from")] public string? From { get; init; }

    /// <summary>Published at or before: ISO date-time, or a date, which includes that whole day.</summary>
    /// <example>2021-12-31T23:59:59Z</example>
    [DataType(DataType.DateTime)]
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>Only articles an import wrote (created or changed) after this ISO date-time; sorted by change time (updatedAt), oldest first, unless sort says otherwise. For incremental sync.</summary>
    /// <example>2021-01-01T00:00:00Z</example>
    [DataType(DataType.DateTime)]
    [FromQuery(Name = "updatedSince")] public string? UpdatedSince { get; init; }

    /// <summary>Only articles changed by a write committed after the one numbered this (an article's changeNumber): pass the largest changeNumber seen to get everything since, whatever the servers' clocks (with includeRemoved=true, withdrawals too). Sorted by changeNumber, oldest first, unless sort says otherwise; page with cursor. For incremental sync.</summary>
    /// <example>1</example>
    [FromQuery(Name = "changedSince"), Display(Name = "changedSince")]
    [Range(0, long.MaxValue, ErrorMessage = "changedSince must be a whole number of at least 0 (a changeNumber).")]
    public long? ChangedSince { get; init; }

    /// <summary>Minimum quality (0-100); articles without one are left out.</summary>
    /// <example>50</example>
    [FromQuery(Name = "minQuality"), Display(Name = "minQuality")] public int? MinQuality { get; init; }

    /// <summary>Minimum heat; articles without one are left out.</summary>
    /// <example>-1</example>
    [FromQuery(Name = "minHeat"), Display(Name = "minHeat")] public int? MinHeat { get; init; }

    /// <summary>true or false: the source feed's published flag.</summary>
    /// <example>false</example>
    [FromQuery(Name = "published"), Display(Name = "published")] public bool? Published { get; init; }

    /// <summary>true: only articles with at least one image; false: only those without.</summary>
    /// <example>true</example>
    [FromQuery(Name = "hasImage"), Display(Name = "hasImage")] public bool? HasImage { get; init; }

    /// <summary>true to list removed (withdrawn) articles too; default false.</summary>
    /// <example>false</example>
    [FromQuery(Name = "includeRemoved"), Display(Name = "includeRemoved")] public bool? IncludeRemoved { get; init; }

    /// <summary>Comma list of publishedDateTime, updatedAt, quality, heat, title, relevance (needs q, and comes first), changeNumber, each optionally prefixed - for descending. Default -publishedDateTime; with q, relevance,-publishedDateTime; with changedSince, changeNumber; with updatedSince, updatedAt. Ties are broken by id.</summary>
    /// <example>-publishedDateTime</example>
    [FromQuery(Name = "sort")] public string? Sort { get; init; }

    /// <summary>1-based page number (default 1). Not with cursor.</summary>
    /// <example>1</example>
    [FromQuery(Name = "page"), Display(Name = "page")]
    [Range(1, int.MaxValue, ErrorMessage = "page must be a whole number of at least 1.")]
    public int? Page { get; init; }

    /// <summary>Articles per page, 1-100 (default 20).</summary>
    /// <example>20</example>
    [FromQuery(Name = "pageSize"), Display(Name = "pageSize")]
    [Range(1, 100, ErrorMessage = "pageSize must be between 1 and 100.")]
    public int? PageSize { get; init; }

    /// <summary>The nextCursor of a previous response, with the same filters and sort: keyset paging, constant cost at any depth. Not with page; empty for the first page.</summary>
    /// <example></example>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary>Comma list of the item fields to return (e.g. id,title,webUrl); default all. The items then hold only these fields, whatever the item schema says is required.</summary>
    /// <example>id,slug,title,webUrl</example>
    [FromQuery(Name = "fields"), Projects("items")] public string? Fields { get; init; }

    /// <summary>Comma list of topic, provider, type: counts over every matching article, returned in facets.</summary>
    /// <example>topic,provider</example>
    [FromQuery(Name = "facets")] public string? Facets { get; init; }

    /// <summary>The validated query; null when something is invalid, each problem recorded against its parameter in <paramref name="errors"/>.</summary>
    public ArticleQuery? ToQuery(ModelStateDictionary errors)
    {
        SearchQuery? search = null;
        if (Given(Q) is { } q)
        {
            search = SearchQuery.Parse(q, out var searchError);
            if (searchError is not null) errors.AddModelError("q", searchError);
        }
        var from = ParseInstant("from", Given(From), errors, out _);
        var to = ParseInstant("to", Given(To), errors, out var toIsDate);
        var since = ParseInstant("updatedSince", Given(UpdatedSince), errors, out _);
        var (sortList, cursor, fields) = (Given(Sort), Given(Cursor), Given(Fields));

        var sort = ChangedSince is not null ? SortKey.CommittedFirst : since is not null ? SortKey.ChangedFirst : search is not null ? SortKey.MostRelevantFirst : SortKey.NewestFirst;
        if (sortList is not null)
        {
            sort = SortKey.ParseList(sortList, search is not null, out var sortError) ?? sort;
            if (sortError is not null) errors.AddModelError("sort", sortError);
        }
        if (Page is not null && cursor is not null)
            errors.AddModelError("cursor", "page and cursor cannot be combined: use page for numbered pages, or cursor (from nextCursor) for keyset paging.");
        if (fields is not null && Split(fields).FirstOrDefault(f => !FieldNames.Contains(f)) is { } unknownField)
            errors.AddModelError("fields", $"fields names '{unknownField}', which is not an item field: use a comma list of {string.Join(", ", FieldNames)}.");
        var facets = new HashSet<Facet>();
        foreach (var name in Given(Facets) is { } facetList ? Split(facetList) : [])
        {
            if (FacetNames.TryGetValue(name, out var facet)) facets.Add(facet);
            else errors.AddModelError("facets", $"facet '{name}' is not known: use a comma list of topic, provider, type.");
        }
        if (!errors.IsValid) return null;

        var toIsLastDay = toIsDate && to == DateTime.MaxValue.Date;
        var query = new ArticleQuery
        {
            Search = search,
            Topics = Values(Topic),
            Providers = Values(Provider),
            Categories = Values(Category),
            Types = Values(Type),
            From = from,
            // A date-only bound includes its whole day: everything before the next midnight, or on the last day there
            // is (which has no next midnight), everything up to the last instant.
            To = toIsLastDay ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : toIsDate ? to?.AddDays(1) : to,
            ToIsExclusive = toIsDate && !toIsLastDay,
            MinQuality = MinQuality,
            MinHeat = MinHeat,
            Published = Published,
            HasImage = HasImage,
            IncludeRemoved = IncludeRemoved ?? false,
            UpdatedSince = since,
            ChangedSince = ChangedSince,
            Sort = sort,
            PageSize = PageSize ?? 20,
            Page = cursor is null ? Page ?? 1 : null,
            Facets = facets,
        };
        if (cursor is null) return query;
        var after = ArticleCursor.Decode(cursor, query, out var cursorError);
        if (cursorError is not null) errors.AddModelError("cursor", cursorError);
        return after is null ? null : query with { After = after };
    }

    /// <summary>The fields asked for, or null for all.</summary>
    public IReadOnlySet<string>? FieldSet() => Given(Fields) is { } fields ? Split(fields).ToHashSet(StringComparer.Ordinal) : null;

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value, or null when it is blank: frontends send empty form fields, which mean "no filter".</summary>
    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string[] Values(string[]? values) =>
        values is null ? [] : [.. values.OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0)];

    private static DateTime? ParseInstant(string name, string? text, ModelStateDictionary errors, out bool dateOnly)
    {
        dateOnly = false;
        if (text is null) return null;
        if (ScalarValues.TryInstant(text, out var instant, out dateOnly)) return instant;
        errors.AddModelError(name, $"{name} '{text}' is not an ISO 8601 date (2021-12-10) or date-time (2021-12-10T14:30:00Z).");
        return null;
    }
}
