using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FluentAssertions.Execution;
using NewsFeed.Tests.Contract;
using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.ReadApi;
using Xunit.Abstractions;

namespace NewsFeed.Tests.Generated;

/// <summary>
/// Thousands of requests generated from the app's own OpenAPI document, sent to every GET operation over real corpus
/// files on the real server (Kestrel, so even a NUL in a path gets through): no answer is a 5xx, every 4xx is problem
/// details with a status the document lists for that operation. Every answer is also held to
/// the document as a contract (<see cref="OpenApiContract"/>: status, media type, body against the schema), as a client
/// generated from it would read it. One fixed seed, so a failure found once is found again, and one new seed per run
/// (NEWSFEED_REQUEST_SEED repeats it), printed with each failure.
/// </summary>
public abstract class GeneratedRequestTests(Engine engine, ITestOutputHelper output)
{
    private const int FixedSeed = 20261129;
    private const int RequestsPerSeed = 2500;
    private const string ApiKey = "generated-requests-key-5d0c8e27a91f4b36";
    private const int ViolationGroupsShown = 40;

    [Fact]
    public async Task No_generated_request_gets_a_5xx_a_4xx_that_is_not_problem_details_or_an_answer_the_document_does_not_describe()
    {
        await using var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine), new Dictionary<string, string?>
        {
            ["Import:ApiKeys:0"] = ApiKey,
            ["Import:RateLimit:StatusRequestsPerWindow"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = "Error",
        });
        app.StartKestrel();
        await app.ImportAsync(CorpusSample());
        using var client = app.CreateClient();

        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var operations = OpenApiOperation.GetsOf(document);
        var contract = new OpenApiContract(document);
        operations.Select(o => o.Path).Should().Contain(["/articles", "/articles/{idOrSlug}", "/feeds/json", "/export", "/providers/{domain}", "/imports"]);
        var real = await RealValuesAsync(client);

        var randomSeed = int.TryParse(Environment.GetEnvironmentVariable("NEWSFEED_REQUEST_SEED"), out var given) ? given : Random.Shared.Next();
        var results = new List<Result>();
        foreach (var seed in new[] { FixedSeed, randomSeed })
        {
            var generator = new RequestGenerator(seed, real, ApiKey);
            var requests = Enumerable.Range(0, RequestsPerSeed).Select(i => operations[i % operations.Count])
                .Select(o => (Operation: o, Url: generator.Next(o, out var headers), Headers: headers)).ToList();
            results.AddRange(await SendAllAsync(client, contract, requests, seed));
        }

        Report(results, randomSeed, contract);
        var failures = results.Where(r => r.Failure is not null).ToList();
        var violations = ViolationGroups(results);
        using var scope = new AssertionScope();
        failures.Should().BeEmpty(
            $"every answer must be documented, problem details when 4xx, never 5xx " +
            $"(random seed {randomSeed}: NEWSFEED_REQUEST_SEED={randomSeed} repeats it); the first failures:\n" +
            string.Join("\n", failures.DistinctBy(f => (f.Operation, f.Status)).Take(15).Select(f => $"seed {f.Seed}: GET {f.Url} -> {f.Status} {f.Failure}")));
        violations.Should().BeEmpty(
            $"every answer must be what the OpenAPI document says (random seed {randomSeed}: NEWSFEED_REQUEST_SEED={randomSeed} repeats it); " +
            $"{violations.Count} kinds of violation, the first {ViolationGroupsShown}:\n" + string.Join("\n", violations.Take(ViolationGroupsShown)));
    }

    /// <summary>
    /// The contract violations, one line per operation, status, media type and JSON path (array indexes folded), with how
    /// many answers broke it that way and the first one's message, URL and seed.
    /// </summary>
    private static List<string> ViolationGroups(List<Result> results) =>
    [
        .. results.SelectMany(r => r.Violations.Select(v => (Result: r, Violation: v)))
            .GroupBy(x => (x.Violation.Operation, x.Violation.Status, x.Violation.MediaType, x.Violation.GroupPath))
            .OrderBy(g => g.Key.Operation, StringComparer.Ordinal).ThenBy(g => g.Key.Status).ThenBy(g => g.Key.GroupPath, StringComparer.Ordinal)
            .Select(g => $"{g.First().Violation} ({g.Count()} answers; first: seed {g.First().Result.Seed}, GET {g.First().Result.Url})"),
    ];

    private static async Task<List<Result>> SendAllAsync(HttpClient client, OpenApiContract contract,
        List<(OpenApiOperation Operation, string Url, IReadOnlyDictionary<string, string> Headers)> requests, int seed)
    {
        var results = new ConcurrentBag<Result>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (request, ct) =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(request.Url, UriKind.Relative));
            // Without validation: a header that does not parse is one of the things generated on purpose.
            foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(message, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            clock.Stop();
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            // Kestrel answers a NUL in the path with a bare 400 while parsing the request line: the app never runs, so
            // nothing in it could shape that answer. Only that exact case is let through without problem details.
            var refusedByKestrel = status == 400 && body.Length == 0 && request.Url.Split('?')[0].Contains("%00", StringComparison.Ordinal);
            string? failure = status >= 500 ? $"a server error: {Excerpt(body)}"
                : !request.Operation.Statuses.Contains(status) ? $"is not documented for {request.Operation.Path} ({string.Join(", ", request.Operation.Statuses)}): {Excerpt(body)}"
                : status >= 400 && mediaType != "application/problem+json" && !refusedByKestrel ? $"came as {mediaType ?? "no content type"}, not problem details"
                : null;
            var checking = Stopwatch.StartNew();
            var violations = refusedByKestrel ? [] : contract.Check("GET", request.Operation.Path, status, response.Content.Headers.ContentType?.ToString(), body,
                    new Uri(new Uri("http://host"), request.Url).Query);
            results.Add(new Result(seed, request.Operation.Path, request.Url, status, mediaType, failure, violations, clock.Elapsed, checking.Elapsed));
        });
        return [.. results];
    }

    private static string Excerpt(byte[] body) => System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));

    private void Report(List<Result> results, int randomSeed, OpenApiContract contract)
    {
        output.WriteLine($"{engine}: {results.Count} generated requests (seeds {FixedSeed} and {randomSeed}), {results.Count(r => r.Failure is not null)} failed, " +
            $"{results.Count(r => r.Violations.Count > 0)} broke the OpenAPI document (checking them all took {results.Sum(r => r.Checking.TotalMilliseconds):0} ms).");
        var slowest = results.MaxBy(r => r.Elapsed)!;
        output.WriteLine($"Slowest: {slowest.Elapsed.TotalMilliseconds:0} ms (GET {slowest.Url}); median {results.Select(r => r.Elapsed).Order().ElementAt(results.Count / 2).TotalMilliseconds:0} ms.");
        output.WriteLine("By status: " + string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        foreach (var operation in results.GroupBy(r => r.Operation).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"  {operation.Key}: {operation.Count()} ({string.Join(", ", operation.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}), " +
                $"answered in {operation.Sum(r => r.Elapsed.TotalMilliseconds):0} ms, checked in {operation.Sum(r => r.Checking.TotalMilliseconds):0} ms");
        foreach (var violation in ViolationGroups(results)) output.WriteLine($"  contract: {violation}");
        // Not a failure: some answers (503, 304) no generated request can cause. Listed for whoever tightens the document.
        foreach (var operation in results.GroupBy(r => r.Operation).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var answered = operation.Select(r => (r.Status, r.MediaType)).ToHashSet();
            var never = contract.DocumentedAnswers("GET", operation.Key).Where(a => !answered.Contains(a)).ToList();
            if (never.Count > 0) output.WriteLine($"  documented, never answered: GET {operation.Key}: {string.Join(", ", never.Select(a => $"{a.Status} {a.MediaType ?? "(no content)"}"))}");
        }
    }

    /// <summary>
    /// A few hundred real files: azure (related items, logos) and powerapps (videos, embeds), plus the seed. Few azure
    /// files, as each is ~30 KB of related items: every /export without a narrowing filter writes them all.
    /// </summary>
    private static string[] CorpusSample() =>
    [
        .. Directory.EnumerateFiles(Corpus.Azure).Order(StringComparer.Ordinal).Take(50),
        .. Directory.EnumerateFiles(Corpus.PowerApps).Order(StringComparer.Ordinal).Take(200),
        RepoPaths.SeedFile,
    ];

    /// <summary>Ids, slugs, topics, providers, title words and cursors as the API itself lists them.</summary>
    private static async Task<RealValues> RealValuesAsync(HttpClient client)
    {
        var items = (await client.GetJsonAsync("/articles?pageSize=100&fields=id,slug,title")).GetProperty("items").EnumerateArray().ToList();
        var topics = (await client.GetJsonAsync("/topics")).EnumerateArray().SelectMany(t => new[] { t.GetProperty("slug").GetString()!, t.GetProperty("name").GetString()! });
        var providers = (await client.GetJsonAsync("/providers?pageSize=100")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("domain").GetString()!);
        var cursors = new List<string>();
        foreach (var query in new[] { "pageSize=3", "sort=title&pageSize=2", "q=azure&pageSize=2", "sort=-heat,quality&pageSize=5", "updatedSince=2000-01-01&pageSize=4" })
            if ((await client.GetJsonAsync($"/articles?{query}")).TryGetProperty("nextCursor", out var next)) cursors.Add(next.GetString()!);
        return new RealValues(
            [.. items.Select(i => i.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [.. items.Select(i => i.GetProperty("slug").GetString()!)], [.. topics], [.. providers],
            [.. items.SelectMany(i => i.GetProperty("title").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().Take(200)],
            cursors);
    }

    private sealed record Result(int Seed, string Operation, string Url, int Status, string? MediaType, string? Failure,
        IReadOnlyList<ContractViolation> Violations, TimeSpan Elapsed, TimeSpan Checking);
}

public sealed class SqliteGeneratedRequestTests(ITestOutputHelper output) : GeneratedRequestTests(Engine.Sqlite, output);

public sealed class PostgresGeneratedRequestTests(ITestOutputHelper output) : GeneratedRequestTests(Engine.Postgres, output);
