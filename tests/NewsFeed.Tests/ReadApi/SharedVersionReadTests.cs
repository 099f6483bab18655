using System.Net;
using System.Net.Http.Headers;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Api.Contracts;
using NewsFeed.Data.Queries;
using NewsFeed.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// Requests that ask for the data version at the same time share its reads, and still never answer older than a read
/// of their own would have: an import that finished before a request was sent is in its answer, cached or not, and a
/// client's versions never go backwards. CsCheck prints the seed of a failing case; set <c>CsCheck_Seed</c> to replay it.
/// </summary>
public abstract class SharedVersionReadTests(Engine engine, ITestOutputHelper output)
{
    /// <summary>With removed articles too, so every article an import creates counts in the total.</summary>
    private const string Page = "/articles?pageSize=1&includeRemoved=true";

    protected ITestOutputHelper Output { get; } = output;

    private static readonly string[] AzureFiles = [.. Directory.GetFiles(Corpus.Azure).Order(StringComparer.Ordinal)];

    /// <summary>How many readers at once, how many sequential reads each at least, which of them revalidate, and how many imports run meanwhile.</summary>
    public sealed record Schedule(int Imports, int ReadsEach, bool[] Revalidates)
    {
        public override string ToString() =>
            $"{Imports} imports, {Revalidates.Length} readers of {ReadsEach} reads ({Revalidates.Count(r => r)} revalidating)";
    }

    private static Gen<Schedule> Schedules =>
        from imports in Gen.Int[1, 4]
        from reads in Gen.Int[2, 8]
        from revalidates in Gen.Bool.Array[4, 16]
        select new Schedule(imports, reads, revalidates);

    [Fact]
    public async Task A_read_is_never_older_than_an_import_that_finished_before_it_was_sent_and_never_goes_backwards()
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        (await app.ImportAsync(RepoPaths.SeedFile)).Created.Should().Be(1);
        using var client = app.CreateClient();
        var articles = 1L;
        var nextFile = 0;

        await Schedules.SampleAsync(async schedule =>
        {
            using var watcher = new CommitWatcher(app);
            var imports = Task.Run(async () =>
            {
                for (var i = 0; i < schedule.Imports; i++)
                {
                    var report = await app.ImportAsync(AzureFiles[nextFile++]);
                    report.Failed.Should().Be(0);
                    // Published only once the import has committed: a request sent after this must count its articles.
                    Interlocked.Add(ref articles, report.Created);
                }
            });
            await Task.WhenAll(schedule.Revalidates.Select(revalidates => Task.Run(async () =>
            {
                (string Version, long Total, EntityTagHeaderValue ETag)? last = null;
                // Until the imports are done, so that reads keep arriving while each one commits.
                for (var i = 0; i < schedule.ReadsEach || !imports.IsCompleted; i++)
                {
                    var committed = Interlocked.Read(ref articles);
                    var seenCommitted = watcher.Latest;
                    using var response = await client.GetAsync(Page, r =>
                    {
                        if (revalidates && last is { } seen) r.Headers.IfNoneMatch.Add(seen.ETag);
                    });
                    var etag = response.Headers.ETag!;
                    var version = VersionOf(etag);
                    var total = response.StatusCode == HttpStatusCode.NotModified
                        ? last!.Value.Total
                        : (await response.ReadAsync<ArticlePage>())!.TotalCount;
                    response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotModified);
                    total.Should().BeGreaterThanOrEqualTo(committed, "every import that finished before the request was sent is in its answer");
                    DataVersion.Compare(version, seenCommitted).Should().BeGreaterThanOrEqualTo(0, "a version seen committed before the request was sent is in its answer");
                    if (last is { } before)
                    {
                        DataVersion.Compare(version, before.Version).Should().BeGreaterThanOrEqualTo(0, "a client's versions never go backwards");
                        total.Should().BeGreaterThanOrEqualTo(before.Total);
                        if (version == before.Version) total.Should().Be(before.Total, "one version labels one state of the data");
                    }
                    last = (version, total, etag);
                }
            })));
            await imports;
        }, writeLine: Output.WriteLine, iter: 10, threads: 1, print: s => s.ToString());
    }

    /// <summary>
    /// Reads the version in a loop, on a thread and a connection of its own, so that a commit is known the moment it is
    /// visible, well before the import that made it returns: a request sent after that must see it too. A shared
    /// read that started before the commit, and that a request joined after it, would show here.
    /// </summary>
    private sealed class CommitWatcher : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private string _latest = DataVersion.None;

        public CommitWatcher(NewsFeedApp app)
        {
            _thread = new Thread(() => Watch(app)) { IsBackground = true };
            _thread.Start();
        }

        public string Latest => Volatile.Read(ref _latest);

        private void Watch(NewsFeedApp app)
        {
            using var db = app.CreateDbContext();
            var connection = db.Database.GetDbConnection();
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = DataVersion.Sql;
            while (!_stop.IsCancellationRequested)
            {
                using var reader = cmd.ExecuteReader();
                Volatile.Write(ref _latest, DataVersion.ReadAsync(reader, CancellationToken.None).GetAwaiter().GetResult());
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _stop.Dispose();
        }
    }

    /// <summary>Ours are <c>W/"version-hash"</c>, the version fixed-width hexadecimal.</summary>
    private static string VersionOf(EntityTagHeaderValue etag)
    {
        var tag = etag.Tag.Trim('"');
        return tag[..tag.LastIndexOf('-')];
    }
}

public sealed class SqliteSharedVersionReadTests(ITestOutputHelper output) : SharedVersionReadTests(Engine.Sqlite, output);

public sealed class PostgresSharedVersionReadTests(ITestOutputHelper output) : SharedVersionReadTests(Engine.Postgres, output)
{
    private const int Requests = 40;

    /// <summary>
    /// Cached answers still need the current version, one statement each; requests that arrive together share it. The
    /// version statement is held on a lock until the first one is seen waiting, so the others arrive while it runs and
    /// must not start their own. Counted from Npgsql's own trace (<see cref="CommandTrace"/>). SQLite has no round
    /// trips to count.
    /// </summary>
    [Fact]
    public async Task Concurrent_cached_requests_share_their_version_reads()
    {
        await using var app = await NewsFeedApp.StartAsync(Engine.Postgres);
        await app.ImportAsync(RepoPaths.SeedFile);
        using var client = app.CreateClient();
        using var warm = await client.GetAsync(new Uri("/articles", UriKind.Relative));
        warm.StatusCode.Should().Be(HttpStatusCode.OK, "a first request fills the cache");

        using var trace = new CommandTrace(app.Database.ConnectionString);

        await using var blocker = new NpgsqlConnection(app.Database.ConnectionString);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await using (var lockArticles = new NpgsqlCommand("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE", blocker, tx))
            await lockArticles.ExecuteNonQueryAsync();
        var responses = Enumerable.Range(0, Requests).Select(_ => client.GetAsync(new Uri("/articles", UriKind.Relative))).ToList();
        await CommandTrace.WaitForALockWaiterAsync(blocker, tx);
        await tx.CommitAsync();

        var answered = await Task.WhenAll(responses);
        var versionReads = trace.Commands.Count(c => c.StartsWith(DataVersion.Sql, StringComparison.Ordinal));
        Output.WriteLine($"{versionReads} version statements for {Requests} requests");
        try
        {
            answered.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
            answered.Select(r => r.Headers.ETag).Should().AllBeEquivalentTo(warm.Headers.ETag, "nothing changed since the cache was filled");
            versionReads.Should().BePositive("cached answers read the current version");
            versionReads.Should().BeLessThan(Requests, "requests that wait for the same version read share it");
        }
        finally
        {
            foreach (var response in answered) response.Dispose();
        }
    }
}
