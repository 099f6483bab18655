using System.IO.Enumeration;

namespace NewsFeed.Import.Sources;

/// <summary>
/// What a folder holds, depth first, in the ordinal order of the relative paths (so a report lists files the same way
/// whatever the file system returns). One folder's listing is held per level, not the whole tree's: a folder of
/// 50,000 files costs its largest folder, where a sorted list of every path cost 27 MB and grew with each file.
/// Links to folders are followed, except one leading back into a folder the walk is inside: that walk would not end.
/// </summary>
internal static class FolderWalk
{
    /// <param name="RelativePath">The path under the walked folder, with <c>/</c> between names.</param>
    public readonly record struct Entry(string FullPath, string RelativePath, bool IsFolder, bool IsLink);

    /// <summary>A name and what the walk needs of its entry; <paramref name="Key"/> orders a folder's entries.</summary>
    private readonly record struct Listed(string Key, string Name, bool IsFolder, bool IsLink);

    // Hidden and system files too, as a recursive listing gave them; unreadable folders are left out, as it did.
    private static readonly EnumerationOptions OneLevel = new() { AttributesToSkip = FileAttributes.None };

    /// <summary>Every file and folder under <paramref name="folder"/>, links included (a link that loops is listed, not entered).</summary>
    public static IEnumerable<Entry> Entries(string folder) => Walk(folder, "", [RealPath.Of(folder)]);

    /// <summary>The files under <paramref name="folder"/>: a link to a file counts as a file.</summary>
    public static IEnumerable<Entry> Files(string folder) => Entries(folder).Where(entry => !entry.IsFolder);

    /// <param name="inside">The real paths of the folders from the top down to <paramref name="folder"/>.</param>
    private static IEnumerable<Entry> Walk(string folder, string prefix, List<string> inside)
    {
        foreach (var (key, name, isFolder, isLink) in List(folder))
        {
            var full = Path.Join(folder, name);
            var relative = prefix + key;
            yield return new Entry(full, isFolder ? relative[..^1] : relative, isFolder, isLink);
            if (!isFolder) continue;
            // A plain folder's real path is its parent's plus its name; only a link needs resolving.
            var real = isLink ? RealPathOrNull(full) : Path.Join(inside[^1], name);
            if (real is null || inside.Contains(real, StringComparer.Ordinal)) continue;
            inside.Add(real);
            foreach (var entry in Walk(full, relative, inside)) yield return entry;
            inside.RemoveAt(inside.Count - 1);
        }
    }

    /// <summary>
    /// A folder's entries in the order of the paths they lead to: a folder's name sorts with a <c>/</c> after it, as
    /// in its files' paths (<c>a-b.md</c> before <c>a/x.md</c> before <c>a.md</c>).
    /// </summary>
    private static List<Listed> List(string folder)
    {
        List<Listed> listed;
        try
        {
            listed = [.. new FileSystemEnumerable<Listed>(folder, ToListed, OneLevel)];
        }
        catch (DirectoryNotFoundException)
        {
            return []; // removed while the walk went on
        }
        listed.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return listed;
    }

    private static Listed ToListed(ref FileSystemEntry entry)
    {
        var name = entry.FileName.ToString();
        var key = name.Replace('\\', '/');
        // A link reports the kind of what it points to; the reparse-point attribute says it is a link.
        return new Listed(entry.IsDirectory ? key + "/" : key, name, entry.IsDirectory, entry.Attributes.HasFlag(FileAttributes.ReparsePoint));
    }

    private static string? RealPathOrNull(string link)
    {
        try
        {
            return RealPath.Of(link);
        }
        catch (IOException)
        {
            return null; // a loop of links leads nowhere to walk
        }
    }
}
