using System.Text.Json;
using Microsoft.Extensions.Options;
using NewsFeed.Api.Contracts;
using NewsFeed.Data.Entities;
using NewsFeed.Data.Jobs;
using NewsFeed.Import;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Imports;

/// <summary>What <c>POST /import</c> answers: the report of a synchronous import, or the job it queued.</summary>
public sealed record ImportStarted(ImportOutcome? Finished, ImportJobResponse? Queued);

/// <summary>
/// The import endpoints' logic, callable without HTTP: checks what is to be imported (uploads are staged and archives
/// checked whole before anything runs), then runs it in the request or queues it as a background job.
/// </summary>
public sealed class ImportService(
    UploadStaging staging, ImportInputs inputs, ImportJobStore store, ImportJobExecutor executor, ImportJobRunner runner,
    RunningImports running, IOptions<ImportApiOptions> options, ImportOptions importOptions)
{
    public async Task<ImportStarted> ImportUploadAsync(HttpRequest request, ImportQuery query, CancellationToken ct)
    {
        using var upload = await staging.ReceiveAsync(request, ct);
        if (upload.Files.Count == 0)
            throw ImportRefusedException.BadRequest($"The upload holds no file: send one or more files in the '{UploadStaging.FilesField}' field.");
        var input = inputs.FromFiles([.. upload.Files.Select(f => f.Path)]);
        var source = Describe(upload.Files.Select(f => f.Name));
        return await StartAsync(source, upload, input, query, ct);
    }

    public Task<ImportStarted> ImportServerPathAsync(string path, ImportQuery query, CancellationToken ct) =>
        StartAsync(path, null, inputs.FromServer(path), query, ct);

    public async Task<ImportJobResponse?> FindAsync(string id, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } job ? ToResponse(job, withReport: true) : null;

    public async Task<ImportJobList> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        var (jobs, total) = await store.ListAsync(page, pageSize, ct);
        return new ImportJobList([.. jobs.Select(j => ToResponse(j, withReport: false))], page, pageSize, total);
    }

    /// <summary>Cancels a queued job or one that nothing runs any more, or asks a running one to stop; null when there is no such import.</summary>
    public async Task<(ImportJobResponse Job, ImportJobStore.CancelOutcome Outcome)?> CancelAsync(string id, CancellationToken ct)
    {
        // An import running here stops first: on SQLite its open transaction would hold up the update below until it ended.
        var stoppedHere = running.Cancel(id);
        var outcome = await store.CancelAsync(id, job => running.WhyAbandoned(job, options.Value.Jobs, graceForOwnJobs: false), ct);
        if (await store.FindAsync(id, ct) is not { } job) return null;
        if (outcome == ImportJobStore.CancelOutcome.Cancelled && job.StagingPath is { } stagingPath) StagedUpload.Remove(stagingPath);
        // A job registered here but cancelled while still queued (the runner was about to claim it) never started.
        var stopping = stoppedHere && outcome != ImportJobStore.CancelOutcome.Cancelled;
        return (ToResponse(job, withReport: true), stopping ? ImportJobStore.CancelOutcome.Stopping : outcome);
    }

    private async Task<ImportStarted> StartAsync(string source, StagedUpload? upload, ImportInput input, ImportQuery query, CancellationToken ct)
    {
        var background = query.Mode == ImportMode.Async || (query.Mode == ImportMode.Auto && input.Count > options.Value.AsyncAboveFiles);
        var now = DateTime.UtcNow;
        var job = new ImportJob
        {
            Id = Guid.NewGuid().ToString("N"),
            Status = background ? ImportStatus.Queued : ImportStatus.Running,
            DryRun = query.DryRun,
            Atomic = query.Atomic,
            Source = source,
            StagingPath = background ? upload?.Folder : null,
            FilesTotal = input.Count,
            CreatedAt = now,
            Owner = background ? null : running.InstanceId,
            StartedAt = background ? null : now,
            HeartbeatAt = background ? null : now,
        };
        if (!background) return new ImportStarted(await RunNowAsync(job, input, ct), null);
        await store.AddAsync(job, TimeSpan.FromSeconds(importOptions.WriterWaitSeconds), ct);
        // From here the job owns the staged files and removes them when it is done.
        upload?.HandOver();
        runner.Wake();
        return new ImportStarted(null, ToResponse(job, withReport: false));
    }

    /// <summary>Records a synchronous import, registered as running here first (see <see cref="RunningImports.Start"/>), and runs it.</summary>
    private async Task<ImportOutcome> RunNowAsync(ImportJob job, ImportInput input, CancellationToken ct)
    {
        var cancel = running.Start(job.Id);
        try
        {
            await store.AddAsync(job, TimeSpan.FromSeconds(importOptions.WriterWaitSeconds), ct);
        }
        catch
        {
            running.Finish(job.Id);
            throw;
        }
        return await executor.RunAsync(job, input, cancel, ct);
    }

    private static string Describe(IEnumerable<string> names)
    {
        var list = names.ToList();
        var shown = string.Join(", ", list.Take(10));
        return list.Count > 10 ? $"upload: {shown} and {list.Count - 10:N0} more files" : $"upload: {shown}";
    }

    public static ImportJobResponse ToResponse(ImportJob job, bool withReport)
    {
        var finished = ImportStatus.IsFinished(job.Status);
        var report = finished && job.Report is { } json ? JsonSerializer.Deserialize<ImportReport>(json, ImportJobExecutor.Json) : null;
        var progress = report is not null
            ? new ImportJobProgress(report.Files, job.FilesTotal, report.Created + report.Updated + report.Unchanged + report.Superseded, report.Failed)
            : job.Report is { } running && !finished && JsonSerializer.Deserialize<ImportProgress>(running, ImportJobExecutor.Json) is { } p
                ? new ImportJobProgress(p.FilesDone, job.FilesTotal, p.Imported, p.Failed)
                : new ImportJobProgress(job.FilesDone, job.FilesTotal, 0, 0);
        return new ImportJobResponse(job.Id, job.Status, job.DryRun, job.Atomic, job.Source, progress, withReport ? report : null,
            job.Error, job.CancelRequested, job.CreatedAt, job.StartedAt, job.FinishedAt);
    }
}
