namespace NewsFeed.Import.Sources;

/// <summary>
/// Resolves a path given relative to an import root (the API's <c>Import:Root</c>). The path is first checked as text
/// (no absolute path, no <c>..</c>), then resolved link by link without following any link blindly: the real path, and
/// the real target of every link inside a folder, must stay inside the real root. Nothing outside the root is ever opened.
/// </summary>
public static class ServerFolder
{
    /// <summary>The real path of <paramref name="relative"/>, a folder, file or archive inside <paramref name="root"/>.</summary>
    /// <exception cref="InputRefusedException">
    /// <see cref="InputRefusal.OutsideRoot"/> for anything outside the root, <see cref="InputRefusal.NotFound"/> when nothing is there.
    /// </exception>
    public static string Resolve(string root, string relative)
    {
        var text = relative.Replace('\\', '/');
        if (text.StartsWith('/') || Path.IsPathRooted(text) || (text.Length > 1 && text[1] == ':') || text.Split('/').Contains(".."))
            throw Outside(relative);

        var realRoot = RealPath.Of(root);
        var real = RealPath.Of(Path.Combine(realRoot, text));
        if (!IsInside(real, realRoot)) throw Outside(relative);
        if (Directory.Exists(real)) CheckLinksInside(real, realRoot, relative);
        else if (!File.Exists(real))
            throw new InputRefusedException(InputRefusal.NotFound, relative, $"'{relative}' is not a folder or file under the import root.");
        return real;
    }

    private static bool IsInside(string real, string root) =>
        real == root || real.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Refuses a folder holding a link (to a file or folder) whose real target is outside the root, before any file is read.</summary>
    private static void CheckLinksInside(string folder, string root, string relative)
    {
        foreach (var entry in FolderWalk.Entries(folder))
            if (entry.IsLink && !IsInside(RealPath.Of(entry.FullPath), root))
                throw new InputRefusedException(InputRefusal.OutsideRoot, relative,
                    $"'{relative}' holds '{entry.RelativePath}', a link pointing outside the import root; " +
                    "links may only point inside it. Nothing was imported.");
    }

    private static InputRefusedException Outside(string relative) => new(InputRefusal.OutsideRoot, relative,
        $"'{relative}' is not inside the import root. Give a path relative to Import:Root, without '..' and not absolute; " +
        "links must not point outside the root either.");
}
