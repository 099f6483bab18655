using System.Text.RegularExpressions;

namespace NewsFeed.FrontMatter;

/// <summary>
/// The paths unknown keys are kept under (<c>mood</c>, <c>provider.x</c>, <c>related[2].images[0].y</c>), and back:
/// which mapping of the file each one belongs to. A key's own name may hold dots and brackets (<c>og.title</c>), so
/// the path is read against the article's known shape, never split at every dot; a name that would read as a known
/// nested mapping (<c>provider.x</c> written as one top-level key), or that starts with the escape itself, is kept
/// with a leading backslash.
/// </summary>
internal static partial class ExtraPaths
{
    private const char EscapeMark = '\\';

    public static string Escape(string name) =>
        name.StartsWith(EscapeMark) || NestedStart().IsMatch(name) ? EscapeMark + name : name;

    /// <summary>The path of the mapping that holds the key kept under <paramref name="path"/>, and the key's own name.</summary>
    public static (string Owner, string Name) Split(string path)
    {
        var owner = "";
        var rest = path;
        // Down the known mappings: provider, images[n] and related[n] at the top; provider and images[n] in a related
        // item; images[n] in a provider. An image holds no known mapping.
        for (var level = Level.Article; ;)
        {
            var match = NestedStart().Match(rest);
            if (!match.Success || !level.Holds(match.Groups["kind"].Value)) break;
            owner = owner.Length == 0 ? match.Value[..^1] : $"{owner}.{match.Value[..^1]}";
            rest = rest[match.Length..];
            level = match.Groups["kind"].Value switch
            {
                "provider" => Level.Provider,
                "related" => Level.Related,
                _ => Level.Image,
            };
        }
        return (owner, rest.StartsWith(EscapeMark) ? rest[1..] : rest);
    }

    private sealed record Level(params string[] Kinds)
    {
        public static readonly Level Article = new("provider", "images", "related");
        public static readonly Level Related = new("provider", "images");
        public static readonly Level Provider = new("images");
        public static readonly Level Image = new();

        public bool Holds(string kind) => Kinds.Contains(kind);
    }

    [GeneratedRegex(@"\A(?:(?<kind>provider)\.|(?<kind>images|related)\[[0-9]+\]\.)", RegexOptions.CultureInvariant)]
    private static partial Regex NestedStart();
}
