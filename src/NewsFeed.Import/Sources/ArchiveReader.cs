using System.Formats.Tar;
using System.IO.Compression;

namespace NewsFeed.Import.Sources;

/// <summary>
/// Reads .zip, .tar and .tar.gz archives as streams of <see cref="SourceFile"/>s. Before any entry is handed out the
/// whole archive is checked: entries with <c>..</c>, absolute paths or links, corrupt or truncated data, too many
/// entries, or more unpacked bytes than allowed (counted as read, not as declared) refuse the archive, so a bad
/// archive never leaves half an import behind. Nothing is ever extracted to disk.
/// </summary>
public static class ArchiveReader
{
    public enum Kind { None, Zip, Tar, TarGz }

    /// <summary>Recognises an archive by its name; <see cref="Open"/> then checks that the bytes agree.</summary>
    public static Kind KindOf(string name) =>
        name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? Kind.Zip
        : name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? Kind.TarGz
        : name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? Kind.Tar
        : Kind.None;

    /// <summary>
    /// Checks the archive at <paramref name="path"/> whole, then returns its entries (read lazily, in archive order) and
    /// how many files they will be (skipped ones included), counted by the check.
    /// </summary>
    /// <exception cref="InputRefusedException">The archive is refused (<see cref="InputRefusal.ArchiveInvalid"/>, <see cref="InputRefusal.ArchiveTooLarge"/>).</exception>
    public static IEnumerable<SourceFile> Open(string path, string displayName, ImportOptions options, out int files)
    {
        var kind = KindOf(displayName);
        CheckSignature(path, displayName, kind);
        files = 0;
        try
        {
            // First pass: read everything, hand out nothing; second pass: the same walk, handing out files.
            foreach (var _ in Walk(path, displayName, kind, options)) files++;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            throw new InputRefusedException(InputRefusal.ArchiveInvalid, displayName, $"'{displayName}' is corrupt or truncated: {e.Message}", e);
        }
        return Walk(path, displayName, kind, options);
    }

    private static IEnumerable<SourceFile> Walk(string path, string displayName, Kind kind, ImportOptions options)
    {
        var budget = new ByteBudget(options.MaxUnpackedBytes, displayName);
        // A tar stream is unpacked through every entry to reach the next one, read or not, so a skipped entry (or the
        // part of a too-large one left unread) costs its bytes too; a zip jumps over what it does not read.
        var unpacksEverything = kind != Kind.Zip;
        var count = 0;
        foreach (var (name, open, length) in kind == Kind.Zip ? ZipEntries(path, displayName) : TarEntries(path, displayName, kind == Kind.TarGz))
        {
            if (++count > options.MaxArchiveEntries)
                throw new InputRefusedException(InputRefusal.ArchiveTooLarge, displayName, $"The archive has more than {options.MaxArchiveEntries:N0} entries.");
            if (!SourceFile.IsArticleName(name))
            {
                if (unpacksEverything) budget.Spend(length);
                yield return SourceFile.Skipped(name);
                continue;
            }
            byte[]? content;
            long read;
            using (var stream = open())
                content = ReadCapped(stream, options.MaxFileBytes, budget, out read);
            if (content is null && unpacksEverything) budget.Spend(length - read);
            yield return content is null
                ? new SourceFile(name, null, length, Error: $"The file is larger than the limit of {options.MaxFileBytes:N0} bytes.")
                : new SourceFile(name, () => content, content.Length);
        }
    }

    private static IEnumerable<(string Name, Func<Stream> Open, long Length)> ZipEntries(string path, string displayName)
    {
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            CheckName(entry.FullName, displayName);
            // Unix file type bits live in the high half of the external attributes; 0xA000 is a symbolic link.
            if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                throw Invalid(displayName, $"The archive entry '{entry.FullName}' is a link; links are not accepted.");
            if (entry.FullName.EndsWith('/')) continue;
            yield return (entry.FullName, entry.Open, entry.Length);
        }
    }

    private static IEnumerable<(string Name, Func<Stream> Open, long Length)> TarEntries(string path, string displayName, bool gzipped)
    {
        using var file = File.OpenRead(path);
        using var stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var tar = new TarReader(stream);
        while (tar.GetNextEntry() is { } entry)
        {
            CheckName(entry.Name, displayName);
            switch (entry.EntryType)
            {
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    throw Invalid(displayName, $"The archive entry '{entry.Name}' is a link; links are not accepted.");
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    var data = entry.DataStream ?? Stream.Null;
                    yield return (entry.Name, () => data, entry.Length);
                    break;
                case TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                    break;
                default:
                    throw Invalid(displayName, $"The archive entry '{entry.Name}' is a {entry.EntryType}, not a file or folder.");
            }
        }
    }

    private static InputRefusedException Invalid(string displayName, string message) =>
        new(InputRefusal.ArchiveInvalid, displayName, message);

    private static void CheckName(string name, string displayName)
    {
        var normalized = name.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':')
            || normalized.Split('/').Any(segment => segment == ".."))
            throw Invalid(displayName, $"The archive entry '{name}' points outside the archive (absolute path or '..').");
    }

    private static void CheckSignature(string path, string displayName, Kind kind)
    {
        Span<byte> head = stackalloc byte[262];
        int read;
        using (var file = File.OpenRead(path)) read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        var ok = kind switch
        {
            Kind.Zip => head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8),
            Kind.TarGz => head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]),
            Kind.Tar => head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8),
            _ => false,
        };
        if (!ok) throw Invalid(displayName, $"'{displayName}' is not a {kind switch { Kind.Zip => "zip", Kind.Tar => "tar", _ => "tar.gz" }} archive, whatever its name says.");
    }

    /// <summary>
    /// Reads one entry, or returns null when it is larger than <paramref name="maxBytes"/>; every byte read
    /// (<paramref name="read"/>) counts against the archive's budget.
    /// </summary>
    private static byte[]? ReadCapped(Stream stream, long maxBytes, ByteBudget budget, out long read)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        read = 0;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            read += n;
            budget.Spend(n);
            if (buffer.Length + n > maxBytes) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private sealed class ByteBudget(long limit, string displayName)
    {
        private long _spent;

        public void Spend(long bytes)
        {
            _spent += bytes;
            if (_spent > limit)
                throw new InputRefusedException(InputRefusal.ArchiveTooLarge, displayName, $"The archive unpacks to more than {limit:N0} bytes.");
        }
    }
}
