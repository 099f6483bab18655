using System.Buffers;
using System.Globalization;

namespace NewsFeed.Data.Writing;

/// <summary>
/// Rows in PostgreSQL's COPY text format: values separated by tabs, one row per line, <c>\N</c> for null, and a
/// backslash before each tab, line break and backslash a text holds. Binary COPY bound each value through Npgsql's
/// typed parameter machinery (with the rows' building, a quarter to a third of an import's client CPU in perf); this
/// writes text the way the reference pipeline's TSV files hold it, and the server parses it about as fast.
/// </summary>
internal static class CopyText
{
    private static readonly SearchValues<char> Special = SearchValues.Create("\\\t\n\r");

    /// <summary>Writes one row and its line break.</summary>
    public static void WriteRow(TextWriter writer, object?[] row)
    {
        Span<char> scratch = stackalloc char[32];
        for (var i = 0; i < row.Length; i++)
        {
            if (i > 0) writer.Write('\t');
            WriteValue(writer, row[i], scratch);
        }
        writer.Write('\n');
    }

    private static void WriteValue(TextWriter writer, object? value, Span<char> scratch)
    {
        int length;
        switch (value)
        {
            case null:
                writer.Write(@"\N");
                return;
            case string text:
                WriteEscaped(writer, text);
                return;
            case long number when number.TryFormat(scratch, out length, provider: CultureInfo.InvariantCulture):
                break;
            case int number when number.TryFormat(scratch, out length, provider: CultureInfo.InvariantCulture):
                break;
            case bool flag:
                writer.Write(flag ? 't' : 'f');
                return;
            // Only UTC is stored (as binary COPY into timestamptz also insisted); microseconds are what PostgreSQL keeps.
            case DateTime { Kind: DateTimeKind.Utc } instant
                when instant.TryFormat(scratch, out length, "yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture):
                break;
            case byte[] bytes:
                // bytea's hex form, \x..., its backslash doubled for COPY.
                writer.Write(@"\\x");
                writer.Write(Convert.ToHexString(bytes));
                return;
            default:
                throw new ArgumentException($"No COPY text form for a value of type {value.GetType().Name}{(value is DateTime ? " (only UTC instants are stored)" : "")}.", nameof(value));
        }
        writer.Write(scratch[..length]);
    }

    private static void WriteEscaped(TextWriter writer, string text)
    {
        var rest = text.AsSpan();
        for (var next = rest.IndexOfAny(Special); next >= 0; next = rest.IndexOfAny(Special))
        {
            writer.Write(rest[..next]);
            writer.Write(rest[next] switch { '\t' => @"\t", '\n' => @"\n", '\r' => @"\r", _ => @"\\" });
            rest = rest[(next + 1)..];
        }
        writer.Write(rest);
    }
}
