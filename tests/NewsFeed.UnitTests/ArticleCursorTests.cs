using System.Reflection;
using CsCheck;
using NewsFeed.Data.Queries;

namespace NewsFeed.UnitTests;

/// <summary>Cursors as clients get them: opaque text that reads back only for the query that made it.</summary>
public sealed class ArticleCursorTests
{
    private static readonly ArticleQuery ByTitle = new() { Topics = ["AI"], Sort = [new(SortField.Title, false)] };

    [Fact]
    public void A_cursor_reads_back_as_written_for_its_own_query() =>
        Gen.Select(Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks], Gen.Long[1, long.MaxValue]).Sample((ticks, id) =>
        {
            var query = new ArticleQuery();
            var written = new ArticleCursor(query.Fingerprint(), [new DateTime(ticks, DateTimeKind.Utc)], id);

            var read = ArticleCursor.Decode(written.Encode(), query, out var error);

            error.Should().BeNull();
            read!.Id.Should().Be(id);
            read.Values.Should().Equal(new DateTime(ticks, DateTimeKind.Utc));
        });

    [Fact]
    public void A_cursor_of_another_query_is_refused_saying_so()
    {
        var cursor = new ArticleCursor(ByTitle.Fingerprint(), ["Azure"], 7).Encode();

        ArticleCursor.Decode(cursor, ByTitle with { Topics = ["Azure"] }, out var error).Should().BeNull();

        error.Should().Contain("different query");
    }

    [Fact]
    public void The_order_of_filter_values_does_not_change_the_fingerprint() =>
        (ByTitle with { Providers = ["wsj.com", "microsoft.com"] }).Fingerprint()
            .Should().Be((ByTitle with { Providers = ["microsoft.com", "wsj.com"] }).Fingerprint());

    /// <summary>What says how much to show and from where, not which rows or in which order: all the rest is a filter or the sort.</summary>
    private static readonly string[] NotFilters =
        [nameof(ArticleQuery.PageSize), nameof(ArticleQuery.Page), nameof(ArticleQuery.After), nameof(ArticleQuery.Offset),
            nameof(ArticleQuery.Facets), nameof(ArticleQuery.RanksBySearch)];

    public static TheoryData<string> Filters() =>
        [.. typeof(ArticleQuery).GetProperties().Select(p => p.Name).Where(name => !NotFilters.Contains(name))];

    // Over every property of the query, so a filter added later is covered without anyone listing it here.
    [Theory]
    [MemberData(nameof(Filters))]
    public void Every_filter_and_the_sort_change_the_fingerprint(string filter)
    {
        var property = typeof(ArticleQuery).GetProperty(filter)!;
        var query = new ArticleQuery();
        property.SetValue(query, SampleValue(property));

        query.Fingerprint().Should().NotBe(new ArticleQuery().Fingerprint());
    }

    private static object? SampleValue(PropertyInfo property) => property.PropertyType switch
    {
        var t when t == typeof(IReadOnlyList<string>) => new[] { "azure" },
        var t when t == typeof(DateTime?) => new DateTime(2021, 12, 10, 0, 0, 0, DateTimeKind.Utc),
        var t when t == typeof(int?) => 5,
        var t when t == typeof(long?) => 42L,
        var t when t == typeof(bool?) || t == typeof(bool) => true,
        var t when t == typeof(SearchQuery) => SearchQuery.Parse("ipo", out _),
        var t when t == typeof(IReadOnlyList<SortKey>) => SortKey.ChangedFirst,
        _ => throw new InvalidOperationException($"Give ArticleQuery.{property.Name} a sample value here."),
    };

    [Theory]
    [InlineData("not-base64!")]
    [InlineData("")]
    [InlineData("e30")]
    public void Text_that_no_response_produced_is_malformed(string text)
    {
        ArticleCursor.Decode(text, ByTitle, out var error).Should().BeNull();

        error.Should().StartWith("cursor is malformed");
    }

    [Fact]
    public void A_sort_value_of_the_wrong_kind_is_malformed()
    {
        var cursor = new ArticleCursor(ByTitle.Fingerprint(), [42L], 7).Encode();

        ArticleCursor.Decode(cursor, ByTitle, out var error).Should().BeNull();

        error.Should().StartWith("cursor is malformed");
    }
}
