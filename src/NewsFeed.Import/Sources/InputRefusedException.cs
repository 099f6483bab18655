namespace NewsFeed.Import.Sources;

/// <summary>Why what was given to import is refused whole; each caller turns it into its own answer (a status, an exit code).</summary>
public enum InputRefusal
{
    /// <summary>Nothing is at the path given.</summary>
    NotFound,

    /// <summary>A path under an import root leads outside it (absolute, <c>..</c>, or through a link).</summary>
    OutsideRoot,

    /// <summary>An archive's content is refused: unsafe entries, links, corrupt, truncated or not what its name says.</summary>
    ArchiveInvalid,

    /// <summary>An archive is over a size or count limit.</summary>
    ArchiveTooLarge,
}

/// <summary>
/// Input refused before any file of it is handed to the importer, so nothing of it is imported. The message says what
/// and why for people; <see cref="Reason"/> lets the HTTP API pick its status and the command line its message.
/// </summary>
public sealed class InputRefusedException(InputRefusal reason, string path, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public InputRefusal Reason { get; } = reason;

    /// <summary>The path as it was given (for an archive, its name as reported).</summary>
    public string Path { get; } = path;
}
