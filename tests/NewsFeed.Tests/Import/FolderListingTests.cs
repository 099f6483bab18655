using CsCheck;
using NewsFeed.Import;
using NewsFeed.Import.Sources;
using NewsFeed.Tests.ImportApi;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>
/// A folder's files are handed out one folder at a time, sorted, instead of as one sorted list of every path. The
/// order and count must stay what sorting every path gave: generated trees are listed both ways and compared. Links
/// to folders are still followed, but a link back into a folder being walked no longer sends the walk round forever.
/// </summary>
public sealed class FolderListingTests
{
    // Characters either side of '/' (0x2F) in ordinal order, where a folder-by-folder order could part from the whole
    // list's: "a-b.md" comes before "a/x.md", which comes before "a.md". Backslashes are left out: on Linux a name may
    // hold one, and reports write it as '/', so such a path has no single place in either order.
    private static readonly Gen<string> Name = Gen.Char["  -.0aA_~é"].Array[1, 3]
        .Select(chars => new string(chars))
        .Where(name => name.Trim('.').Length > 0 && name.Trim().Length > 0);

    private static readonly Gen<string> FileName = Gen.Select(Name, Gen.OneOf(Gen.Const(".md"), Gen.Const(".txt"), Gen.Const("")), (n, e) => n + e);

    private static readonly Gen<string[]> RelativePaths = Gen.Select(Name.Array[0, 3], FileName, (folders, file) => string.Join('/', [.. folders, file]))
        .Array[1, 25];

    [Fact]
    public void Files_come_in_the_order_and_number_that_sorting_every_path_gives()
    {
        RelativePaths.Sample(paths =>
        {
            var root = Path.Combine(Corpus.NewScratchFolder(), "seed");
            foreach (var path in paths) TryCreate(root, path);
            Directory.CreateDirectory(root);

            var input = ImportSources.Open([root], new ImportOptions());

            var whole = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None };
            var expected = Directory.EnumerateFiles(root, "*", whole).Select(f => $"seed/{Path.GetRelativePath(root, f)}")
                .Order(StringComparer.Ordinal).ToList();
            input.Files.Select(f => f.Path).Should().Equal(expected);
            input.Count.Should().Be(expected.Count);
        }, iter: 200);
    }

    [Fact]
    public async Task A_link_back_into_the_walked_tree_is_not_followed_and_other_links_are()
    {
        var scratch = Corpus.NewScratchFolder();
        var root = Path.Combine(scratch, "seed");
        Directory.CreateDirectory(Path.Combine(root, "2021"));
        Directory.CreateDirectory(Path.Combine(scratch, "elsewhere"));
        File.WriteAllBytes(Path.Combine(root, "a.md"), TestFiles.Article("a"));
        File.WriteAllBytes(Path.Combine(root, "2021", "b.md"), TestFiles.Article("b"));
        File.WriteAllBytes(Path.Combine(scratch, "elsewhere", "c.md"), TestFiles.Article("c"));
        File.CreateSymbolicLink(Path.Combine(root, "2021", "up"), root);
        File.CreateSymbolicLink(Path.Combine(root, "2021", "here"), ".");
        File.CreateSymbolicLink(Path.Combine(root, "more"), Path.Combine(scratch, "elsewhere"));
        // A loop of links leads nowhere: listed as a file, and skipped for its name.
        File.CreateSymbolicLink(Path.Combine(root, "loop1"), Path.Combine(root, "loop2"));
        File.CreateSymbolicLink(Path.Combine(root, "loop2"), Path.Combine(root, "loop1"));

        // Followed, the two links back would make 2^40 paths before the system's limit on links in a path stopped them.
        var input = await Task.Run(() => ImportSources.Open([root], new ImportOptions())).WaitAsync(TimeSpan.FromSeconds(30));

        input.Files.Take(10).Select(f => f.Path).Should().Equal("seed/2021/b.md", "seed/a.md", "seed/loop1", "seed/loop2", "seed/more/c.md");
        input.Count.Should().Be(5);
    }

    private static void TryCreate(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!Directory.Exists(path)) File.WriteAllText(path, relative);
        }
        catch (IOException)
        {
            // A generated file where another path wants a folder, or the reverse: the tree keeps whichever came first.
        }
    }
}
