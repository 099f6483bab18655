using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>Two imports at once over overlapping folders: exactly the rows one import of the whole folder gives.</summary>
public abstract class ConcurrentImportTests<TEngine> where TEngine : IEngineKind
{
    [Fact]
    public async Task Two_concurrent_imports_of_overlapping_folders_leave_exactly_the_expected_rows()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var files = Directory.EnumerateFiles(Corpus.PowerApps).Order(StringComparer.Ordinal).ToList();
        // Both folders are named powerapps (under a/ and b/), so their files are reported and stored as in the corpus;
        // a quarter of the files, and two of the republished articles, are in both.
        Copy(files[..450], Path.Combine(host.Root, "a", "powerapps"));
        Copy(files[225..], Path.Combine(host.Root, "b", "powerapps"));
        await using var reference = await NewsFeedApp.StartAsync(TEngine.Engine);
        await reference.ImportAsync(Corpus.PowerApps);
        await using var referenceDb = reference.CreateDbContext();
        var expected = await DatabaseSnapshot.TakeAsync(referenceDb);

        var responses = await Task.WhenAll(host.ImportServerPathAsync("a/powerapps"), host.ImportServerPathAsync("b/powerapps"));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var reports = await Task.WhenAll(responses.Select(ImportApiHost.ReportOf));
        reports.Should().OnlyContain(r => r.Failed == 0);
        (reports[0].Files + reports[1].Files).Should().Be(450 + 449);
        (await host.SnapshotAsync()).Should().Equal(expected);
        await using var db = host.App.CreateDbContext();
        (await db.Articles.CountAsync()).Should().Be(670);
        (await db.Providers.GroupBy(p => p.Domain).CountAsync(g => g.Count() > 1)).Should().Be(0);
        (await db.Topics.GroupBy(t => t.Name).CountAsync(g => g.Count() > 1)).Should().Be(0);
    }

    private static void Copy(IEnumerable<string> files, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in files) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
    }
}

public sealed class SqliteConcurrentImportTests : ConcurrentImportTests<OnSqlite>;

public sealed class PostgresConcurrentImportTests : ConcurrentImportTests<OnPostgres>;
