using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NewsFeed.FrontMatter;

/// <summary>A minimal YAML tree with positions: all the article mapper needs, and nothing YAML can abuse.</summary>
internal abstract record YamlNode(int Line, int Column);

/// <summary>A scalar; <see cref="IsPlain"/> is false when it was quoted or a block, so it is text whatever it looks like.</summary>
internal sealed record YamlScalar(string Value, bool IsPlain, int Line, int Column) : YamlNode(Line, Column)
{
    /// <summary>YAML's plain spellings of null (and an empty value).</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);

internal sealed record YamlMap(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public YamlNode? this[string key] => IndexOf(key) is var i and >= 0 ? Entries[i].Value : null;

    /// <summary>
    /// The entry's position, or -1. An indexed loop, not LINQ or foreach: the mapper asks for every known key of every
    /// mapping of every file, and foreach over the list's interface boxed an enumerator each time (176 MB for the
    /// azure corpus).
    /// </summary>
    public int IndexOf(string key)
    {
        for (var i = 0; i < Entries.Count; i++)
            if (Entries[i].Key.Value == key) return i;
        return -1;
    }
}

/// <summary>Thrown while building the tree; carries the issue to report.</summary>
internal sealed class FrontMatterException(ReadIssue issue) : Exception(issue.Message)
{
    public ReadIssue Issue { get; } = issue;
}

/// <summary>
/// Builds a <see cref="YamlNode"/> tree from YamlDotNet's event stream. Anchors, aliases and merge keys are
/// refused (no billion-laughs expansion), nesting is capped, and a repeated key keeps its last value with a
/// warning, as the Jekyll site that wrote these files read them.
/// </summary>
internal sealed class YamlTreeBuilder(int lineOffset, ReaderOptions options, List<ReadIssue> warnings)
{
    // Where the last node read started: the place to point at when YamlDotNet fails without saying where.
    private int _lastLine = 1 + lineOffset;
    private int _lastColumn = 1;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031",
        Justification = "YamlDotNet throws more than YamlException on hostile text (ArgumentOutOfRangeException for an escape past Unicode); every one must become the file's error.")]
    public YamlNode? Build(string yaml)
    {
        var scanner = new Scanner(new StringReader(yaml), skipComments: true);
        var parser = new Parser(scanner);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, "", 1);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw Error(parser.Current!, null, "The front matter holds more than one YAML document.");
            return root;
        }
        catch (YamlException e)
        {
            throw new FrontMatterException(new ReadIssue(
                (int)e.Start.Line + lineOffset, (int)e.Start.Column, null, $"Invalid YAML: {TrimYamlMessage(e.Message)}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (instead of a YamlException) on some malformed flow collections.
            throw new FrontMatterException(new ReadIssue(_lastLine, _lastColumn, null,
                $"Invalid YAML: malformed content after line {_lastLine} (check brackets and quotes)."));
        }
        catch (Exception e) when (e is not FrontMatterException)
        {
            throw new FrontMatterException(new ReadIssue(
                (int)scanner.CurrentPosition.Line + lineOffset, (int)scanner.CurrentPosition.Column, null,
                $"Invalid YAML: the text before this point cannot be read ({e.GetType().Name}); check its escapes (such as \\U0010FFFF, the largest) and quotes."));
        }
    }

    private YamlNode ReadNode(IParser parser, string path, int depth)
    {
        var current = parser.Current!;
        _lastLine = Line(current);
        _lastColumn = Column(current);
        if (current is AnchorAlias)
            throw Error(current, Field(path), "YAML aliases (*name) are not accepted in front matter.");
        if (current is NodeEvent { Anchor.IsEmpty: false })
            throw Error(current, Field(path), "YAML anchors (&name) are not accepted in front matter.");
        if (depth > options.MaxDepth)
            throw Error(current, Field(path), $"The front matter is nested more than {options.MaxDepth} levels deep.");

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Line(current), Column(current));
            case SequenceStart:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, $"{path}[{items.Count}]", depth + 1));
                return new YamlSequence(items, Line(current), Column(current));
            case MappingStart:
                parser.MoveNext();
                return ReadMapping(parser, current, path, depth);
            default:
                throw Error(current, Field(path), "Unexpected YAML content.");
        }
    }

    private YamlMap ReadMapping(IParser parser, ParsingEvent start, string path, int depth)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var indexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (keyEvent is not Scalar keyScalar)
                throw Error(keyEvent, Field(path), "Keys must be plain names, not lists or mappings.");
            if (!keyScalar.Anchor.IsEmpty)
                throw Error(keyEvent, Field(path), "YAML anchors (&name) are not accepted in front matter.");
            if (keyScalar.Value == "<<" && keyScalar.Style == ScalarStyle.Plain)
                throw Error(keyEvent, Field(path), "YAML merge keys (<<) are not accepted in front matter.");
            parser.MoveNext();
            var key = new YamlScalar(keyScalar.Value, keyScalar.Style == ScalarStyle.Plain, Line(keyEvent), Column(keyEvent));
            var childPath = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
            var value = ReadNode(parser, childPath, depth + 1);
            if (indexByKey.TryGetValue(key.Value, out var earlier))
            {
                warnings.Add(new ReadIssue(key.Line, key.Column, childPath,
                    $"The key '{childPath}' appears more than once (first on line {entries[earlier].Key.Line}); the last value is used."));
                entries[earlier] = new(key, value);
            }
            else
            {
                indexByKey[key.Value] = entries.Count;
                entries.Add(new(key, value));
            }
        }
        return new YamlMap(entries, Line(start), Column(start));
    }

    private static string? Field(string path) => path.Length == 0 ? null : path;

    private int Line(ParsingEvent e) => (int)e.Start.Line + lineOffset;

    private static int Column(ParsingEvent e) => (int)e.Start.Column;

    private FrontMatterException Error(ParsingEvent e, string? field, string message) =>
        new(new ReadIssue(Line(e), Column(e), field, message));

    // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; we report the position ourselves.
    private static string TrimYamlMessage(string message)
    {
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
