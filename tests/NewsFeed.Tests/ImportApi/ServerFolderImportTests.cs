using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>POST /import with { "path": ... }: folders under the import root, and every way out of it refused.</summary>
public abstract class ServerFolderImportTests<TEngine> where TEngine : IEngineKind
{
    [Fact]
    public async Task A_server_folder_imports_with_its_files_named_like_the_command_line_names_them()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var december = Directory.CreateDirectory(Path.Combine(host.Root, "2021", "december")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(december, "a.md"), TestFiles.Article("a"));
        Directory.CreateDirectory(Path.Combine(december, "week2"));
        await File.WriteAllBytesAsync(Path.Combine(december, "week2", "b.md"), TestFiles.Article("b"));
        // A link inside the root that stays inside it is fine.
        File.CreateSymbolicLink(Path.Combine(host.Root, "latest"), Path.Combine(host.Root, "2021", "december"));

        var report = await ImportApiHost.ReportOf(await host.ImportServerPathAsync("2021/december"));
        var cli = await host.App.ImportAsync(new global::NewsFeed.Import.ImportRequest(DryRun: true), december);
        var viaLink = await ImportApiHost.ReportOf(await host.ImportServerPathAsync("latest"));

        report.Should().BeEquivalentTo(new { Status = "succeeded", Files = 2, Created = 2 });
        cli.Should().BeEquivalentTo(report with { DryRun = true, Created = 0, Unchanged = 2 }, o => o.Excluding(r => r.ImportId).Excluding(r => r.DurationMs));
        await using var db = host.App.CreateDbContext();
        (await db.Articles.Select(a => a.SourcePath).OrderBy(p => p).ToListAsync()).Should().Equal("december/a.md", "december/week2/b.md");
        viaLink.Should().BeEquivalentTo(new { Status = "succeeded", Files = 2, Unchanged = 2 });
    }

    [Fact]
    public async Task A_link_looping_back_inside_the_root_leaves_each_file_imported_once()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var folder = Directory.CreateDirectory(Path.Combine(host.Root, "2021", "december")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "a.md"), TestFiles.Article("a"));
        File.CreateSymbolicLink(Path.Combine(folder, "again"), ".");
        File.CreateSymbolicLink(Path.Combine(folder, "year"), "..");

        var report = await ImportApiHost.ReportOf(await host.ImportServerPathAsync("2021"));

        report.Should().BeEquivalentTo(new { Status = "succeeded", Files = 1, Created = 1 });
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("2021/../../outside")]
    [InlineData("/etc")]
    [InlineData("../root-sibling/secret")]
    [InlineData("link-to-sibling")]
    [InlineData("link-to-sibling/secret")]
    [InlineData("2021/link-up")]
    [InlineData("mixed")]
    public async Task A_path_leading_outside_the_root_is_refused_with_403_and_nothing_outside_is_read(string path)
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine);
        var scratch = Path.GetDirectoryName(host.Root)!;
        // A sibling whose name starts with the root's name: a plain prefix test would take it for inside.
        var sibling = Directory.CreateDirectory(Path.Combine(scratch, "root-sibling", "secret")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(sibling, "secret.md"), TestFiles.Article("secret"));
        Directory.CreateDirectory(Path.Combine(scratch, "outside"));
        // A named pipe outside: opening it for reading would hang the request, so a pass proves it was never opened.
        var pipe = Path.Combine(scratch, "outside", "pipe.md");
        Process.Start("mkfifo", [pipe])!.WaitForExit();
        Directory.CreateDirectory(Path.Combine(host.Root, "2021"));
        File.CreateSymbolicLink(Path.Combine(host.Root, "link-to-sibling"), Path.Combine(scratch, "root-sibling"));
        File.CreateSymbolicLink(Path.Combine(host.Root, "2021", "link-up"), "../../outside");
        var mixed = Directory.CreateDirectory(Path.Combine(host.Root, "mixed")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(mixed, "good.md"), TestFiles.Article("good"));
        File.CreateSymbolicLink(Path.Combine(mixed, "leak.md"), pipe);
        using var client = host.CreateClient(ImportApiHost.Key);
        client.Timeout = TimeSpan.FromSeconds(30);

        var response = await client.PostAsync("/import", System.Net.Http.Json.JsonContent.Create(new { path }));

        var problem = await ImportApiHost.ProblemOf(response, HttpStatusCode.Forbidden);
        problem.GetProperty("title").GetString().Should().Be("The path leads outside the import root");
        (await host.SnapshotAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Server_folders_are_off_without_an_import_root_and_a_missing_folder_is_404()
    {
        await using var off = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:Root"] = "" });
        await using var on = await ImportApiHost.StartAsync(TEngine.Engine);

        var problem = await ImportApiHost.ProblemOf(await off.ImportServerPathAsync("2021"), HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().Should().Contain("Import:Root");
        await ImportApiHost.ProblemOf(await on.ImportServerPathAsync("no/such/folder"), HttpStatusCode.NotFound);
        await ImportApiHost.ProblemOf(await on.ImportServerPathAsync(""), HttpStatusCode.BadRequest);
        await ImportApiHost.ProblemOf(await on.Client.PostAsync("/import", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ImportApiHost.ProblemOf(await on.Client.PostAsync("/import", new StringContent("path=x")), HttpStatusCode.UnsupportedMediaType);
    }
}

public sealed class SqliteServerFolderImportTests : ServerFolderImportTests<OnSqlite>;

public sealed class PostgresServerFolderImportTests : ServerFolderImportTests<OnPostgres>;
