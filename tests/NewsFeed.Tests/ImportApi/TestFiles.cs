using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace NewsFeed.Tests.ImportApi;

/// <summary>Article files and archives made on the spot for upload tests.</summary>
public static class TestFiles
{
    /// <summary>A small valid article with its own URL.</summary>
    public static byte[] Article(string slug, string title = "A test article") => Encoding.UTF8.GetBytes($"""
        ---
        title: "{title}"
        excerpt: "Made by a test."
        webUrl: "https://example.com/news/{slug}"
        publishedDateTime: "2021-12-01T10:00:00Z"
        provider:
          name: "Example News"
          domain: "example.com"
        topics:
          - "Testing"
        type: "article"
        ---

        """);

    /// <summary>An article whose <c>webUrl</c>, on line 3, is not a URL.</summary>
    public static byte[] BadUrl() => Encoding.UTF8.GetBytes("---\ntitle: \"Bad URL\"\nwebUrl: \"not-a-url\"\npublishedDateTime: \"2021-12-01T10:00:00Z\"\n---\n");

    /// <summary>A file with no front matter at all.</summary>
    public static byte[] NoFrontMatter() => Encoding.UTF8.GetBytes("Just some text.\n");

    /// <summary>A zip of the given entries (name, bytes), in order.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A zip of a folder, entries named by the folder's name and their path inside it (as `zip -r` makes them).</summary>
    public static byte[] ZipFolder(string folder)
    {
        var name = Path.GetFileName(folder);
        return Zip([.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => ($"{name}/{Path.GetRelativePath(folder, f).Replace('\\', '/')}", File.ReadAllBytes(f)))]);
    }

    /// <summary>A tar.gz of tar entries.</summary>
    public static byte[] TarGz(params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            foreach (var entry in entries) tar.WriteEntry(entry);
        return buffer.ToArray();
    }

    public static PaxTarEntry TarFile(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    /// <summary>A tar entry of <paramref name="length"/> zero bytes, streamed: nothing that size is ever held in memory or on disk.</summary>
    public static PaxTarEntry TarZeros(string name, long length) =>
        new(TarEntryType.RegularFile, name) { DataStream = new ZeroStream(length) };

    /// <summary>A seekable stream of zeros of a given length (the tar writer asks for the length up front).</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            Array.Clear(buffer, offset, n);
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
