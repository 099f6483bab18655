using NewsFeed.Tests.Cli;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// What a frontend developer does with the contract: openapi-typescript generates types from the served document,
/// <c>tests/contract-js/client.ts</c> (no casts, no <c>!</c>) compiles under <c>tsc --strict</c>, and the compiled
/// client runs against the app listening on a real port: lists articles, follows nextCursor, reads related items and
/// reads a 400 problem.
/// </summary>
public abstract class GeneratedClientTests(Engine engine)
{
    // Both engines' classes run at once and share tests/contract-js/generated and build: one at a time writes them.
    private static readonly SemaphoreSlim Folder = new(1, 1);

    // The document the client in build/ was generated from and compiled against (guarded by Folder). Both engines serve
    // the same one, so the second class skips generating and compiling again, the slowest part of this test.
    private static string? _built;

    [Fact]
    public async Task The_typescript_client_generated_from_the_document_compiles_strict_and_reads_the_api()
    {
        await using var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine));
        app.StartKestrel();
        await app.ImportAsync(Corpus.PowerApps, RepoPaths.SeedFile);
        using var client = app.CreateClient();
        var document = Path.Combine(Corpus.NewScratchFolder(), "swagger.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/swagger/v1/swagger.json"));

        CliRunner.Result run;
        await Folder.WaitAsync();
        try
        {
            var served = await File.ReadAllTextAsync(document);
            if (served != _built) await BuildClientAsync(document);
            _built = served;
            run = await NpmFolder.ContractJs.NodeAsync("build/client.js", client.BaseAddress!.ToString(), Http.SeedSlug);
        }
        finally
        {
            Folder.Release();
        }

        var first = await client.GetJsonAsync("/articles?pageSize=1");
        var next = await client.GetJsonAsync($"/articles?pageSize=1&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        var related = (await client.GetJsonAsync($"/articles/{Http.SeedSlug}/related")).EnumerateArray().ToList();
        run.Stderr.Should().BeEmpty();
        run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            $"first: {first.GetProperty("items")[0].GetProperty("title").GetString()!.ToUpperInvariant()}",
            $"next: {next.GetProperty("items")[0].GetProperty("title").GetString()!.ToUpperInvariant()}",
            $"related: {related.Count}, {related.Count(r => r.TryGetProperty("articleId", out _))} here",
            "problem: 400 One or more validation errors occurred.: pageSize must be between 1 and 100.");
        run.ExitCode.Should().Be(0);
    }

    private static async Task BuildClientAsync(string document)
    {
        _built = null; // a failed build leaves nothing the other class may reuse
        var generate = await NpmFolder.ContractJs.ToolAsync("openapi-typescript", document, "--output", "generated/api.d.ts");
        generate.ExitCode.Should().Be(0, generate.Stdout + generate.Stderr);
        var compile = await NpmFolder.ContractJs.ToolAsync("tsc", "--project", "tsconfig.json", "--strict");
        compile.ExitCode.Should().Be(0, compile.Stdout + compile.Stderr);
    }
}

public sealed class SqliteGeneratedClientTests() : GeneratedClientTests(Engine.Sqlite);

public sealed class PostgresGeneratedClientTests() : GeneratedClientTests(Engine.Postgres);
