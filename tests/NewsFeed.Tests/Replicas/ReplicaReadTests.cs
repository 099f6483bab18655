using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data.Queries;
using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.ReadApi;
using Npgsql;

namespace NewsFeed.Tests.Replicas;

/// <summary>
/// Reads from a real PostgreSQL streaming replica (eng/postgres.sh standby) while imports write to the primary: the
/// replica serves every read endpoint; a paused one keeps answering its own version, its ETag neither moving nor
/// running ahead of its data; one that is stopped or too far behind leaves the reads to the primary, without an error
/// to the client, and /health/ready says Degraded; and a client's ETag from a newer version (another instance) is
/// never answered from an older replica.
/// </summary>
public sealed class ReplicaReadTests : IAsyncLifetime
{
    private static readonly string AzureArticle = Path.Combine(Corpus.Azure, "2019-10-23-start-building-with-azure-cognitive-services-for-free.md");
    private StreamingReplica _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StreamingReplica.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Every_read_endpoint_reads_the_replica_and_sees_an_import_made_on_the_primary()
    {
        await using var app = Start(_cluster.AppSettings());
        (await app.ImportAsync(RepoPaths.SeedFile)).Created.Should().Be(1, "imports write to the primary: a standby refuses writes");
        await _cluster.CatchUpAsync();
        // The app's own look at the replica, as a readiness probe makes it: a periodic check that ran during the import
        // found it behind, with no replayed transaction to date its lag, and rightly sent reads to the primary since.
        using var client = app.CreateClient();
        using (var ready = await client.GetAsync("/health/ready"))
            (await ready.Content.ReadAsStringAsync()).Should().Contain("1 read replica(s) take reads.");

        // With the primary gone, only the replica can answer.
        await _cluster.StopPrimaryAsync();
        (await SlugsAsync(client)).Should().Equal(Http.SeedSlug);
        foreach (var url in new[] { "/articles/" + Http.SeedSlug, "/articles/" + Http.SeedSlug + "/source", "/topics", "/providers", "/feeds/rss", "/feeds/json", "/export" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{url} reads the replica: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_paused_replica_keeps_serving_its_own_version_under_an_etag_that_does_not_run_ahead()
    {
        await using var app = Start(_cluster.AppSettings());
        await app.ImportAsync(RepoPaths.SeedFile);
        await _cluster.CatchUpAsync();
        using var client = app.CreateClient();
        var (before, etag) = await ListAsync(client);

        await _cluster.PauseReplayAsync();
        (await app.ImportAsync(AzureArticle)).Created.Should().Be(1);
        await using (var primary = app.CreateDbContext())
            (await primary.Articles.CountAsync()).Should().Be(2, "the primary has the new article");

        var (paused, pausedEtag) = await ListAsync(client);
        paused.Should().Equal(before, "the paused replica has not replayed the import");
        pausedEtag.Should().Be(etag, "the ETag names the replica's data, not the primary's newer version");
        using (var revalidated = await client.GetAsync("/articles", r => r.Headers.IfNoneMatch.Add(etag)))
            revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified);

        await _cluster.ResumeReplayAsync();
        await _cluster.CatchUpAsync();
        var (resumed, resumedEtag) = await ListAsync(client);
        resumed.Should().HaveCount(2);
        resumedEtag.Should().NotBe(etag);
    }

    [Fact]
    public async Task A_stopped_replica_moves_reads_to_the_primary_without_an_error_and_readiness_says_degraded()
    {
        await using var app = Start(_cluster.AppSettings());
        await app.ImportAsync(RepoPaths.SeedFile);
        await _cluster.CatchUpAsync();
        using var client = app.CreateClient();
        (await SlugsAsync(client)).Should().ContainSingle();

        await _cluster.StopReplicaAsync();
        await app.ImportAsync(AzureArticle);

        (await SlugsAsync(client)).Should().HaveCount(2, "the primary answers, and has the new article");
        var replicas = await ReadyReplicasCheckAsync(client);
        replicas.GetProperty("status").GetString().Should().Be("Degraded");
        replicas.GetProperty("description").GetString().Should().Contain("unreachable");
    }

    [Fact]
    public async Task A_replica_lagging_beyond_the_bound_moves_reads_to_the_primary_and_readiness_says_why()
    {
        // A bound of 0 s: any replay behind the primary is too far, which a paused replica is once the primary writes.
        await using var app = Start(_cluster.AppSettings(maxLagSeconds: 0));
        await app.ImportAsync(RepoPaths.SeedFile);
        await _cluster.CatchUpAsync();
        await _cluster.PauseReplayAsync();
        await app.ImportAsync(AzureArticle);
        using var client = app.CreateClient();

        var replicas = await ReadyReplicasCheckAsync(client);
        replicas.GetProperty("status").GetString().Should().Be("Degraded");
        replicas.GetProperty("description").GetString().Should().Contain("lags").And.Contain("ReadReplicas:MaxLagSeconds");
        (await SlugsAsync(client)).Should().HaveCount(2, "the replica is too far behind, so the primary answers");
    }

    [Fact]
    public async Task An_etag_from_a_newer_instance_is_never_answered_from_an_older_replica()
    {
        await using var primaryOnly = Start([]);
        await using var withReplica = Start(_cluster.AppSettings());
        await primaryOnly.ImportAsync(RepoPaths.SeedFile);
        await _cluster.CatchUpAsync();
        await _cluster.PauseReplayAsync();
        await primaryOnly.ImportAsync(AzureArticle);
        using var first = primaryOnly.CreateClient();
        using var second = withReplica.CreateClient();

        var (newer, newerEtag) = await ListAsync(first);
        newer.Should().HaveCount(2);
        var (older, olderEtag) = await ListAsync(second);
        older.Should().ContainSingle("the second instance reads its paused replica");
        olderEtag.Should().NotBe(newerEtag);

        using (var revalidated = await second.GetAsync("/articles", r => r.Headers.IfNoneMatch.Add(newerEtag)))
        {
            revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified, "the client saw the newer version, which the primary has");
            revalidated.Headers.ETag.Should().Be(newerEtag);
        }
        // Having answered the newer version, the instance never answers older again (its cached answers included).
        var (after, afterEtag) = await ListAsync(second);
        after.Should().HaveCount(2);
        afterEtag.Should().Be(newerEtag);
    }

    /// <summary>
    /// Cached answers read the replica's version, shared by the requests that ask at once, as on the primary. The
    /// replica's reads are held by a lock the primary takes (a standby replays an ACCESS EXCLUSIVE lock) until the first
    /// version read is seen waiting, so the others arrive while it runs. Counted from Npgsql's trace of the replica alone.
    /// </summary>
    [Fact]
    public async Task Concurrent_cached_requests_share_their_version_reads_on_the_replica()
    {
        const int requests = 40;
        await using var app = Start(_cluster.AppSettings());
        await app.ImportAsync(RepoPaths.SeedFile);
        await _cluster.CatchUpAsync();
        using var client = app.CreateClient();
        var (_, etag) = await ListAsync(client);
        using var trace = new CommandTrace(_cluster.Replica);

        await using var primary = new NpgsqlConnection(_cluster.Primary.ConnectionString);
        await primary.OpenAsync();
        await using var tx = await primary.BeginTransactionAsync();
        await using (var lockArticles = new NpgsqlCommand("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE", primary, tx))
            await lockArticles.ExecuteNonQueryAsync();
        await _cluster.ReplayLockAsync();
        var responses = Enumerable.Range(0, requests).Select(_ => client.GetAsync(new Uri("/articles", UriKind.Relative))).ToList();
        await using (var replica = new NpgsqlConnection(_cluster.Replica))
        {
            await replica.OpenAsync();
            await CommandTrace.WaitForALockWaiterAsync(replica);
        }
        await tx.CommitAsync();

        var answered = await Task.WhenAll(responses);
        try
        {
            answered.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
            answered.Select(r => r.Headers.ETag).Should().AllBeEquivalentTo(etag, "nothing changed since the cache was filled");
            var versionReads = trace.Commands.Count(c => c.StartsWith(DataVersion.Sql, StringComparison.Ordinal));
            versionReads.Should().BePositive("the replica answers the version");
            versionReads.Should().BeLessThan(requests, "requests that wait for the same version read share it");
        }
        finally
        {
            foreach (var response in answered) response.Dispose();
        }
    }

    private NewsFeedApp Start(Dictionary<string, string?> settings)
    {
        var app = new NewsFeedApp(_cluster.Primary, settings);
        _ = app.Server; // migrations run at start-up, on the primary
        return app;
    }

    private static async Task<List<string>> SlugsAsync(HttpClient client) => (await ListAsync(client)).Slugs;

    private static async Task<(List<string> Slugs, System.Net.Http.Headers.EntityTagHeaderValue ETag)> ListAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/articles", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var slugs = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).Order(StringComparer.Ordinal).ToList();
        return (slugs, response.Headers.ETag!);
    }

    /// <summary>/health/ready with a replica in trouble: still 200 (the instance serves every read), the replicas check Degraded.</summary>
    private static async Task<JsonElement> ReadyReplicasCheckAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("status").GetString().Should().Be("Degraded", body);
        return json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "replicas").Clone();
    }
}
