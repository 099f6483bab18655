using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using NewsFeed.Data.Export;
using NewsFeed.FrontMatter;

namespace NewsFeed.Api.Export;

/// <summary>
/// Streams articles as a .tar.gz of front-matter files (<c>articles/SLUG.md</c>), a page of articles at a time, so
/// an export of any size never sits whole in memory. Importing the archive gives the same articles back, and the same
/// articles always give the same archive, byte for byte: entries newest first and, between articles of one
/// publishedDateTime, in name order (not id order, which differs between databases), every time in an entry the
/// article's publishedDateTime.
/// </summary>
public sealed class ExportArchive(ArticleDocuments documents)
{
    private const int PageSize = 500;

    public async Task WriteAsync(Stream output, IAsyncEnumerable<long> ids, CancellationToken ct)
    {
        await using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        // GNU, not PAX: .NET names each PAX extended header after the writing process's id, so two instances exporting the
        // same articles would differ by those bytes. GNU headers carry the access and change times themselves.
        await using var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true);
        var page = new List<long>(PageSize);
        var sameInstant = new List<(string Name, ArticleDocument Document)>();
        await foreach (var id in ids.WithCancellation(ct))
        {
            page.Add(id);
            if (page.Count < PageSize) continue;
            await WritePageAsync(tar, page, sameInstant, ct);
            page.Clear();
        }
        await WritePageAsync(tar, page, sameInstant, ct);
        await FlushAsync(tar, sameInstant, ct);
    }

    /// <summary>Writes the page's articles, holding back those of the last publishedDateTime seen: the next page may have more.</summary>
    private async Task WritePageAsync(TarWriter tar, List<long> ids, List<(string Name, ArticleDocument Document)> sameInstant, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        foreach (var (slug, document) in await documents.LoadAsync(ids, ct))
        {
            if (sameInstant.Count > 0 && sameInstant[0].Document.PublishedAt != document.PublishedAt) await FlushAsync(tar, sameInstant, ct);
            sameInstant.Add(($"articles/{slug}.md", document));
        }
    }

    private static async Task FlushAsync(TarWriter tar, List<(string Name, ArticleDocument Document)> sameInstant, CancellationToken ct)
    {
        foreach (var (name, document) in sameInstant.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var time = new DateTimeOffset(document.PublishedAt);
            // Entries otherwise get the time of writing as their access and change times.
            var entry = new GnuTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(ArticleFileWriter.Write(document))),
                ModificationTime = time,
                AccessTime = time,
                ChangeTime = time,
            };
            await tar.WriteEntryAsync(entry, ct);
        }
        sameInstant.Clear();
    }
}
