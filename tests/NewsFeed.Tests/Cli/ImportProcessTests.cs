using System.Diagnostics;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Cli;

/// <summary>
/// The import command replaces its process with one without dynamic PGO (BatchRuntime): the same process, seen from
/// outside, with the same report and exit code. Every other command-line test runs through that restart too.
/// </summary>
public sealed class ImportProcessTests
{
    [Fact]
    public async Task The_import_goes_on_in_the_same_process_without_dynamic_pgo_and_reports_as_usual()
    {
        var database = await Engines.NewDatabaseAsync(Engine.Sqlite);
        var start = CliRunner.StartInfo(database, "import", Corpus.PowerApps);
        start.Environment.Remove("DOTNET_TieredPGO");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // The environment the process now runs with, and its name, read by its id while it imports.
        var withoutPgo = false;
        var name = "";
        while (!withoutPgo && !process.HasExited)
        {
            withoutPgo = Read(process.Id, "environ").Split('\0').Contains("DOTNET_TieredPGO=0");
            name = Read(process.Id, "comm").TrimEnd('\n');
            await Task.Delay(5);
        }
        await process.WaitForExitAsync();

        withoutPgo.Should().BeTrue("the import restarts itself with DOTNET_TieredPGO=0 before it reads a file");
        name.Should().Be("dotnet", "ps and top show the restarted process under the name it was started with");
        process.ExitCode.Should().Be(0, await stderr);
        (await stdout).Should().Contain("674 files: 670 created");
    }

    private static string Read(int id, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{id}/{file}");
        }
        catch (IOException)
        {
            return ""; // It has just exited.
        }
    }
}
