namespace NewsFeed.Import.Sources;

/// <summary>Where a path really is, every link on the way resolved (the C library's <c>realpath</c>, without opening anything).</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>Each component resolved in turn, a link's target read (never opened) and resolved the same way.</summary>
    /// <exception cref="IOException">More than 40 links on the way (a loop of links).</exception>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var pending = new LinkedList<string>(Components(full[root.Length..]));
        var current = root;
        var links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var part = first.Value;
            if (part is "" or ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks) throw new IOException($"Too many levels of symbolic links at '{next}'.");
                // The target's own components come next, from the root when it is absolute, else from the link's folder.
                if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target)!;
                foreach (var component in Components(target).Reverse()) pending.AddFirst(component);
                continue;
            }
            current = next;
        }
        return current;
    }

    private static string[] Components(string path) => path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
