using System.Diagnostics;
using NewsFeed.Tests.Cli;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Operations;

/// <summary>
/// eng/corpus.sh against local git repositories laid out as the public ones (<c>_news/</c> plus a <c>.keep</c>, other
/// files beside it, the pinned commit below the tip), over file:// so no network is needed.
/// </summary>
public sealed class CorpusScriptTests : IDisposable
{
    private readonly List<string> _folders = [];

    /// <summary>
    /// The repositories and fetched copies hold tens of thousands of files: removed when the test ends, while other tests
    /// still run, rather than in the run's final clean-up, which nothing runs beside.
    /// </summary>
    public void Dispose()
    {
        foreach (var folder in _folders) Directory.Delete(folder, recursive: true);
    }

    private string NewFolder()
    {
        var folder = Corpus.NewScratchFolder();
        _folders.Add(folder);
        return folder;
    }

    [Fact]
    public async Task Files_that_differ_from_the_pinned_checksum_are_refused_and_nothing_is_cached()
    {
        // The committed sample is not the whole azure _news folder, so its listing cannot match the pinned SHA-256.
        var servers = NewFolder();
        var azure = await ServeAsync(servers, "azure", Corpus.Azure);
        var cache = NewFolder();

        var result = await FetchAsync(servers, azure, azure, cache);

        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stderr.Should().Contain($"azure: _news at {azure} does not match the pinned SHA-256").And.Contain("nothing was cached");
        result.Stdout.Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Path.Combine(cache, "newsfeed")).Should().BeEmpty("no partial corpus is left behind");
    }

    [FullCorpusFact]
    public async Task The_pinned_folders_are_fetched_verified_and_cached_as_the_tests_read_them()
    {
        var servers = NewFolder();
        var azure = await ServeAsync(servers, "azure", FullCorpus.Azure);
        var powerApps = await ServeAsync(servers, "powerapps", FullCorpus.PowerApps);
        var cache = NewFolder();

        var result = await FetchAsync(servers, azure, powerApps, cache);

        result.ExitCode.Should().Be(0, result.Stderr);
        var corpus = Path.Combine(cache, "newsfeed", "corpus");
        result.Stdout.Trim().Should().Be(corpus);
        foreach (var (name, source) in new[] { ("azure", FullCorpus.Azure), ("powerapps", FullCorpus.PowerApps) })
        {
            var fetched = Directory.GetFiles(Path.Combine(corpus, name)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            fetched.Should().Equal(Directory.GetFiles(source).Select(Path.GetFileName).Order(StringComparer.Ordinal), "the .keep is left out");
            foreach (var file in Directory.GetFiles(source))
                (await File.ReadAllBytesAsync(Path.Combine(corpus, name, Path.GetFileName(file)))).ShouldEqualBytes(await File.ReadAllBytesAsync(file));
        }
    }

    /// <summary>A bare repository NAME.git under <paramref name="servers"/>; returns the commit whose _news holds the files.</summary>
    private async Task<string> ServeAsync(string servers, string name, string files)
    {
        var work = Path.Combine(NewFolder(), name);
        Directory.CreateDirectory(Path.Combine(work, "_news"));
        foreach (var file in Directory.GetFiles(files)) File.Copy(file, Path.Combine(work, "_news", Path.GetFileName(file)));
        await File.WriteAllTextAsync(Path.Combine(work, "_news", ".keep"), "");
        await File.WriteAllTextAsync(Path.Combine(work, "README.md"), "The site, not the articles.\n");
        await GitAsync(work, "init", "-q");
        await GitAsync(work, "add", "-A");
        await GitAsync(work, "commit", "-q", "-m", "articles");
        var pinned = (await GitAsync(work, "rev-parse", "HEAD")).Stdout.Trim();
        await File.AppendAllTextAsync(Path.Combine(work, "README.md"), "A later commit: the tip is not the pinned one.\n");
        await GitAsync(work, "commit", "-q", "-a", "-m", "later");
        var bare = Path.Combine(servers, name + ".git");
        await GitAsync(servers, "clone", "-q", "--bare", work, bare);
        // What GitHub allows: blobless fetches, and fetching a commit by its id.
        await GitAsync(bare, "config", "uploadpack.allowFilter", "true");
        await GitAsync(bare, "config", "uploadpack.allowReachableSHA1InWant", "true");
        return pinned;
    }

    private static Task<CliRunner.Result> FetchAsync(string servers, string azureCommit, string powerAppsCommit, string cache) =>
        RunAsync("bash", [Path.Combine(RepoPaths.Root, "eng", "corpus.sh"), "fetch"], RepoPaths.Root, new()
        {
            ["NEWSFEED_CORPUS_GIT_BASE"] = new Uri(servers).AbsoluteUri,
            ["NEWSFEED_CORPUS_AZURE_COMMIT"] = azureCommit,
            ["NEWSFEED_CORPUS_POWERAPPS_COMMIT"] = powerAppsCommit,
            ["XDG_CACHE_HOME"] = cache,
        });

    private static async Task<CliRunner.Result> GitAsync(string folder, params string[] args)
    {
        var result = await RunAsync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", .. args], folder, []);
        result.ExitCode.Should().Be(0, $"git {string.Join(' ', args)}: {result.Stderr}");
        return result;
    }

    private static async Task<CliRunner.Result> RunAsync(string program, string[] args, string folder, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRunner.Result(process.ExitCode, await stdout, await stderr);
    }
}
