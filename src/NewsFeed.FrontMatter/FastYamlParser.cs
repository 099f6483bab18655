using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace NewsFeed.FrontMatter;

/// <summary>
/// A fast path for the YAML that front matter almost always is: block mappings and lists, one-line plain, single- or
/// double-quoted scalars. When it returns a tree, that tree is exactly the one <see cref="YamlTreeBuilder"/> builds
/// from YamlDotNet's events, positions included, several times faster. On anything else (flow collections, block
/// scalars, anchors, tags, comments, multi-line scalars, repeated keys, merge keys, long keys, line breaks other than
/// LF and CRLF, characters YamlDotNet treats specially, errors of any kind) it gives up and returns null, and the file
/// is read by YamlDotNet, which also words every error. Tests check both paths agree on every corpus file and on
/// thousands of generated ones.
/// </summary>
internal sealed class FastYamlParser
{
    // The text, in a buffer that may be longer: the parser never reads past _length.
    private readonly char[] _text;
    private readonly int _length;
    private readonly int _lineOffset;
    private readonly int _maxDepth;
    private readonly StringPool? _strings;
    private readonly List<(int Start, int End, int Number)> _lines;
    private int _current;
    // A "- key: value" line starts a mapping in mid-line: this is that line and the column its keys align on.
    private int _inlineLine = -1;
    private int _inlineIndent;

    private sealed class GiveUpException : Exception;

    private static readonly GiveUpException GiveUp = new();

    /// <summary>The ASCII ones of <see cref="HasHandedOverCharacter"/>: controls other than tab, LF and CR, and DEL.</summary>
    private static readonly SearchValues<char> AsciiHandedOver = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>
    /// Whether the text holds a character YamlDotNet does not read as plain text: a control character other than tab,
    /// LF and CR (C0, DEL, C1, NEL among them), the line and paragraph separators, the byte-order mark, and the
    /// non-characters U+FFFE and U+FFFF. Real front matter has none. Four vectorised searches, not one over a set of
    /// them all: with non-ASCII members such a set is searched through a probabilistic map, whose every non-ASCII
    /// character (a typographic apostrophe) takes a slow path, and that was 4% of an import's parsing threads.
    /// </summary>
    internal static bool HasHandedOverCharacter(ReadOnlySpan<char> text) =>
        text.ContainsAny(AsciiHandedOver)
        || text.ContainsAnyInRange('\u0080', '\u009F')
        || text.ContainsAnyInRange('\u2028', '\u2029')
        || text.ContainsAny('\uFEFF', '\uFFFE', '\uFFFF');

    /// <summary>
    /// YamlDotNet refuses an implicit key longer than 1,024 characters (the YAML limit), counted in its own way; keys
    /// anywhere near that are left to it. Real keys are a few characters long.
    /// </summary>
    private const int LongestKeyRead = 1_000;

    private FastYamlParser(char[] text, int length, int lineOffset, int maxDepth, StringPool? strings)
    {
        _strings = strings;
        _text = text;
        _length = length;
        _lineOffset = lineOffset;
        _maxDepth = maxDepth;
        // Sized once: grown by doubling, the line table was the parser's largest allocation after the text itself.
        _lines = new(text.AsSpan(0, length).Count('\n') + 1);
    }

    /// <summary>
    /// One string per distinct key, shared by every mapping that has it: a file's related items repeat the same dozen
    /// keys, which were 2.5 million strings of their own for the azure corpus. Bounded, so a file of endless made-up
    /// keys cannot grow it; past the bound, keys are strings of their own again.
    /// </summary>
    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KeysBySpan = Keys.GetAlternateLookup<ReadOnlySpan<char>>();
    private const int MaxSharedKeys = 1_000;
    private const int MaxSharedKeyLength = 64;
    private static int s_sharedKeys;

    private static string Key(ReadOnlySpan<char> text)
    {
        if (KeysBySpan.TryGetValue(text, out var key)) return key;
        key = text.ToString();
        if (text.Length > MaxSharedKeyLength || Volatile.Read(ref s_sharedKeys) >= MaxSharedKeys) return key;
        var shared = Keys.GetOrAdd(key, key);
        if (ReferenceEquals(shared, key)) Interlocked.Increment(ref s_sharedKeys);
        return shared;
    }

    /// <summary>The tree, or null when the text needs the full YAML parser.</summary>
    public static YamlNode? TryParse(string text, int lineOffset, int maxDepth) => TryParse(text.ToCharArray(), text.Length, lineOffset, maxDepth);

    /// <summary>
    /// The tree of the first <paramref name="length"/> characters of <paramref name="text"/>, or null. A buffer, not a
    /// string: the reader decodes each file's front matter into a pooled one (a string per file was a quarter of what
    /// reading a corpus allocated, the largest ones on the large object heap). Nothing in the tree refers to it.
    /// </summary>
    public static YamlNode? TryParse(char[] text, int length, int lineOffset, int maxDepth, StringPool? strings = null)
    {
        if (HasHandedOverCharacter(text.AsSpan(0, length)) || HasLoneCarriageReturn(text.AsSpan(0, length))) return null;
        var parser = new FastYamlParser(text, length, lineOffset, maxDepth, strings);
        try
        {
            if (!parser.SplitLines()) return null;
            var root = parser.ParseNode(parser.Indent(0), 1);
            return parser._current == parser._lines.Count ? root : null;
        }
        catch (GiveUpException)
        {
            return null;
        }
    }

    /// <summary>A CR not followed by LF is a line break to YamlDotNet, and only CRLF and LF are to this parser.</summary>
    private static bool HasLoneCarriageReturn(ReadOnlySpan<char> text)
    {
        for (var cr = text.IndexOf('\r'); cr >= 0; text = text[(cr + 1)..], cr = text.IndexOf('\r'))
            if (cr + 1 == text.Length || text[cr + 1] != '\n') return true;
        return false;
    }

    private bool SplitLines()
    {
        var number = 1;
        for (var start = 0; start <= _length; number++)
        {
            var end = _text.AsSpan(start, _length - start).IndexOf('\n');
            end = end < 0 ? _length : start + end;
            var contentEnd = end > start && _text[end - 1] == '\r' ? end - 1 : end;
            var first = start;
            while (first < contentEnd && _text[first] == ' ') first++;
            if (first < contentEnd)
            {
                var c = _text[first];
                // Tabs, comments and document markers are rare in front matter: leave them to the full parser.
                if (c is '\t' or '#' || _text.AsSpan(first, contentEnd - first).StartsWith("---") || _text.AsSpan(first, contentEnd - first).StartsWith("..."))
                    return false;
                _lines.Add((start, contentEnd, number));
            }
            start = end + 1;
        }
        return _lines.Count > 0;
    }

    private int Indent(int line)
    {
        if (line == _inlineLine) return _inlineIndent;
        var (start, end, _) = _lines[line];
        var i = start;
        while (i < end && _text[i] == ' ') i++;
        return i - start;
    }

    private bool StartsWithDash(int line)
    {
        var at = _lines[line].Start + Indent(line);
        return _text[at] == '-' && (at + 1 == _lines[line].End || _text[at + 1] == ' ');
    }

    private int LineNumber(int line) => _lines[line].Number + _lineOffset;

    private YamlNode ParseNode(int indent, int depth) =>
        StartsWithDash(_current) ? ParseSequence(indent, depth) : ParseMapping(indent, depth);

    /// <summary>
    /// A collection at the deepest level allowed would hold values past it: the YamlDotNet reader takes over and says
    /// where (its depth check covers every node, scalars too). Real files are a few levels deep.
    /// </summary>
    private void CheckDepth(int depth)
    {
        if (depth >= _maxDepth) throw GiveUp;
    }

    private YamlMap ParseMapping(int indent, int depth)
    {
        CheckDepth(depth);
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        HashSet<string>? keys = null;
        var line = LineNumber(_current);
        while (_current < _lines.Count)
        {
            var lineIndent = Indent(_current);
            if (lineIndent < indent) break;
            if (lineIndent > indent || StartsWithDash(_current)) throw GiveUp;
            var (start, end, _) = _lines[_current];
            var keyStart = start + lineIndent;
            var colon = FindKeyColon(keyStart, end);
            if (colon < 0) throw GiveUp;
            var keyText = Key(_text.AsSpan(keyStart, colon - keyStart).TrimEnd(' '));
            // "<<" is a merge key to YamlDotNet, which the tree builder refuses with its own message.
            if (!IsPlainStart(keyText) || keyText == "<<" || colon - keyStart >= LongestKeyRead || IsRepeated(entries, ref keys, keyText)) throw GiveUp;
            var key = new YamlScalar(keyText, true, LineNumber(_current), lineIndent + 1);
            var valueStart = colon + 1;
            while (valueStart < end && _text[valueStart] == ' ') valueStart++;
            var lineIndex = _current;
            _current++;

            YamlNode value;
            if (valueStart < end)
            {
                value = ParseScalar(lineIndex, valueStart, end);
                if (_current < _lines.Count && Indent(_current) > indent) throw GiveUp;
            }
            else if (_current < _lines.Count && Indent(_current) > indent)
                value = ParseNode(Indent(_current), depth + 1);
            else if (_current < _lines.Count && Indent(_current) == indent && StartsWithDash(_current))
                value = ParseSequence(indent, depth + 1);
            else
                throw GiveUp; // an empty value: its position in YamlDotNet's events is not worth imitating
            entries.Add(new(key, value));
        }
        return new YamlMap(entries, line, indent + 1);
    }

    /// <summary>
    /// Whether the mapping already has this key: a scan of the dozen keys a mapping has, a set once it has many (a
    /// hostile file's thousands), so the check allocates nothing for real files and stays linear for any.
    /// </summary>
    private static bool IsRepeated(List<KeyValuePair<YamlScalar, YamlNode>> entries, ref HashSet<string>? keys, string key)
    {
        if (keys is null)
        {
            foreach (var entry in entries)
                if (entry.Key.Value == key) return true;
            if (entries.Count < 16) return false;
            keys = new HashSet<string>(entries.Select(e => e.Key.Value), StringComparer.Ordinal);
        }
        return !keys.Add(key);
    }

    private YamlSequence ParseSequence(int indent, int depth)
    {
        CheckDepth(depth);
        var items = new List<YamlNode>();
        var line = LineNumber(_current);
        while (_current < _lines.Count && Indent(_current) == indent && StartsWithDash(_current))
        {
            var (start, end, _) = _lines[_current];
            var itemStart = start + indent + 1;
            while (itemStart < end && _text[itemStart] == ' ') itemStart++;
            if (itemStart == end || _text[itemStart] == '-') throw GiveUp;
            if (FindKeyColon(itemStart, end) >= 0)
            {
                // "- key: value": a mapping whose keys align on the column of this first key.
                _inlineLine = _current;
                _inlineIndent = itemStart - start;
                items.Add(ParseMapping(_inlineIndent, depth + 1));
            }
            else
            {
                var lineIndex = _current;
                _current++;
                items.Add(ParseScalar(lineIndex, itemStart, end));
                if (_current < _lines.Count && Indent(_current) > indent) throw GiveUp;
            }
        }
        return new YamlSequence(items, line, indent + 1);
    }

    /// <summary>The colon ending a plain key on this line (followed by a space or the line's end), or -1.</summary>
    private int FindKeyColon(int from, int end)
    {
        var c = _text[from];
        if (c is '"' or '\'' || !IsPlainStart(c, from + 1 < end ? _text[from + 1] : ' ')) return -1;
        for (var i = from; i < end; i++)
        {
            switch (_text[i])
            {
                case ':' when i + 1 == end || _text[i + 1] == ' ':
                    return i;
                case '#' when _text[i - 1] == ' ':
                case '"' or '\'' or '{' or '[' or '\t':
                    return -1;
            }
        }
        return -1;
    }

    private YamlScalar ParseScalar(int lineIndex, int from, int end)
    {
        var line = LineNumber(lineIndex);
        var column = from - _lines[lineIndex].Start + 1;
        return _text[from] switch
        {
            '"' => new YamlScalar(DoubleQuoted(from, end), false, line, column),
            '\'' => new YamlScalar(SingleQuoted(from, end), false, line, column),
            _ => new YamlScalar(Plain(from, end), true, line, column),
        };
    }

    private string Plain(int from, int end)
    {
        var span = _text.AsSpan(from, end - from).TrimEnd(' ');
        if (!IsPlainStart(span[0], span.Length > 1 ? span[1] : ' ') || span[^1] == ':'
            || span.Contains(": ", StringComparison.Ordinal) || span.Contains(" #", StringComparison.Ordinal) || span.Contains('\t'))
            throw GiveUp;
        return Text(span);
    }

    /// <summary>A value's string, from the pool when there is one (escaped values are rare, and made on their own).</summary>
    private string Text(ReadOnlySpan<char> value) => _strings?.Get(value) ?? value.ToString();

    private string SingleQuoted(int from, int end)
    {
        var sb = new StringBuilder();
        for (var i = from + 1; i < end; i++)
        {
            if (_text[i] != '\'') sb.Append(_text[i]);
            else if (i + 1 < end && _text[i + 1] == '\'') sb.Append(_text[++i]);
            else return AfterClosingQuote(i + 1, end) ? sb.ToString() : throw GiveUp;
        }
        throw GiveUp;
    }

    private string DoubleQuoted(int from, int end)
    {
        var closing = -1;
        var hasEscape = false;
        for (var i = from + 1; i < end; i++)
        {
            if (_text[i] == '\\') { hasEscape = true; i++; }
            else if (_text[i] == '"') { closing = i; break; }
        }
        if (closing < 0 || !AfterClosingQuote(closing + 1, end)) throw GiveUp;
        if (!hasEscape) return Text(_text.AsSpan(from + 1, closing - from - 1));
        var sb = new StringBuilder(closing - from);
        for (var i = from + 1; i < closing; i++)
        {
            var c = _text[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            c = _text[++i];
            switch (c)
            {
                case '\\' or '"' or '/' or ' ': sb.Append(c); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'e': sb.Append('\u001b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'N': sb.Append('\u0085'); break;
                case '_': sb.Append('\u00a0'); break;
                case 'L': sb.Append('\u2028'); break;
                case 'P': sb.Append('\u2029'); break;
                case 'x': sb.Append(Hex(ref i, 2, closing)); break;
                case 'u': sb.Append(Hex(ref i, 4, closing)); break;
                case 'U': sb.Append(Hex(ref i, 8, closing)); break;
                default: throw GiveUp;
            }
        }
        return sb.ToString();
    }

    private string Hex(ref int i, int digits, int limit)
    {
        if (i + digits >= limit
            || !uint.TryParse(_text.AsSpan(i + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            throw GiveUp;
        i += digits;
        return char.ConvertFromUtf32((int)code);
    }

    private bool AfterClosingQuote(int from, int end)
    {
        for (var i = from; i < end; i++)
            if (_text[i] != ' ') return false;
        return true;
    }

    private static bool IsPlainStart(string text) => text.Length > 0 && IsPlainStart(text[0], text.Length > 1 ? text[1] : ' ');

    /// <summary>Whether a plain scalar may start with <paramref name="c"/> (YAML's indicator characters may not, mostly).</summary>
    private static bool IsPlainStart(char c, char next) => c switch
    {
        '-' or '?' or ':' => next != ' ',
        ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ' => false,
        _ => true,
    };
}
