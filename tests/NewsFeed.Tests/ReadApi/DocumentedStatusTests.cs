using System.Net;
using System.Text;
using NewsFeed.Tests.ImportApi;
using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.Operations;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// Every status the document gives an operation is one a real request gets, and every status a request gets here is
/// documented: each (operation, status) is proved by a request sent here, or, where that needs a rig of its own
/// (a rate limit, a job caught running, no key configured), by the existing test named (nameof: it must exist).
/// </summary>
public sealed class DocumentedStatusTests : IAsyncLifetime
{
    private const string Article = "/articles/" + Http.SeedSlug;

    private ImportApiHost _host = null!;
    private NewsFeedApp _outage = null!;
    private string _finishedImport = "";

    public async Task InitializeAsync()
    {
        _host = await ImportApiHost.StartAsync(Engine.Sqlite);
        _finishedImport = (await ImportApiHost.ReportOf(await _host.UploadFilesAsync("?mode=sync", RepoPaths.SeedFile))).ImportId;
        _outage = Outage();
    }

    public async Task DisposeAsync()
    {
        await _outage.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Every_documented_status_is_proved_reachable_and_every_proved_status_is_documented()
    {
        var documented = new List<string>();
        var doc = await _host.Client.GetJsonAsync("/swagger/v1/swagger.json");
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
                documented.AddRange(operation.Value.GetProperty("responses").EnumerateObject().Select(r => $"{operation.Name.ToUpperInvariant()} {path.Name} {r.Name}"));
        }

        var proofs = Proofs();

        proofs.Keys.Should().BeEquivalentTo(documented);
        var wrong = new List<string>();
        foreach (var (key, proof) in proofs)
        {
            if (proof is not Func<Task<HttpResponseMessage>> send) continue;
            using var response = await send();
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!key.EndsWith($" {status}", StringComparison.Ordinal)) wrong.Add($"{key}: answered {status} {await response.Content.ReadAsStringAsync()}");
        }
        wrong.Should().BeEmpty();
    }

    /// <summary>What proves each (operation, status): a request to send, or the name of the test that shows it.</summary>
    private Dictionary<string, object> Proofs()
    {
        var proofs = new Dictionary<string, object>();
        void Read(string operation, string url, params int[] statuses)
        {
            foreach (var status in statuses)
            {
                proofs[$"GET {operation} {status}"] = status switch
                {
                    200 => Get(url),
                    304 => (Func<Task<HttpResponseMessage>>)(() => NotModifiedAsync(url)),
                    400 => Get(url + (url.Contains('?') ? "&" : "?") + "unknownParameter=1"),
                    404 => Get(url.Replace("{missing}", "no-such-thing-here", StringComparison.Ordinal)),
                    503 => (Func<Task<HttpResponseMessage>>)(() => OutageClient().GetAsync(new Uri(url, UriKind.Relative))),
                    _ => throw new ArgumentOutOfRangeException(nameof(statuses)),
                };
            }
        }
        Read("/articles", "/articles", 200, 304, 400, 503);
        Read("/articles/{idOrSlug}", Article, 200, 304, 400, 503);
        Read("/articles/{idOrSlug}/related", Article + "/related", 200, 304, 400, 503);
        Read("/articles/{idOrSlug}/source", Article + "/source", 200, 304, 400, 503);
        Read("/export", "/export", 200, 400, 503);
        foreach (var feed in new[] { "rss", "atom", "json" }) Read($"/feeds/{feed}", $"/feeds/{feed}", 200, 304, 400, 503);
        Read("/health/live", "/health/live", 200, 400);
        Read("/health/ready", "/health/ready", 200, 400, 503);
        Read("/providers", "/providers", 200, 304, 400, 503);
        Read("/providers/{domain}", "/providers/wsj.com", 200, 304, 400, 503);
        Read("/topics", "/topics", 200, 304, 400, 503);
        Read("/topics/{slug}", "/topics/ai", 200, 304, 400, 503);
        foreach (var (operation, url) in new[] { ("/articles/{idOrSlug}", "/articles/{missing}"), ("/articles/{idOrSlug}/related", "/articles/{missing}/related"),
            ("/articles/{idOrSlug}/source", "/articles/{missing}/source"), ("/providers/{domain}", "/providers/{missing}"), ("/topics/{slug}", "/topics/{missing}") })
            Read(operation, url, 404);

        var seed = ("seed.md", File.ReadAllBytes(RepoPaths.SeedFile));
        proofs["POST /import 200"] = Send(() => _host.UploadAsync("?mode=sync&dryRun=true", seed));
        proofs["POST /import 202"] = Send(() => _host.UploadAsync("?mode=async&dryRun=true", seed));
        proofs["POST /import 400"] = Send(() => _host.UploadAsync("?unknownParameter=1", seed));
        proofs["POST /import 401"] = Send(() => _host.CreateClient(null).PostAsync("/import", ImportApiHost.Multipart(seed)));
        proofs["POST /import 403"] = Send(() => _host.ImportServerPathAsync("../outside"));
        proofs["POST /import 404"] = Send(() => _host.ImportServerPathAsync("no-such-folder"));
        proofs["POST /import 413"] = nameof(ImportRefusalTests<OnSqlite>.Too_many_files_or_archive_entries_is_413);
        proofs["POST /import 415"] = Send(() => _host.Client.PostAsync("/import", new StringContent("seed.md", Encoding.UTF8, "text/plain")));
        proofs["POST /import 422"] = Send(() => _host.UploadAsync("?mode=sync", ("bad.md", TestFiles.NoFrontMatter())));
        proofs["POST /import 429"] = nameof(ImportRefusalTests<OnSqlite>.Past_the_rate_limit_the_answer_is_429_with_retry_after);
        proofs["POST /import 503"] = nameof(ImportRefusalTests<OnSqlite>.An_import_that_waits_too_long_for_another_imports_writer_is_a_503_with_retry_after);

        foreach (var (method, path, url) in new[] { ("GET", "/imports", "/imports"), ("GET", "/imports/{id}", $"/imports/{_finishedImport}"), ("DELETE", "/imports/{id}", "/imports/no-such-import") })
        {
            var verb = new HttpMethod(method);
            proofs[$"{method} {path} 400"] = Send(() => _host.Client.SendAsync(new HttpRequestMessage(verb, url + "?unknownParameter=1")));
            proofs[$"{method} {path} 401"] = Send(() => _host.CreateClient(null).SendAsync(new HttpRequestMessage(verb, url)));
            proofs[$"{method} {path} 403"] = nameof(ImportRefusalTests<OnSqlite>.Without_any_configured_key_the_endpoints_answer_403_saying_how_to_configure_one);
            proofs[$"{method} {path} 429"] = nameof(ImportRefusalTests<OnSqlite>.Past_the_rate_limit_the_answer_is_429_with_retry_after);
            proofs[$"{method} {path} 503"] = Send(() => OutageClient().SendAsync(new HttpRequestMessage(verb, url)));
        }
        proofs["GET /imports 200"] = Get("/imports");
        proofs["GET /imports/{id} 200"] = Get($"/imports/{_finishedImport}");
        proofs["GET /imports/{id} 404"] = Get("/imports/no-such-import");
        proofs["DELETE /imports/{id} 200"] = nameof(ImportJobEndTests<OnSqlite>.Cancelling_a_job_that_nothing_runs_cancels_it_at_once);
        proofs["DELETE /imports/{id} 202"] = nameof(ImportJobTests<OnSqlite>.Cancelling_stops_a_running_job_keeping_what_it_committed_and_a_queued_one_before_it_starts);
        proofs["DELETE /imports/{id} 404"] = Send(() => _host.Client.DeleteAsync("/imports/no-such-import"));
        proofs["DELETE /imports/{id} 409"] = Send(() => _host.Client.DeleteAsync($"/imports/{_finishedImport}"));
        return proofs;
    }

    /// <summary>The same app on a database it cannot reach, with the import key: what every operation answers then.</summary>
    private static NewsFeedApp Outage() => new(UnreachableDatabase.On(Engine.Sqlite), new Dictionary<string, string?>
    {
        ["Database:MigrateOnStartup"] = "false",
        ["Import:ApiKeys:0"] = ImportApiHost.Key,
    });

    private static Func<Task<HttpResponseMessage>> Send(Func<Task<HttpResponseMessage>> send) => send;

    private Func<Task<HttpResponseMessage>> Get(string url) => () => _host.Client.GetAsync(new Uri(url, UriKind.Relative));

    private HttpClient OutageClient()
    {
        var client = _outage.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ImportApiHost.Key);
        return client;
    }

    private async Task<HttpResponseMessage> NotModifiedAsync(string url)
    {
        using var first = await _host.Client.GetAsync(new Uri(url, UriKind.Relative));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        return await _host.Client.SendAsync(request);
    }
}
