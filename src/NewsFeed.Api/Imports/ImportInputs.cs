using Microsoft.Extensions.Options;
using NewsFeed.Data.Entities;
using NewsFeed.Import;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Imports;

/// <summary>
/// What an HTTP import names, handed to <see cref="ImportSources"/>: staged uploads, a path under <c>Import:Root</c>,
/// or a queued job's own. Expanding and checking them (archives whole, the root's bounds) is the importer's job, so an
/// upload gives the same report as the same files on the command line; a refused input stops the request before
/// anything is imported.
/// </summary>
public sealed class ImportInputs(ImportOptions options, IOptions<ImportApiOptions> apiOptions)
{
    public ImportInput FromFiles(IReadOnlyList<string> paths) => ImportSources.Open(paths, options);

    /// <summary>A folder, file or archive under the import root.</summary>
    /// <exception cref="ImportRefusedException">403 when no root is configured.</exception>
    /// <exception cref="InputRefusedException">Outside the root, nothing there, or a refused archive.</exception>
    public ImportInput FromServer(string relative) =>
        string.IsNullOrWhiteSpace(apiOptions.Value.Root)
            ? throw ImportRefusedException.Forbidden("Server-folder imports are off",
                "No import root is configured. Set Import:Root (Import__Root in the environment) to the server folder that " +
                "imports may read, or upload the files instead.")
            : ImportSources.UnderRoot(apiOptions.Value.Root, relative, options);

    /// <summary>What a queued job imports: its staged upload, or its server path, resolved and checked again.</summary>
    public ImportInput ForJob(ImportJob job) =>
        job.StagingPath is { } staging ? FromFiles(StagedUpload.FilesIn(staging)) : FromServer(job.Source);
}
