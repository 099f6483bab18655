using System.Text.Json;
using System.Text.RegularExpressions;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Cli;

/// <summary>The README's command-line import works from a fresh clone: its example file is in the repository.</summary>
public abstract partial class ReadmeCommandTests(Engine engine)
{
    [Fact]
    public async Task The_readme_import_example_names_a_file_of_the_repository_and_prints_only_json_with_json()
    {
        var examples = ImportExample().Matches(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md")))
            .Select(m => m.Groups["path"].Value).ToList();
        examples.Should().NotBeEmpty("the README shows how to import from the command line");

        foreach (var example in examples)
        {
            // `dotnet run` starts the app in its project folder, so the README gives the path from $PWD, the clone.
            var path = example.Replace("$PWD", RepoPaths.Root, StringComparison.Ordinal);
            File.Exists(path).Should().BeTrue($"the README's example {example} is in the repository");
            var result = await CliRunner.RunAsync(await Engines.NewDatabaseAsync(engine), "import", path, "--json");

            result.ExitCode.Should().Be(0, result.Stderr);
            using var report = JsonDocument.Parse(result.Stdout);
            report.RootElement.GetProperty("created").GetInt32().Should().BePositive();
        }
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_fatal_exits_1_and_writes_nothing()
    {
        var database = await Engines.NewDatabaseAsync(engine);
        var missing = Path.Combine(Corpus.NewScratchFolder(), "no-such-folder");

        var result = await CliRunner.RunAsync(database, "import", RepoPaths.SeedFile, missing, "--json");

        result.ExitCode.Should().Be(1, result.Stdout);
        result.Stderr.Should().Contain($"error: {missing}: no such file or folder");
        result.Stdout.Should().BeEmpty("no report: nothing was imported");
        (await CliRunner.RunAsync(database, "import", RepoPaths.SeedFile, "--dry-run")).Stdout.Should().Contain("1 created", "the seed was not imported");
    }

    [GeneratedRegex(@"dotnet run --project src/NewsFeed\.Api[^\n]* -- import ""?(?<path>(?!PATH)[^"" \n]+)""?")]
    private static partial Regex ImportExample();
}

public sealed class SqliteReadmeCommandTests() : ReadmeCommandTests(Engine.Sqlite);

public sealed class PostgresReadmeCommandTests() : ReadmeCommandTests(Engine.Postgres);
