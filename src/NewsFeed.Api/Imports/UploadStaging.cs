using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NewsFeed.Api.Imports;

/// <summary>
/// Streams a <c>multipart/form-data</c> upload, part by part, into a folder of its own under <c>Import:StagingPath</c>:
/// no file is ever held whole in memory, and the limits on the request size and the number of files are checked as
/// the bytes arrive. Each file is kept under its own name (the name the report uses) in a numbered sub-folder, so
/// files of the same name do not collide and their order is kept.
/// </summary>
public sealed class UploadStaging(IOptions<ImportApiOptions> options)
{
    public const string FilesField = "files";

    /// <summary>Receives the upload; on any failure the staged files are removed before the error goes up.</summary>
    public async Task<StagedUpload> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        if (request.ContentLength > settings.MaxRequestBytes) throw ImportRefusedException.RequestTooLarge(settings.MaxRequestBytes);
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw ImportRefusedException.BadRequest("The multipart/form-data request has no boundary.");
        // This endpoint counts the bytes itself (below) against its own, configurable limit instead of the server's fixed one.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = null;

        var upload = new StagedUpload(Path.Combine(settings.StagingPath, Guid.NewGuid().ToString("N")));
        try
        {
            var body = new CountingStream(request.Body, settings.MaxRequestBytes);
            var reader = new MultipartReader(boundary, body);
            while (await ReadSectionAsync(reader, ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                if (disposition is null || !disposition.IsFileDisposition() || disposition.Name.Value != FilesField)
                    throw ImportRefusedException.BadRequest(
                        $"Unexpected form field '{disposition?.Name.Value}': send each file in the '{FilesField}' field; options go in the query string.");
                if (upload.Files.Count == settings.MaxUploadFiles)
                    throw new ImportRefusedException(StatusCodes.Status413PayloadTooLarge, "Too many files",
                        $"The upload has more than {settings.MaxUploadFiles:N0} files (Import:MaxUploadFiles). Send them in several requests, or as one archive.");
                var name = FileName(disposition);
                var path = Path.Combine(upload.Folder, (upload.Files.Count + 1).ToString("D6", CultureInfo.InvariantCulture), name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    await CopyAsync(section.Body, file, ct);
                upload.Add(path, name);
            }
            return upload;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    /// <summary>The part's file name without any folders (some clients send a path), the name the report will use.</summary>
    private static string FileName(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
        var name = Path.GetFileName(raw.Replace('\\', '/'));
        if (name is "" or "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw ImportRefusedException.BadRequest($"Every uploaded file needs a usable file name; '{raw}' is not one.");
        return name;
    }

    // Reading the body fails with InvalidDataException or IOException when the multipart data is malformed or ends early;
    // that is the client's doing (400), unlike a failure to write the staged file (a server error).
    private static async Task<MultipartSection?> ReadSectionAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            throw Malformed(e);
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (true)
            {
                int n;
                try
                {
                    n = await from.ReadAsync(buffer, ct);
                }
                catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
                {
                    throw Malformed(e);
                }
                if (n == 0) return;
                await to.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ImportRefusedException Malformed(Exception e) =>
        ImportRefusedException.BadRequest($"The multipart/form-data body is malformed or ends early: {e.Message}");

    /// <summary>The request body, refusing to be read past the limit.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        private int Count(int n)
        {
            _read += n;
            if (_read > limit) throw ImportRefusedException.RequestTooLarge(limit);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// Uploaded files waiting in their staging folder, in upload order, each with its name as uploaded. Disposing removes
/// the folder, unless a background job took it over (<see cref="HandOver"/>): the job removes it when done.
/// </summary>
public sealed class StagedUpload(string folder) : IDisposable
{
    private readonly List<(string Path, string Name)> _files = [];
    private bool _handedOver;

    public string Folder { get; } = folder;

    public IReadOnlyList<(string Path, string Name)> Files => _files;

    public void Add(string path, string name) => _files.Add((path, name));

    public void HandOver() => _handedOver = true;

    /// <summary>The files of a staging folder written earlier, in upload order.</summary>
    public static List<string> FilesIn(string folder) =>
        [.. Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).SelectMany(Directory.EnumerateFiles)];

    public static void Remove(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    public void Dispose()
    {
        if (!_handedOver) Remove(Folder);
    }
}
