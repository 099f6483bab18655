using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsFeed.Api.Contracts;
using NewsFeed.Import;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// The app with the import endpoints switched on: a key, an import root and a staging folder of its own (so a test can
/// check that no temporary file is left), jobs polled and watched quickly.
/// </summary>
public sealed class ImportApiHost : IAsyncDisposable
{
    public const string Key = "test-key-5f1c0e9a2b7d4c68e31a90b7f2d5";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ImportApiHost(NewsFeedApp app, string root, string staging)
    {
        App = app;
        Root = root;
        Staging = staging;
        Client = CreateClient(Key);
    }

    public NewsFeedApp App { get; }

    /// <summary>The import root (<c>Import:Root</c>): tests put server folders here.</summary>
    public string Root { get; }

    /// <summary>Where uploads are staged (<c>Import:StagingPath</c>).</summary>
    public string Staging { get; }

    /// <summary>A client sending the right key.</summary>
    public HttpClient Client { get; }

    public static Task<ImportApiHost> StartAsync(Engine engine, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(engine, database: null, settings);

    /// <summary>Starts an app; given a database, a second instance on the same database as another host.</summary>
    /// <param name="services">Services added to the app's own (<see cref="NewsFeedApp.TestServices"/>).</param>
    public static async Task<ImportApiHost> StartAsync(Engine engine, Data.DatabaseSettings? database,
        IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var scratch = Corpus.NewScratchFolder();
        var root = Directory.CreateDirectory(Path.Combine(scratch, "root")).FullName;
        var staging = Path.Combine(scratch, "staging");
        var all = new Dictionary<string, string?>
        {
            ["Import:ApiKeys:0"] = Key,
            ["Import:Root"] = root,
            ["Import:StagingPath"] = staging,
            ["Import:Jobs:PollSeconds"] = "0.1",
            ["Import:Jobs:HeartbeatSeconds"] = "0.2",
            ["Import:RateLimit:ImportsPerWindow"] = "1000",
            ["Import:RateLimit:StatusRequestsPerWindow"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = new NewsFeedApp(database ?? await Engines.NewDatabaseAsync(engine), all) { TestServices = services };
        _ = app.Server;
        return new ImportApiHost(app, root, staging);
    }

    public HttpClient CreateClient(string? key)
    {
        var client = App.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Posts files as a multipart upload, each in the <c>files</c> field under its name.</summary>
    public Task<HttpResponseMessage> UploadAsync(string query, params (string Name, byte[] Content)[] files) =>
        Client.PostAsync($"/import{query}", Multipart(files));

    public Task<HttpResponseMessage> UploadFilesAsync(string query, params string[] paths) =>
        UploadAsync(query, [.. paths.Select(p => (Path.GetFileName(p), File.ReadAllBytes(p)))]);

    public Task<HttpResponseMessage> ImportServerPathAsync(string path, string query = "") =>
        Client.PostAsJsonAsync($"/import{query}", new { path });

    public static MultipartFormDataContent Multipart(params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "files", name);
        }
        return content;
    }

    public static async Task<ImportReport> ReportOf(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportReport>(Json))!;
    }

    /// <summary>The problem details of a refused request, after checking its status and media type.</summary>
    public static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>The job a <c>POST /import</c> queued, after checking it answered 202.</summary>
    public static async Task<ImportJobResponse> JobOf(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportJobResponse>(Json))!;
    }

    public async Task<ImportJobResponse> GetJobAsync(string id)
    {
        var response = await Client.GetAsync($"/imports/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportJobResponse>(Json))!;
    }

    /// <summary>Polls a job until <paramref name="done"/> holds (by default: until it has finished).</summary>
    public async Task<ImportJobResponse> WaitForJobAsync(string id, Func<ImportJobResponse, bool>? done = null, int timeoutSeconds = 300)
    {
        done ??= j => j.FinishedAt is not null;
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var job = await GetJobAsync(id);
            if (done(job)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Import {id} is still {job.Status} after {timeoutSeconds} s.");
            await Task.Delay(50);
        }
    }

    public async Task<List<string>> SnapshotAsync()
    {
        await using var db = App.CreateDbContext();
        return await DatabaseSnapshot.TakeAsync(db);
    }

    /// <summary>No staged upload is left behind.</summary>
    public void StagingShouldBeEmpty()
    {
        var left = Directory.Exists(Staging) ? Directory.EnumerateFileSystemEntries(Staging, "*", SearchOption.AllDirectories).ToList() : [];
        left.Should().BeEmpty("staged uploads must be removed once the request or job is over");
    }

    /// <summary>For removals that follow a job's status change: waits a little for them.</summary>
    public async Task StagingShouldBecomeEmptyAsync()
    {
        for (var i = 0; i < 100 && Directory.Exists(Staging) && Directory.EnumerateFileSystemEntries(Staging).Any(); i++) await Task.Delay(50);
        StagingShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
