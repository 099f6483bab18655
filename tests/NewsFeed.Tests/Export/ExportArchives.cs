using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Export;

/// <summary>Fetching an app's export and reading its entries back.</summary>
internal static class ExportArchives
{
    /// <summary>Every article (removed ones too) as the app exports them; the archive's path.</summary>
    public static async Task<string> ExportAsync(NewsFeedApp app)
    {
        using var client = app.CreateClient();
        // Tens of megabytes of front matter for the full corpus: allow for a slow, shared machine.
        client.Timeout = TimeSpan.FromMinutes(10);
        using var response = await client.GetAsync("/export?includeRemoved=true", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var archive = Path.Combine(Corpus.NewScratchFolder(), "newsfeed-export.tar.gz");
        await using (var file = File.Create(archive)) await response.Content.CopyToAsync(file);
        return archive;
    }

    /// <summary>The archive's entries in archive order: name and content.</summary>
    public static async Task<List<(string Name, byte[] Content)>> EntriesAsync(string archive)
    {
        var entries = new List<(string, byte[])>();
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is not null) await entry.DataStream.CopyToAsync(content);
            entries.Add((entry.Name, content.ToArray()));
        }
        return entries;
    }
}
