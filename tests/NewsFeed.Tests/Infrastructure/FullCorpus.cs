namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// The whole corpus (azure: 4,958 files, 4,944 articles; powerapps: 674 files, 670 articles), for the few tests whose
/// numbers are the whole corpus's. Found in NEWSFEED_CORPUS, else <c>../shared/corpus</c> beside the repository, else
/// the cache that <c>eng/corpus.sh</c> fills (it only ever leaves a verified corpus there). Tests never fetch it
/// themselves: a test run must not reach for the network. Either layout is read: <c>azure/</c> and <c>powerapps/</c>
/// folders, or <c>azure.tar.gz</c> and <c>powerapps.tar.gz</c>.
/// </summary>
public static class FullCorpus
{
    private static readonly string[] Parts = ["azure", "powerapps"];

    private static readonly Lazy<string?> Found = new(Find);
    private static readonly Lazy<string> AzureFolder = new(() => Folder("azure"));
    private static readonly Lazy<string> PowerAppsFolder = new(() => Folder("powerapps"));
    private static readonly Lazy<string> AzureTarGz = new(() =>
        File.Exists(Path.Combine(Location, "azure.tar.gz")) ? Path.Combine(Location, "azure.tar.gz") : Corpus.Pack(Azure));

    public static bool IsAvailable => Found.Value is not null;

    public static string UnavailableReason =>
        $"The full corpus is not here (looked in: {string.Join(", ", Candidates())}). Set NEWSFEED_CORPUS to it, " +
        "or fetch it with eng/corpus.sh (needs github.com), to run this test.";

    public static string Azure => AzureFolder.Value;

    public static string PowerApps => PowerAppsFolder.Value;

    public static string AzureArchive => AzureTarGz.Value;

    private static string Location => Found.Value ?? throw new InvalidOperationException(UnavailableReason);

    private static string Folder(string part) =>
        Directory.Exists(Path.Combine(Location, part))
            ? Path.Combine(Location, part)
            : Path.Combine(Corpus.Unpack(Path.Combine(Location, part + ".tar.gz")), part);

    private static string? Find() => Candidates().FirstOrDefault(folder =>
        Parts.All(part => Directory.Exists(Path.Combine(folder, part)) || File.Exists(Path.Combine(folder, part + ".tar.gz"))));

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("NEWSFEED_CORPUS") is { Length: > 0 } configured) yield return Path.GetFullPath(configured);
        yield return Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus"));
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        yield return Path.Combine(cache, "newsfeed", "corpus");
    }
}

/// <summary>A fact that needs the whole corpus: skipped, with the reason, when it is not here (never failed).</summary>
public sealed class FullCorpusFactAttribute : FactAttribute
{
    public FullCorpusFactAttribute()
    {
        if (!FullCorpus.IsAvailable) Skip = FullCorpus.UnavailableReason;
    }
}
