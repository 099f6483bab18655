using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.ReadApi;

namespace NewsFeed.Tests.Scaling;

/// <summary>
/// Two API instances on one database whose clocks differ by an hour. The data version and changedSince follow the
/// database's change numbers, so an import on the slow instance is seen everywhere; updatedSince, which compares the
/// importing server's clock, misses it, which is why it is kept for people and not for sync.
/// </summary>
public sealed class ChangeNumberClockTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_import_on_an_instance_whose_clock_is_an_hour_behind_moves_every_etag_and_is_found_by_changedSince(Engine engine)
    {
        var database = await Engines.NewDatabaseAsync(engine);
        await using var a = new NewsFeedApp(database) { Clock = TimeProvider.System };
        await using var b = new NewsFeedApp(database) { Clock = new OffsetClock(TimeSpan.FromHours(-1)) };
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        // Two articles: the one B does not touch keeps A's later stamp, so max(updated_at) cannot show B's write.
        (await a.ImportAsync(RepoPaths.SeedFile, ApiInstance.AzureArticle)).Created.Should().Be(2);
        var (before, etagA) = await ApiInstance.ListAsync(clientA);
        var (_, etagB) = await ApiInstance.ListAsync(clientB); // B caches this answer
        etagB.Should().Be(etagA, "both instances label the same data alike");
        var seen = before.Items.Single(i => i.Slug == Http.SeedSlug);
        var lastSeen = before.Items.Max(i => i.ChangeNumber);

        (await b.ImportAsync(ApiInstance.LaterSeedVersion())).Updated.Should().Be(1, "the later published version replaces the seed");

        foreach (var (name, client) in new[] { ("A", clientA), ("B", clientB) })
        {
            var (after, etag) = await ApiInstance.ListAsync(client);
            etag.Should().NotBe(etagA, $"instance {name}'s data changed, though B stamped it an hour before A's write");
            after.Items.Should().HaveCount(2);
            var changed = after.Items.Single(i => i.Id == seen.Id);
            changed.PublishedDateTime.Should().Be(ApiInstance.LaterSeedPublished, $"instance {name} serves the new version, not a cached answer");
            changed.ChangeNumber.Should().BeGreaterThan(lastSeen, "a later commit has a larger change number, whatever the clocks");
            changed.UpdatedAt.Should().BeBefore(seen.UpdatedAt, "B's clock is an hour behind A's");

            var (since, _) = await ApiInstance.ListAsync(client, $"?changedSince={lastSeen}");
            since.Items.Select(i => (i.Id, i.ChangeNumber)).Should().Equal([(seen.Id, changed.ChangeNumber)],
                "changedSince finds B's write");
            (await ApiInstance.ListAsync(client, $"?changedSince={changed.ChangeNumber}")).Page.Items.Should().BeEmpty();
            (await ApiInstance.ListAsync(client, $"?updatedSince={before.Items.Max(i => i.UpdatedAt):yyyy-MM-ddTHH:mm:ss.fffffffZ}")).Page.Items
                .Should().BeEmpty("updatedSince compares the slow server's stamp, the very problem change numbers solve");
        }
    }
}
