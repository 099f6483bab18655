namespace NewsFeed.Tests.Infrastructure;

/// <summary>Where the repository and the shared corpus are, found from the test binaries' folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The corpus of real article files: NEWSFEED_CORPUS, else <c>../shared/corpus</c> beside the repository.</summary>
    public static string Corpus { get; } = Environment.GetEnvironmentVariable("NEWSFEED_CORPUS")
        ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    public static string SeedFile => Path.Combine(Corpus, "seed", "000_87784aaa7c47e396.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsFeed.sln"))) return dir.FullName;
        throw new InvalidOperationException("NewsFeed.sln not found above the test binaries.");
    }
}
