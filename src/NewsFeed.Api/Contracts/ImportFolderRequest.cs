using System.ComponentModel.DataAnnotations;

namespace NewsFeed.Api.Contracts;

/// <summary>Imports a folder (or one file or archive) that is already on the server.</summary>
/// <param name="Path">
/// Relative to the configured import root (<c>Import:Root</c>), for example <c>2021/december</c>. Absolute paths,
/// <c>..</c>, and links pointing outside the root are refused with 403.
/// </param>
public sealed record ImportFolderRequest([property: Required(AllowEmptyStrings = false)] string Path);
