using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Api.Imports;
using NewsFeed.Import;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>POST /import with uploads: plain files, archives of a corpus folder, dry runs, re-imports, bad files.</summary>
public abstract class UploadImportTests<TEngine> where TEngine : IEngineKind
{
    [Fact]
    public async Task Several_files_in_one_request_are_imported_and_reported_by_name()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);

        var report = await ImportApiHost.ReportOf(await host.UploadAsync("",
            ("one.md", TestFiles.Article("one")), ("two.md", TestFiles.Article("two")), ("seed.txt", await File.ReadAllBytesAsync(RepoPaths.SeedFile))));

        report.Should().BeEquivalentTo(new { Status = "succeeded", DryRun = false, Files = 3, Created = 3, Updated = 0, Unchanged = 0, Failed = 0, Skipped = 0 });
        await using var db = host.App.CreateDbContext();
        (await db.Articles.Select(a => a.SourcePath).OrderBy(p => p).ToListAsync()).Should().Equal("one.md", "seed.txt", "two.md");
        (await db.Articles.Select(a => a.ImportId).Distinct().SingleAsync()).Should().Be(report.ImportId);
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task A_zip_of_a_corpus_folder_imports_like_the_folder_and_a_second_upload_is_all_unchanged()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var zip = TestFiles.ZipFolder(Corpus.PowerApps);

        var first = await ImportApiHost.ReportOf(await host.UploadAsync("", ("powerapps.zip", zip)));
        var snapshot = await host.SnapshotAsync();
        var again = await ImportApiHost.ReportOf(await host.UploadAsync("", ("powerapps.zip", zip)));

        first.Should().BeEquivalentTo(new { Status = "succeeded", Files = 674, Created = 670, Failed = 0 });
        first.Errors.Should().BeEmpty();
        (first.Created + first.Updated + first.Unchanged + first.Superseded).Should().Be(674);
        again.Should().BeEquivalentTo(new { Status = "succeeded", Files = 674, Created = 0, Updated = 0, Unchanged = 670, Superseded = 4, Failed = 0 });
        (await host.SnapshotAsync()).Should().Equal(snapshot);
        snapshot.Should().Contain(row => row.Contains("\"SourcePath\":\"powerapps/", StringComparison.Ordinal));
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_reports_what_the_import_would_do()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        (string, byte[])[] files = [("a.md", TestFiles.Article("a")), ("b.md", TestFiles.Article("b")), ("bad.md", TestFiles.BadUrl())];

        var dry = await ImportApiHost.ReportOf(await host.UploadAsync("?dryRun=true", files));
        (await host.SnapshotAsync()).Should().BeEmpty();
        var real = await ImportApiHost.ReportOf(await host.UploadAsync("", files));

        dry.DryRun.Should().BeTrue();
        real.DryRun.Should().BeFalse();
        dry.Should().BeEquivalentTo(real, o => o.Excluding(r => r.ImportId).Excluding(r => r.DurationMs).Excluding(r => r.DryRun));
        real.Should().BeEquivalentTo(new { Status = "completedWithErrors", Created = 2, Failed = 1 });
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task In_a_mixed_upload_bad_files_fail_with_file_line_and_message_and_the_good_ones_import()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:MaxFileBytes"] = "4096" });
        var big = new byte[10_000];
        TestFiles.Article("big").CopyTo(big, 0);

        var report = await ImportApiHost.ReportOf(await host.UploadAsync("",
            ("good.md", TestFiles.Article("good")), ("bad-url.md", TestFiles.BadUrl()), ("plain.txt", TestFiles.NoFrontMatter()),
            ("big.md", big), ("notes.pdf", [1, 2, 3]), ("archive.zip", TestFiles.Zip(("inner/good2.md", TestFiles.Article("good2")), ("inner/bad.md", TestFiles.BadUrl()), ("inner/image.png", [1])))));

        // A file given by name is read whatever its extension (notes.pdf fails); inside an archive only article names are.
        report.Should().BeEquivalentTo(new { Status = "completedWithErrors", Files = 8, Created = 2, Failed = 5, Skipped = 1 });
        var badUrl = report.Errors.Single(e => e.File == "bad-url.md" && e.Field == "webUrl");
        badUrl.Line.Should().Be(3);
        badUrl.Message.Should().Contain("not-a-url");
        report.Errors.Should().Contain(e => e.File == "notes.pdf");
        report.Errors.Should().Contain(e => e.File == "inner/bad.md" && e.Line == 3 && e.Field == "webUrl");
        report.Errors.Should().Contain(e => e.File == "plain.txt" && e.Line == 1 && e.Message.Contains("front matter"));
        report.Errors.Should().Contain(e => e.File == "big.md" && e.Message.Contains("4,096"));
        report.Warnings.Should().Contain(w => w.File == "inner/image.png" && w.Message.StartsWith("Skipped"));
        await using var db = host.App.CreateDbContext();
        (await db.Articles.Select(a => a.SourcePath).OrderBy(p => p).ToListAsync()).Should().Equal("good.md", "inner/good2.md");
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task When_no_file_can_be_imported_the_answer_is_422_carrying_the_report()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);

        var response = await host.UploadAsync("", ("bad.md", TestFiles.BadUrl()), ("plain.md", TestFiles.NoFrontMatter()));

        var problem = await ImportApiHost.ProblemOf(response, HttpStatusCode.UnprocessableEntity);
        var report = problem.GetProperty("report").Deserialize<ImportReport>(ImportApiHost.Json)!;
        report.Should().BeEquivalentTo(new { Status = "failed", Files = 2, Created = 0, Failed = 2 });
        report.Errors.Select(e => e.File).Should().Contain(["bad.md", "plain.md"]);
        (await host.SnapshotAsync()).Should().BeEmpty();
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task Every_import_is_listed_newest_first_with_its_report_by_id()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var first = await ImportApiHost.ReportOf(await host.UploadAsync("", ("a.md", TestFiles.Article("a"))));
        var second = await ImportApiHost.ReportOf(await host.UploadAsync("?dryRun=true", ("b.md", TestFiles.Article("b"))));

        var list = (await host.Client.GetFromJsonAsync<Api.Contracts.ImportJobList>("/imports?pageSize=1", ImportApiHost.Json))!;
        var page2 = (await host.Client.GetFromJsonAsync<Api.Contracts.ImportJobList>("/imports?page=2&pageSize=1", ImportApiHost.Json))!;
        var byId = await host.GetJobAsync(first.ImportId);

        list.Total.Should().Be(2);
        list.Items.Single().Should().BeEquivalentTo(new { Id = second.ImportId, Status = "succeeded", DryRun = true, Source = "upload: b.md" });
        page2.Items.Single().Id.Should().Be(first.ImportId);
        byId.Report.Should().BeEquivalentTo(first);
        byId.Progress.Should().BeEquivalentTo(new { FilesDone = 1, FilesTotal = 1, Imported = 1, Failed = 0 });
        (await host.Client.GetAsync("/imports/nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Client.GetAsync("/imports?pageSize=500")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

public sealed class SqliteUploadImportTests : UploadImportTests<OnSqlite>;

public sealed class PostgresUploadImportTests : UploadImportTests<OnPostgres>;
