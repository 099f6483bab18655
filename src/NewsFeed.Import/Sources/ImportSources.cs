namespace NewsFeed.Import.Sources;

/// <summary>The files of one import and how many there are (skipped ones included); archives among them are already checked whole.</summary>
public sealed record ImportInput(IEnumerable<SourceFile> Files, int Count);

/// <summary>
/// Expands what was given to import (files, folders, archives, a path under an import root) into the files to read,
/// with the paths the report uses, so the command line and the HTTP API name the same files the same way.
/// </summary>
public static class ImportSources
{
    /// <summary>
    /// A folder's files are named by the folder's own name plus their path inside it (<c>azure/2021-...md</c>), the same
    /// names an archive of that folder gives; a file given alone is named by its file name. Folders are read
    /// recursively for article files; any file given by name is read whatever its extension.
    /// </summary>
    /// <exception cref="InputRefusedException">
    /// A path does not exist, or an archive among the paths is refused; every path is checked before any file is handed out.
    /// </exception>
    public static ImportInput Open(IReadOnlyList<string> paths, ImportOptions options)
    {
        var parts = paths.Select(path => One(path, options)).ToList();
        return new ImportInput(parts.SelectMany(part => part.Files), parts.Sum(part => part.Count));
    }

    /// <summary>The files of <paramref name="paths"/> alone, for callers that need no count (see <see cref="Open"/>).</summary>
    public static IEnumerable<SourceFile> Expand(IReadOnlyList<string> paths, ImportOptions options) => Open(paths, options).Files;

    /// <summary>A folder, file or archive given relative to <paramref name="root"/>, resolved and checked by <see cref="ServerFolder"/>.</summary>
    /// <exception cref="InputRefusedException">Outside the root, nothing there, or a refused archive.</exception>
    public static ImportInput UnderRoot(string root, string relative, ImportOptions options) =>
        Open([ServerFolder.Resolve(root, relative)], options);

    private static ImportInput One(string path, ImportOptions options)
    {
        if (Directory.Exists(path)) return Folder(path, options);
        if (!File.Exists(path)) throw new InputRefusedException(InputRefusal.NotFound, path, $"'{path}' is not a file or folder.");
        if (ArchiveReader.KindOf(path) == ArchiveReader.Kind.None) return new ImportInput([OnDisk(path, Path.GetFileName(path), options)], 1);
        var entries = ArchiveReader.Open(path, Path.GetFileName(path), options, out var count);
        return new ImportInput(entries, count);
    }

    private static ImportInput Folder(string folder, ImportOptions options)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var name = Path.GetFileName(root);
        // Walked twice, as an archive is read twice: once to count the files, then lazily as they are handed out.
        var files = FolderWalk.Files(root).Select(file =>
        {
            var display = $"{name}/{file.RelativePath}";
            return SourceFile.IsArticleName(file.FullPath) ? OnDisk(file.FullPath, display, options) : SourceFile.Skipped(display);
        });
        return new ImportInput(files, FolderWalk.Files(root).Count());
    }

    private static SourceFile OnDisk(string path, string display, ImportOptions options)
    {
        var length = new FileInfo(path).Length;
        return length > options.MaxFileBytes
            ? new SourceFile(display, null, length, Error: $"The file is {length:N0} bytes, larger than the limit of {options.MaxFileBytes:N0}.")
            : new SourceFile(display, () => File.ReadAllBytes(path), length);
    }
}
