using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.ImportApi;
using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.ReadApi;
using NewsFeed.Tests.Replicas;

namespace NewsFeed.Tests.Scaling;

/// <summary>
/// Two API instances behind one load balancer: one PostgreSQL primary, one streaming replica for their reads, each
/// instance running its own import job runner. Imports on one are read, with the same ETag, on both; a background job
/// runs on exactly one; and both instances' caches follow the change number.
/// </summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private StreamingReplica _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StreamingReplica.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Two_instances_on_a_primary_and_a_replica_agree_on_etags_run_a_job_once_and_follow_the_change_number_in_their_caches()
    {
        await using var a = await ImportApiHost.StartAsync(Engine.Postgres, _cluster.Primary, _cluster.AppSettings());
        // One shared import root and staging folder, as the README says a job's files must be seen by any instance.
        var shared = new Dictionary<string, string?>(_cluster.AppSettings()) { ["Import:Root"] = a.Root, ["Import:StagingPath"] = a.Staging };
        await using var b = await ImportApiHost.StartAsync(Engine.Postgres, _cluster.Primary, shared);
        using var readerA = a.App.CreateClient();
        using var readerB = b.App.CreateClient();

        (await ImportApiHost.ReportOf(await a.UploadFilesAsync("?mode=sync", RepoPaths.SeedFile))).Created.Should().Be(1);
        await _cluster.CatchUpAsync();
        var (firstA, etagA) = await ApiInstance.ListAsync(readerA);
        var (firstB, etagB) = await ApiInstance.ListAsync(readerB); // B caches this answer
        etagB.Should().Be(etagA, "both instances read the same version from the replica");
        firstB.Items.Should().ContainSingle();
        var seen = firstA.Items.Max(i => i.ChangeNumber);

        var files = Directory.EnumerateFiles(Corpus.Azure).Order(StringComparer.Ordinal).Take(5).ToList();
        var folder = Directory.CreateDirectory(Path.Combine(a.Root, "azure")).FullName;
        foreach (var file in files) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var queued = await ImportApiHost.JobOf(await a.ImportServerPathAsync("azure", "?mode=async"));
        var finished = await a.WaitForJobAsync(queued.Id);
        finished.Status.Should().Be("succeeded");
        finished.Report!.Should().BeEquivalentTo(new { Created = 5, Unchanged = 0, Updated = 0 },
            "a second run of the job would have found every file unchanged");
        await using (var db = a.App.CreateDbContext())
        {
            var job = await db.ImportJobs.SingleAsync(j => j.Id == queued.Id);
            job.Owner.Should().NotBeNullOrEmpty("one instance claimed the job");
            (await db.Articles.CountAsync(x => x.ImportId == queued.Id)).Should().Be(5);
        }

        await _cluster.CatchUpAsync();
        var (afterA, newEtagA) = await ApiInstance.ListAsync(readerA);
        var (afterB, newEtagB) = await ApiInstance.ListAsync(readerB);
        newEtagB.Should().NotBe(etagB, "B's cache key follows the change number of A's import");
        afterB.Items.Should().HaveCount(6, "B's cached one-article answer is not served any more");
        newEtagB.Should().Be(newEtagA);
        afterA.Items.Select(i => i.Id).Should().BeEquivalentTo(afterB.Items.Select(i => i.Id));
        (await ApiInstance.ListAsync(readerB, $"?changedSince={seen}")).Page.Items.Should().HaveCount(5, "the job's articles, read on B");
        using var revalidated = await readerB.GetAsync("/articles", r => r.Headers.IfNoneMatch.Add(newEtagA));
        revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified, "an ETag from A is good on B");
    }
}
