using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data;
using NewsFeed.Import;
using NewsFeed.Tests.Import;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Cli;

/// <summary>The <c>import</c> command of the real binary: report, exit codes, --json, --dry-run, fatal errors.</summary>
public abstract class ImportCommandTests(Engine engine)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Importing_the_seed_prints_the_report_and_exits_0()
    {
        var database = await Engines.NewDatabaseAsync(engine);

        var result = await CliRunner.RunAsync(database, "import", RepoPaths.SeedFile);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("1 files: 1 created, 0 updated, 0 unchanged, 0 superseded, 0 failed, 0 skipped, 0 warnings");
        (await CountArticlesAsync(database)).Should().Be(1);
    }

    [Fact]
    public async Task Failed_files_are_listed_with_file_line_and_column_and_exit_2()
    {
        var database = await Engines.NewDatabaseAsync(engine);
        var folder = Path.Combine(Corpus.NewScratchFolder(), "drop");
        Directory.CreateDirectory(folder);
        File.Copy(RepoPaths.SeedFile, Path.Combine(folder, "seed.txt"));
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.md"), BadFiles.Seed.Replace("quality: 87", "quality: high", StringComparison.Ordinal)
            .Replace("chinese-ai-giant", "another", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(database, "import", folder);

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stdout.Should().Contain("2 files: 1 created, 0 updated, 0 unchanged, 0 superseded, 1 failed")
            .And.Contain("error: drop/bad.md:11:10 (quality): 'quality' must be a whole number, found 'high'.");
        (await CountArticlesAsync(database)).Should().Be(1);
    }

    [Fact]
    public async Task Json_puts_the_report_on_stdout_and_progress_on_stderr()
    {
        var database = await Engines.NewDatabaseAsync(engine);

        var result = await CliRunner.RunAsync(database, "import", Corpus.PowerApps, "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        var report = JsonSerializer.Deserialize<ImportReport>(result.Stdout, Web)!;
        report.Should().BeEquivalentTo(new { Files = 674, Created = 670, Failed = 0, Status = "succeeded", DryRun = false });
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Contain(
            ["importId", "status", "dryRun", "files", "created", "updated", "unchanged", "superseded", "failed", "skipped", "warnings", "errors", "durationMs"]);
        // Output is redirected here, so progress comes as plain lines, not a redrawn bar.
        result.Stderr.Should().Contain("progress: ").And.NotContain("\r");
    }

    [Fact]
    public async Task A_dry_run_reports_and_writes_nothing()
    {
        var database = await Engines.NewDatabaseAsync(engine);

        var result = await CliRunner.RunAsync(database, "import", RepoPaths.SeedFile, "--dry-run");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Dry run (nothing written): 1 files: 1 created");
        (await CountArticlesAsync(database)).Should().Be(0);
    }

    [Fact]
    public async Task An_archive_is_imported_like_its_folder()
    {
        var database = await Engines.NewDatabaseAsync(engine);

        var result = await CliRunner.RunAsync(database, "import", Path.Combine(RepoPaths.Corpus, "powerapps.tar.gz"), "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("\"created\": 670");
        (await CountArticlesAsync(database)).Should().Be(670);
    }

    [Fact]
    public async Task The_report_lists_the_configured_number_of_entries_and_counts_the_rest()
    {
        var database = await Engines.NewDatabaseAsync(engine);
        var folder = Path.Combine(Corpus.NewScratchFolder(), "drop");
        Directory.CreateDirectory(folder);
        File.Copy(RepoPaths.SeedFile, Path.Combine(folder, "seed.txt"));
        for (var i = 0; i < 7; i++) await File.WriteAllTextAsync(Path.Combine(folder, $"asset{i}.bin"), "not an article");

        var text = await CliRunner.RunAsync(database, "import", folder, "--Import:MaxReportEntries=3");
        var json = await CliRunner.RunAsync(database, "import", folder, "--json", "--Import:MaxReportEntries=3");

        text.ExitCode.Should().Be(0, text.Stderr);
        text.Stdout.Should().Contain("8 files: 1 created, 0 updated, 0 unchanged, 0 superseded, 0 failed, 7 skipped, 7 warnings")
            .And.Contain("warning: 4 more warnings not listed (Import:MaxReportEntries)");
        text.Stdout.Split('\n').Count(l => l.StartsWith("warning: drop/asset", StringComparison.Ordinal)).Should().Be(3);
        var report = JsonSerializer.Deserialize<ImportReport>(json.Stdout, Web)!;
        report.Should().BeEquivalentTo(new { Skipped = 7, WarningsNotListed = 4 });
        report.Warnings.Should().HaveCount(3);
    }

    [Fact]
    public async Task An_unusable_command_line_exits_1_with_a_message()
    {
        var database = await Engines.NewDatabaseAsync(engine);

        var noPath = await CliRunner.RunAsync(database, "import");
        var unknownOption = await CliRunner.RunAsync(database, "import", RepoPaths.SeedFile, "--fast");
        var fakeArchive = Path.Combine(Corpus.NewScratchFolder(), "notes.zip");
        await File.WriteAllTextAsync(fakeArchive, "not a zip");
        var badArchive = await CliRunner.RunAsync(database, "import", fakeArchive);

        noPath.ExitCode.Should().Be(1);
        noPath.Stderr.Should().Contain("error: name at least one file, folder or archive to import.");
        unknownOption.ExitCode.Should().Be(1);
        unknownOption.Stderr.Should().Contain("error: unknown option --fast");
        badArchive.ExitCode.Should().Be(1);
        badArchive.Stderr.Should().Contain("error: the archive is refused: 'notes.zip' is not a zip archive, whatever its name says.");
    }

    private static async Task<int> CountArticlesAsync(DatabaseSettings database)
    {
        var options = new DbContextOptionsBuilder<NewsFeedDbContext>();
        DataServiceCollectionExtensions.Configure(options, database);
        await using var db = new NewsFeedDbContext(options.Options);
        return await db.Articles.CountAsync();
    }
}

public sealed class SqliteImportCommandTests() : ImportCommandTests(Engine.Sqlite);

public sealed class PostgresImportCommandTests() : ImportCommandTests(Engine.Postgres)
{
    [Fact]
    public async Task An_unreachable_database_is_fatal_and_exits_1()
    {
        var database = new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=3");

        var result = await CliRunner.RunAsync(database, "import", RepoPaths.SeedFile);

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: ").And.Contain("127.0.0.1");
    }
}
