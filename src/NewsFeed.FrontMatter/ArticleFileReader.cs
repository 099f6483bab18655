using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace NewsFeed.FrontMatter;

/// <summary>
/// Reads one article file: a first line <c>---</c> (after an optional UTF-8 BOM), a YAML mapping, a closing line
/// <c>---</c>, then the Markdown body. Every problem becomes a <see cref="ReadIssue"/> with the file's own line and
/// column; nothing in the file is executed or fetched.
/// </summary>
public static class ArticleFileReader
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <param name="strings">Shares repeated values between the files it reads (see <see cref="StringPool"/>).</param>
    public static ReadResult Read(ReadOnlySpan<byte> content, ReaderOptions? options = null, StringPool? strings = null)
    {
        options ??= ReaderOptions.Default;
        if (content.StartsWith(Bom)) content = content[Bom.Length..];
        if (content.IsEmpty || content.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            return Fail(null, "The file is empty.");
        var nul = content.IndexOf((byte)0);
        if (nul >= 0)
            return Fail(Position(content, nul), "The file is binary, not text: it contains a NUL byte.");
        if (!IsValidUtf8(content, out var badOffset))
            return Fail(Position(content, badOffset), "The file is not valid UTF-8 text: save it as UTF-8.");

        var firstLineEnd = LineEnd(content, 0);
        if (!IsFence(content[..firstLineEnd]))
            return Fail((1, 1), $"No front matter: the first line must be '---', found '{Shorten(content[..firstLineEnd])}'.");

        var yamlStart = NextLine(content, firstLineEnd);
        var closing = FindClosingFence(content, yamlStart, out var closingLine);
        if (closing < 0)
            return Fail((CountLines(content), 1), "The front matter opened by '---' on line 1 is never closed: add a line '---' after it.");
        if (closing - yamlStart > options.MaxFrontMatterBytes)
            return Fail((2, 1), $"The front matter is {closing - yamlStart:N0} bytes, more than the limit of {options.MaxFrontMatterBytes:N0}.");

        var yaml = content[yamlStart..closing];
        var body = Encoding.UTF8.GetString(content[NextLine(content, LineEnd(content, closing))..]);
        var warnings = new List<ReadIssue>();
        YamlNode? root;
        // Decoded into a pooled buffer, which the fast parser reads and no node keeps; only YamlDotNet needs a string.
        var text = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(yaml.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(yaml, text);
            root = FastYamlParser.TryParse(text, length, lineOffset: 1, options.MaxDepth, strings)
                ?? new YamlTreeBuilder(lineOffset: 1, options, warnings).Build(new string(text, 0, length));
        }
        catch (FrontMatterException e)
        {
            return new ReadResult(null, [e.Issue], warnings);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
        if (root is not YamlMap map)
            return new ReadResult(null, [new ReadIssue(root?.Line ?? closingLine, root?.Column ?? 1, null,
                "The front matter must be 'key: value' lines (a YAML mapping); it holds none.")], warnings);

        var unstorable = new List<ReadIssue>();
        StorableText.Check(map, "", unstorable);
        if (unstorable.Count > 0) return new ReadResult(null, unstorable, warnings);

        var mapper = new ArticleMapper(options, warnings);
        var document = mapper.Map(map);
        return document is null
            ? new ReadResult(null, mapper.Errors, warnings)
            : new ReadResult(document with { Body = body }, [], warnings);
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> content, out int badOffset)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var offset = 0;
            while (offset < content.Length)
            {
                var status = Utf8.ToUtf16(content[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
                offset += read;
                if (status == OperationStatus.Done) break;
                if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData)
                {
                    badOffset = offset;
                    return false;
                }
            }
            badOffset = -1;
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Finds the line that is exactly <c>---</c> (trailing spaces allowed); returns its start offset.</summary>
    private static int FindClosingFence(ReadOnlySpan<byte> content, int from, out int lineNumber)
    {
        lineNumber = 2;
        for (var start = from; start < content.Length; start = NextLine(content, LineEnd(content, start)), lineNumber++)
            if (IsFence(content[start..LineEnd(content, start)])) return start;
        return -1;
    }

    private static bool IsFence(ReadOnlySpan<byte> line) => line.TrimEnd(" \t\r"u8).SequenceEqual("---"u8);

    private static int LineEnd(ReadOnlySpan<byte> content, int start)
    {
        var newline = content[start..].IndexOf((byte)'\n');
        return newline < 0 ? content.Length : start + newline;
    }

    private static int NextLine(ReadOnlySpan<byte> content, int lineEnd) => Math.Min(lineEnd + 1, content.Length);

    /// <summary>The number of the file's last line (a final newline ends that line; it does not start another).</summary>
    private static int CountLines(ReadOnlySpan<byte> content) => content.Count((byte)'\n') + (content[^1] == (byte)'\n' ? 0 : 1);

    private static (int Line, int Column) Position(ReadOnlySpan<byte> content, int offset)
    {
        var before = content[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    private static string Shorten(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line).TrimEnd('\r');
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
    }

    private static ReadResult Fail((int Line, int Column)? at, string message) =>
        ReadResult.Fail(new ReadIssue(at?.Line, at?.Column, null, message));
}
