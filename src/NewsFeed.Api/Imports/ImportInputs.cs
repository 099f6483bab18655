using NewsFeed.Data.Entities;
using NewsFeed.Import;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Imports;

/// <summary>The files of one import and how many there are; archives among them are already checked whole.</summary>
public sealed record ImportInput(IEnumerable<SourceFile> Files, int Count);

/// <summary>
/// Turns staged uploads and server paths into the importer's files, named exactly as the command line names them (a file
/// by its name, a folder's files by the folder's name and their path inside it, an archive's by their path inside it),
/// so both give the same report for the same files. Archives are checked whole here: a refused archive stops the
/// request before anything is imported.
/// </summary>
public sealed class ImportInputs(ImportOptions options, ServerFolders folders)
{
    public ImportInput FromFiles(IReadOnlyList<string> paths)
    {
        var parts = new List<IEnumerable<SourceFile>>(paths.Count);
        var count = 0;
        foreach (var path in paths)
        {
            if (ArchiveReader.KindOf(path) != ArchiveReader.Kind.None && File.Exists(path))
            {
                parts.Add(ArchiveReader.Open(path, Path.GetFileName(path), options, out var files));
                count += files;
            }
            else
            {
                parts.Add(ImportSources.Expand([path], options));
                count += Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Count() : 1;
            }
        }
        return new ImportInput(parts.SelectMany(p => p), count);
    }

    /// <summary>A path under the import root (see <see cref="ServerFolders"/>).</summary>
    public ImportInput FromServer(string relative) => FromFiles([folders.Resolve(relative)]);

    /// <summary>What a queued job imports: its staged upload, or its server path, resolved and checked again.</summary>
    public ImportInput ForJob(ImportJob job) =>
        job.StagingPath is { } staging ? FromFiles(StagedUpload.FilesIn(staging)) : FromServer(job.Source);
}
