using NewsFeed.Tests.Import;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Scaling;

/// <summary>
/// A frontend syncing with changedSince pages in change-number order with the cursor: an article changed while it
/// pages gets a new, larger number, so it comes again at the end instead of being skipped.
/// </summary>
public sealed class ChangedSincePagingTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Paging_through_changedSince_misses_no_article_and_brings_one_changed_meanwhile_again_at_the_end(Engine engine)
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        using var client = app.CreateClient();
        var files = Directory.EnumerateFiles(Corpus.Azure).Order(StringComparer.Ordinal).Take(5).ToList();
        (await app.ImportAsync(ImportTestFiles.LinkFolder(files))).Created.Should().Be(5);
        (await app.ImportAsync(RepoPaths.SeedFile)).Created.Should().Be(1, "the seed is written last, with the largest number");

        var (first, _) = await ApiInstance.ListAsync(client, "?changedSince=0&pageSize=2");
        var seen = first.Items.ToList();
        (await app.ImportAsync(ApiInstance.LaterSeedVersion())).Updated.Should().Be(1);
        var pagedPast = files.Single(f => ImportTestFiles.TitleOf(f) == seen[0].Title);
        (await app.ImportAsync(ApiInstance.LaterVersionOf(pagedPast))).Updated.Should().Be(1, "an article already paged past changes");
        for (var cursor = first.NextCursor; cursor is not null;)
        {
            var (page, _) = await ApiInstance.ListAsync(client, $"?changedSince=0&pageSize=2&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }

        seen.Select(i => i.ChangeNumber).Should().BeInAscendingOrder("changedSince sorts by change number");
        seen.Select(i => i.Id).Distinct().Should().HaveCount(6, "no article is missed");
        seen.Select(i => i.Id).Should().HaveCount(7).And.EndWith(seen[0].Id,
            "the article changed after it was paged past comes again, with its new number, after everything older");
    }
}
