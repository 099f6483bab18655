namespace NewsFeed.Tests.Infrastructure;

/// <summary>Where the repository and its committed test corpus are, found from the test binaries' folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The test corpus committed under <c>tests/corpus</c>: an azure sample, powerapps whole, the seed (see its README).</summary>
    public static string Corpus => Path.Combine(Root, "tests", "corpus");

    public static string SeedFile => Path.Combine(Corpus, "seed", "000_87784aaa7c47e396.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsFeed.sln"))) return dir.FullName;
        throw new InvalidOperationException("NewsFeed.sln not found above the test binaries.");
    }
}
