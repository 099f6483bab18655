using System.Buffers;
using System.Globalization;
using System.Text;

namespace NewsFeed.FrontMatter;

/// <summary>
/// Writes the YAML of a document straight into text, several times faster than YamlDotNet's emitter, and exactly as
/// it writes it: block mappings and lists indented by two, lists indented under their key, text double-quoted and
/// escaped as it escapes it, no line folding. What the emitter writes in its own way (an empty mapping or list, a list
/// directly in a list, a key or plain scalar that is not simple, a lone surrogate) this writer does not: it throws
/// <see cref="NotWritten"/>, and the document is written by YamlDotNet instead. Tests compare both on every
/// character, every corpus file and thousands of generated documents.
/// </summary>
internal sealed class DirectYamlWriter(StringBuilder output) : IYamlSink
{
    public sealed class NotWritten : Exception;

    private static readonly NotWritten GiveUp = new();

    private const int Indent = 2;

    /// <summary>Longer keys and plain scalars are left to YamlDotNet, which has its own limit for simple keys (1,024).</summary>
    private const int LongestSimple = 1_000;

    /// <summary>Characters a double-quoted scalar holds as they are; every other one is escaped.</summary>
    private static readonly SearchValues<char> Unescaped = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0xFFFE).Select(c => (char)c).Where(IsWrittenAsIs)));

    /// <summary>Characters of keys and plain scalars written as they are (digits, letters, and . _ + - : inside).</summary>
    private static readonly SearchValues<char> SimpleChars =
        SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._+-:");

    private readonly List<Level> _open = [];
    private readonly int _start = output.Length;
    private bool _afterKey;

    /// <summary>An open mapping or list: the column its keys or dashes are written at, and how many it holds so far.</summary>
    private sealed class Level(bool isSequence, int column, bool firstKeyInline)
    {
        public bool IsSequence { get; } = isSequence;
        public int Column { get; } = column;
        public bool FirstKeyInline { get; } = firstKeyInline;
        public int Count { get; set; }
    }

    public void MappingStart() => Open(isSequence: false);

    public void SequenceStart() => Open(isSequence: true);

    public void MappingEnd() => Close();

    public void SequenceEnd() => Close();

    public void Key(string name)
    {
        if (_afterKey || _open.Count == 0 || Top.IsSequence || !IsSimple(name) || name.Contains(':')) throw GiveUp;
        if (!(Top.Count == 0 && (Top.FirstKeyInline || output.Length == _start))) NewLine(Top.Column);
        output.Append(name).Append(':');
        Top.Count++;
        _afterKey = true;
    }

    public void Plain(string value)
    {
        if (!IsSimple(value) || value[^1] == ':') throw GiveUp;
        BeforeScalar();
        output.Append(value);
    }

    public void Quoted(string value)
    {
        BeforeScalar();
        output.Append('"');
        var text = value.AsSpan();
        while (true)
        {
            var next = text.IndexOfAnyExcept(Unescaped);
            if (next < 0)
            {
                output.Append(text);
                break;
            }
            output.Append(text[..next]);
            next += Escape(text, next);
            text = text[next..];
        }
        output.Append('"');
    }

    private Level Top => _open[^1];

    private void Open(bool isSequence)
    {
        if (_open.Count == 0)
        {
            if (isSequence) throw GiveUp;
            _open.Add(new Level(false, 0, false));
            return;
        }
        if (_afterKey)
        {
            // The value of a key: on the lines below it, one indent further in (a list's dashes too).
            _afterKey = false;
            _open.Add(new Level(isSequence, Top.Column + Indent, false));
            return;
        }
        // An item of a list: a mapping's first key goes on the dash's line, the others under it.
        if (isSequence) throw GiveUp;
        BeginItem();
        _open.Add(new Level(false, Top.Column + Indent, true));
    }

    private void Close()
    {
        // An empty mapping or list is written in flow style ({} or []) by the emitter.
        if (_afterKey || _open.Count == 0 || Top.Count == 0) throw GiveUp;
        _open.RemoveAt(_open.Count - 1);
    }

    private void BeforeScalar()
    {
        if (_afterKey)
        {
            output.Append(' ');
            _afterKey = false;
        }
        else if (_open.Count > 0 && Top.IsSequence) BeginItem();
        else throw GiveUp;
    }

    private void BeginItem()
    {
        NewLine(Top.Column);
        output.Append("- ");
        Top.Count++;
    }

    private void NewLine(int column) => output.Append('\n').Append(' ', column);

    /// <summary>Writes the escape for the character at <paramref name="at"/>; how many characters it took (two for a surrogate pair).</summary>
    private int Escape(ReadOnlySpan<char> text, int at)
    {
        var c = text[at];
        var named = c switch
        {
            '\0' => "\\0", '\a' => "\\a", '\b' => "\\b", '\n' => "\\n", '\v' => "\\v", '\f' => "\\f", '\r' => "\\r",
            '\u001b' => "\\e", '"' => "\\\"", '\\' => "\\\\", '\u0085' => "\\N", '\u2028' => "\\L", '\u2029' => "\\P",
            _ => null,
        };
        if (named is not null)
        {
            output.Append(named);
            return 1;
        }
        if (char.IsHighSurrogate(c))
        {
            // YamlDotNet refuses a high surrogate without its pair; a pair is written as one 8-digit escape.
            if (at + 1 == text.Length || !char.IsLowSurrogate(text[at + 1])) throw GiveUp;
            output.Append("\\U").Append(char.ConvertToUtf32(c, text[at + 1]).ToString("X8", CultureInfo.InvariantCulture));
            return 2;
        }
        output.Append(c <= 0xFF ? "\\x" : "\\u").Append(((int)c).ToString(c <= 0xFF ? "X2" : "X4", CultureInfo.InvariantCulture));
        return 1;
    }

    /// <summary>Printable to YAML, and neither a line break nor a quote or backslash.</summary>
    private static bool IsWrittenAsIs(char c) =>
        c == '\t' || (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\')
        || (c >= 0xA0 && c <= 0xD7FF && c != '\u2028' && c != '\u2029') || (c >= 0xE000 && c <= 0xFFFD);

    /// <summary>A key or plain scalar both writers write as it is: it starts with a letter or digit, or a minus and a digit.</summary>
    private static bool IsSimple(string text) =>
        text.Length is > 0 and <= LongestSimple
        && (char.IsAsciiLetterOrDigit(text[0]) || (text[0] == '-' && text.Length > 1 && char.IsAsciiDigit(text[1])))
        && !text.AsSpan().ContainsAnyExcept(SimpleChars);
}
