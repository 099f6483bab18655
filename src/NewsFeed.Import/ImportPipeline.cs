using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NewsFeed.Data.Writing;
using NewsFeed.FrontMatter;
using NewsFeed.Import.Sources;

namespace NewsFeed.Import;

/// <summary>
/// Imports a stream of files: one thread hands out files in chunks, one parser per core hashes them (a file whose
/// exact bytes are already stored is unchanged and never parsed) and parses the rest, and one writer stores each
/// chunk in a transaction of its own while the next one is parsed. Memory stays bounded by the chunks in flight (one
/// per parser, see <see cref="ParseAsync"/>), whatever the number of files.
/// </summary>
public sealed partial class ImportPipeline(ArticleWriter writer, ImportOptions options, ILogger<ImportPipeline> logger)
{
    /// <summary>Files a parser reads before it lets the pool's queue run (see <see cref="ParseAsync"/>).</summary>
    private const int YieldEvery = 8;

    /// <summary>A numbered chunk of files, as handed out.</summary>
    private sealed record Chunk(int Index, List<SourceFile> Files);

    /// <summary>A chunk after parsing: the articles to write, and the files already settled.</summary>
    private sealed record ParsedChunk(int Index, List<IncomingArticle> Articles, List<ImportMessage> Warnings, ReportBuilder.Tally Settled);

    public async Task<ImportReport> RunAsync(IEnumerable<SourceFile> files, ImportRequest request,
        IProgress<ImportProgress>? progress = null, int? filesTotal = null, CancellationToken ct = default)
    {
        var report = new ReportBuilder(request.ImportId ?? Guid.NewGuid().ToString("N"), request.DryRun, options.MaxReportEntries);
        var unchanged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var parallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;
        var chunks = Channel.CreateBounded<Chunk>(parallelism * 2);
        var parsed = Channel.CreateUnbounded<ParsedChunk>();
        // Chunks taken by a parser and not yet written: one per parser, and two at least, so one is parsed while one is
        // written. Chunks parsed further ahead of the writer (the slower stage) only held their articles (54 kB each in
        // the corpus then, 16 kB with the StringPool) for longer: waiting a second or more, they outlived the collector's
        // young generations, and a long import's peak memory grew by half over a short one's.
        using var inFlight = new SemaphoreSlim(Math.Max(2, parallelism));
        var readerOptions = options.Reader;
        // One for the whole import: a value repeats across files, whichever parser reads them.
        var strings = new StringPool();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        LogStarted(logger, report.ImportId, request.DryRun, request.Atomic);

        var produce = Task.Run(() => ProduceAsync(files, chunks.Writer, stop.Token), stop.Token);
        var parsers = Enumerable.Range(0, parallelism)
            .Select(_ => Task.Run(() => ParseAsync(chunks.Reader, inFlight, parsed.Writer, unchanged, readerOptions, strings, stop.Token), stop.Token)).ToArray();
        var closeParsed = Task.WhenAll(parsers).ContinueWith(t => parsed.Writer.TryComplete(t.Exception), TaskScheduler.Default);
        try
        {
            await WriteAsync(parsed.Reader, inFlight, unchanged, report, request, progress, filesTotal, stop.Token);
            await Task.WhenAll(produce, closeParsed);
            await Task.WhenAll(parsers);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            report.Cancel();
        }
        catch
        {
            // Stop the other stages before the error goes up, so no thread keeps reading files.
            await stop.CancelAsync();
            throw;
        }
        var result = report.Build();
        LogFinished(logger, result.ImportId, result.Status, result.Files, result.Created, result.Updated, result.Unchanged,
            result.Failed, result.Skipped, result.DurationMs);
        return result;
    }

    // Counts only: file contents never reach the log.
    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} started (dry run: {DryRun}, atomic: {Atomic})")]
    private static partial void LogStarted(ILogger logger, string importId, bool dryRun, bool atomic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} {Status}: {Files} files, {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed, {Skipped} skipped in {DurationMs} ms")]
    private static partial void LogFinished(ILogger logger, string importId, string status, int files, int created, int updated,
        int unchanged, int failed, int skipped, long durationMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Import {ImportId}: {FilesDone} files done, {Failed} failed, {ArticlesPerSecond:F0} articles/s")]
    private static partial void LogProgress(ILogger logger, string importId, int filesDone, int failed, double articlesPerSecond);

    private async Task ProduceAsync(IEnumerable<SourceFile> files, ChannelWriter<Chunk> chunks, CancellationToken ct)
    {
        try
        {
            var chunk = new List<SourceFile>(options.BatchSize);
            var index = 0;
            foreach (var file in files)
            {
                chunk.Add(file);
                if (chunk.Count < options.BatchSize) continue;
                await chunks.WriteAsync(new Chunk(index++, chunk), ct);
                chunk = new List<SourceFile>(options.BatchSize);
            }
            if (chunk.Count > 0) await chunks.WriteAsync(new Chunk(index, chunk), ct);
            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.Complete(e);
            throw;
        }
    }

    /// <summary>
    /// Takes a place in <paramref name="inFlight"/> (the writer gives it back once the chunk is written), then a chunk.
    /// Places go in the order chunks are handed out, so the chunk the writer waits for always has its parser.
    /// </summary>
    private async Task ParseAsync(ChannelReader<Chunk> chunks, SemaphoreSlim inFlight, ChannelWriter<ParsedChunk> parsed,
        ConcurrentDictionary<string, string> unchanged, ReaderOptions readerOptions, StringPool strings, CancellationToken ct)
    {
        while (true)
        {
            await inFlight.WaitAsync(ct);
            if (!await chunks.WaitToReadAsync(ct) || !chunks.TryRead(out var taken))
            {
                inFlight.Release(); // all handed out, or another parser took the chunk first
                if (chunks.Completion.IsCompleted) return;
                continue;
            }
            var (index, chunk) = taken;
            var settled = new ReportBuilder.Tally();
            var warnings = new List<ImportMessage>();
            var loaded = new List<(SourceFile File, byte[] Content, byte[] Hash)>(chunk.Count);
            foreach (var file in chunk)
            {
                if (file.Skip is not null) settled.Skip(new ImportMessage(file.Path, null, null, null, file.Skip));
                else if (file.Error is not null || file.Load is null) settled.Fail(new ImportMessage(file.Path, null, null, null, file.Error ?? "Unreadable."));
                else if (TryLoad(file, out var content, out var error)) loaded.Add((file, content, SHA256.HashData(content)));
                else settled.Fail(new ImportMessage(file.Path, null, null, null, error));
            }

            var known = await writer.FindKnownHashesAsync([.. loaded.Select(l => l.Hash)], ct);
            var articles = new List<IncomingArticle>(loaded.Count);
            var parsedInChunk = 0;
            for (var i = 0; i < loaded.Count; i++)
            {
                var (file, content, hash) = loaded[i];
                loaded[i] = default; // the bytes are garbage once parsed, not once the whole chunk is
                var hex = Convert.ToHexString(hash);
                if (known.Contains(hex))
                {
                    settled.Unchanged++;
                    // The greatest path of the files holding this content, so which file a parser saw first does not matter.
                    unchanged.AddOrUpdate(hex, file.Path, (_, seen) => string.CompareOrdinal(file.Path, seen) > 0 ? file.Path : seen);
                    continue;
                }
                // A parser keeps its pool thread for a whole chunk otherwise, and with one parser per core the writer's
                // continuations (the next statement of a batch, after PostgreSQL answered) queued behind whole chunks:
                // the writer fell behind and wrote the last batches alone, PostgreSQL busy and the cores half idle.
                if (++parsedInChunk % YieldEvery == 0) await Task.Yield();
                var result = Read(content, readerOptions, strings);
                warnings.AddRange(result.Warnings.Select(w => Locate(file.Path, w)));
                if (result.Document is { } document)
                    articles.Add(new IncomingArticle(document, file.Path, hash, Slug.ForArticle(file.Path, document.PublishedAt, document.Title)));
                else
                    foreach (var error in result.Errors) settled.Fail(Locate(file.Path, error), countFile: error == result.Errors[0]);
            }
            await parsed.WriteAsync(new ParsedChunk(index, articles, warnings, settled), ct);
        }
    }

    /// <summary>Reads one file; whatever the reader throws fails that file only, never the import.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "One hostile file must not stop the import: any failure becomes that file's error.")]
    private static ReadResult Read(byte[] content, ReaderOptions readerOptions, StringPool strings)
    {
        try
        {
            return ArticleFileReader.Read(content, readerOptions, strings);
        }
        catch (Exception e)
        {
            return ReadResult.Fail(new ReadIssue(null, null, null, $"The file could not be read ({e.GetType().Name}: {e.Message})."));
        }
    }

    private static bool TryLoad(SourceFile file, out byte[] content, out string error)
    {
        try
        {
            content = file.Load!();
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            content = [];
            error = $"The file could not be read: {e.Message}";
            return false;
        }
    }

    private async Task WriteAsync(ChannelReader<ParsedChunk> parsed, SemaphoreSlim inFlight, ConcurrentDictionary<string, string> unchanged,
        ReportBuilder report, ImportRequest request, IProgress<ImportProgress>? progress, int? filesTotal, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var wait = TimeSpan.FromSeconds(options.WriterWaitSeconds);
        // Said once per wait, so the command line and a job's status show why nothing moves.
        void Waiting() => progress?.Report(report.Progress(filesTotal, clock.Elapsed) with { WaitingForWriter = true });
        string? UnchangedInThisImport(byte[] hash) => unchanged.TryGetValue(Convert.ToHexString(hash), out var path) ? path : null;

        // A dry run and an all-or-nothing import share one transaction; otherwise each chunk commits on its own.
        var shared = request.DryRun || request.Atomic ? await writer.BeginAsync(report.ImportId, wait, Waiting, ct) : null;
        try
        {
            async Task<List<IncomingArticle>> WriteBatchAsync(List<IncomingArticle> articles, bool final)
            {
                var session = shared ?? await writer.BeginAsync(report.ImportId, wait, Waiting, ct);
                try
                {
                    var results = await session.WriteAsync(articles, UnchangedInThisImport, final, ct);
                    // Counted once committed, so a cancelled import never reports a batch it did not store.
                    if (shared is null) await session.CommitAsync(ct);
                    var refused = new ReportBuilder.Tally();
                    foreach (var failed in results.Where(r => r.Outcome == WriteOutcome.Failed))
                        refused.Fail(new ImportMessage(failed.Article.SourcePath, null, null, failed.Field, failed.Error!));
                    report.Add(refused, []);
                    report.Add(results.Where(r => r.Outcome is not (WriteOutcome.Failed or WriteOutcome.Deferred)));
                    return [.. results.Where(r => r.Outcome == WriteOutcome.Deferred).Select(r => r.Article)];
                }
                finally
                {
                    if (shared is null) await session.DisposeAsync();
                }
            }

            var deferred = new List<IncomingArticle>();
            await foreach (var chunk in InOrder(parsed.ReadAllAsync(ct)))
            {
                report.Add(chunk.Settled, chunk.Warnings);
                if (chunk.Articles.Count > 0) deferred.AddRange(await WriteBatchAsync(chunk.Articles, final: false));
                inFlight.Release();
                ReportProgress(report, progress, filesTotal, clock);
            }
            // Ties only the whole import could settle (whether the stored version's own file came, unchanged).
            foreach (var batch in deferred.Chunk(options.BatchSize))
            {
                await WriteBatchAsync([.. batch], final: true);
                ReportProgress(report, progress, filesTotal, clock);
            }
            if (shared is not null)
            {
                if (request.DryRun) await shared.RollbackAsync(ct);
                else await shared.CommitAsync(ct);
            }
        }
        finally
        {
            if (shared is not null) await shared.DisposeAsync();
        }
    }

    private void ReportProgress(ReportBuilder report, IProgress<ImportProgress>? progress, int? filesTotal, Stopwatch clock)
    {
        var now = report.Progress(filesTotal, clock.Elapsed);
        progress?.Report(now);
        LogProgress(logger, report.ImportId, now.FilesDone, now.Failed, now.ArticlesPerSecond);
    }

    /// <summary>
    /// Chunks in the order they were handed out, whichever parser finished first, so an import's report and result do
    /// not depend on thread timing. At most one chunk per parser waits here.
    /// </summary>
    private static async IAsyncEnumerable<ParsedChunk> InOrder(IAsyncEnumerable<ParsedChunk> chunks)
    {
        var waiting = new Dictionary<int, ParsedChunk>();
        var next = 0;
        await foreach (var chunk in chunks)
        {
            waiting.Add(chunk.Index, chunk);
            while (waiting.Remove(next, out var ready))
            {
                next++;
                yield return ready;
            }
        }
    }

    private static ImportMessage Locate(string file, ReadIssue issue) => new(file, issue.Line, issue.Column, issue.Field, issue.Message);
}
