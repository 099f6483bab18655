using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using NewsFeed.Data.Export;
using NewsFeed.FrontMatter;

namespace NewsFeed.Api.Export;

/// <summary>
/// Streams articles as a .tar.gz of front-matter files (<c>articles/SLUG.md</c>), a page of articles at a time, so
/// an export of any size never sits whole in memory. Importing the archive gives the same articles back.
/// </summary>
public sealed class ExportArchive(ArticleDocuments documents)
{
    private const int PageSize = 500;

    public async Task WriteAsync(Stream output, IAsyncEnumerable<long> ids, CancellationToken ct)
    {
        await using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        var page = new List<long>(PageSize);
        await foreach (var id in ids.WithCancellation(ct))
        {
            page.Add(id);
            if (page.Count < PageSize) continue;
            await WritePageAsync(tar, page, ct);
            page.Clear();
        }
        await WritePageAsync(tar, page, ct);
    }

    private async Task WritePageAsync(TarWriter tar, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        foreach (var (slug, document) in await documents.LoadAsync(ids, ct))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"articles/{slug}.md")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(ArticleFileWriter.Write(document))),
                ModificationTime = new DateTimeOffset(document.PublishedAt),
            };
            await tar.WriteEntryAsync(entry, ct);
        }
    }
}
