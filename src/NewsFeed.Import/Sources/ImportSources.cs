namespace NewsFeed.Import.Sources;

/// <summary>Expands what was given to import (files, folders, archives) into the files to read, with the paths the report uses.</summary>
public static class ImportSources
{
    /// <summary>
    /// A folder's files are named by the folder's own name plus their path inside it (<c>azure/2021-...md</c>), the same
    /// names an archive of that folder gives; a file given alone is named by its file name. Folders are read
    /// recursively for article files; any file given by name is read whatever its extension.
    /// </summary>
    /// <exception cref="ArchiveRefusedException">An archive among the paths is refused; it is checked before any file is handed out.</exception>
    public static IEnumerable<SourceFile> Expand(IReadOnlyList<string> paths, ImportOptions options)
    {
        var parts = paths.Select(path =>
            Directory.Exists(path) ? Folder(path, options)
            : File.Exists(path) && ArchiveReader.KindOf(path) != ArchiveReader.Kind.None ? ArchiveReader.Open(path, Path.GetFileName(path), options)
            : File.Exists(path) ? [OnDisk(path, Path.GetFileName(path), options)]
            : [new SourceFile(path, null, 0, Error: "No such file or folder.")]).ToList();
        return parts.SelectMany(files => files);
    }

    private static IEnumerable<SourceFile> Folder(string folder, ImportOptions options)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var name = Path.GetFileName(root);
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None };
        // Sorted, so reports list files in a stable order whatever the file system returns.
        var files = Directory.EnumerateFiles(root, "*", enumeration)
            .Select(f => (Full: f, Display: $"{name}/{Path.GetRelativePath(root, f).Replace('\\', '/')}"))
            .OrderBy(f => f.Display, StringComparer.Ordinal);
        foreach (var (full, display) in files)
            yield return SourceFile.IsArticleName(full) ? OnDisk(full, display, options) : SourceFile.Skipped(display);
    }

    private static SourceFile OnDisk(string path, string display, ImportOptions options)
    {
        var length = new FileInfo(path).Length;
        return length > options.MaxFileBytes
            ? new SourceFile(display, null, length, Error: $"The file is {length:N0} bytes, larger than the limit of {options.MaxFileBytes:N0}.")
            : new SourceFile(display, () => File.ReadAllBytes(path), length);
    }
}
