using Microsoft.Extensions.Options;

namespace NewsFeed.Api.Imports;

/// <summary>
/// Resolves a path given relative to the import root (<c>Import:Root</c>). The path is first checked as text (no
/// absolute path, no <c>..</c>), then resolved link by link without following any link blindly: the real path, and the
/// real target of every link inside a folder, must stay inside the real root. Nothing outside the root is ever opened.
/// </summary>
public sealed class ServerFolders(IOptions<ImportApiOptions> options)
{
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="relative"/>, a folder, file or archive inside the root.</summary>
    /// <exception cref="ImportRefusedException">403 for anything outside the root, 404 when nothing is there.</exception>
    public string Resolve(string relative)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Root))
            throw ImportRefusedException.Forbidden("Server-folder imports are off",
                "No import root is configured. Set Import:Root (Import__Root in the environment) to the server folder that " +
                "imports may read, or upload the files instead.");
        var text = relative.Replace('\\', '/');
        if (text.StartsWith('/') || Path.IsPathRooted(text) || (text.Length > 1 && text[1] == ':') || text.Split('/').Contains(".."))
            throw Outside(relative);

        var root = RealPath(options.Value.Root);
        var real = RealPath(Path.Combine(root, text));
        if (!IsInside(real, root)) throw Outside(relative);
        if (Directory.Exists(real)) CheckLinksInside(real, root, relative);
        else if (!File.Exists(real))
            throw new ImportRefusedException(StatusCodes.Status404NotFound, "No such folder or file",
                $"'{relative}' is not a folder or file under the import root.");
        return real;
    }

    /// <summary>Where a path really is: each component resolved in turn, a link's target read (never opened) and resolved the same way.</summary>
    public static string RealPath(string path)
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

    private static bool IsInside(string real, string root) =>
        real == root || real.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string[] Components(string path) => path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Refuses a folder holding a link (to a file or folder) whose real target is outside the root, before any file is read.</summary>
    private static void CheckLinksInside(string folder, string root, string relative)
    {
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None };
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", enumeration))
            if (entry.LinkTarget is not null && !IsInside(RealPath(entry.FullName), root))
                throw ImportRefusedException.Forbidden("The path leads outside the import root",
                    $"'{relative}' holds '{Path.GetRelativePath(folder, entry.FullName)}', a link pointing outside the import root; " +
                    "links may only point inside it. Nothing was imported.");
    }

    private static ImportRefusedException Outside(string relative) => ImportRefusedException.Forbidden(
        "The path leads outside the import root",
        $"'{relative}' is not inside the import root. Give a path relative to Import:Root, without '..' and not absolute; " +
        "links must not point outside the root either.");
}
