using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsFeed.Tests.Infrastructure;
using NewsFeed.Tests.ReadApi;

namespace NewsFeed.Tests.Contract;

/// <summary>
/// The contract on the document the app serves and on its real answers: they pass as they come, and the same answers
/// altered the way a server regression would alter them are caught. This is what makes a clean generated-request run
/// mean something: the served document is read, its schemas resolved, and real bodies are really checked against them.
/// </summary>
public abstract class ServedDocumentTests<TEngine>(SeededAppFixture<TEngine> seeded) : IClassFixture<SeededAppFixture<TEngine>>
    where TEngine : IEngineKind
{
    private readonly HttpClient _client = seeded.App.CreateClient();

    [Theory]
    [InlineData("/articles")]
    [InlineData("/articles?fields=id,title&facets=topic,provider,type")]
    [InlineData("/topics")]
    [InlineData("/providers")]
    public async Task A_real_answer_passes_and_the_same_answer_with_a_wrong_body_or_media_type_does_not(string url)
    {
        var contract = new OpenApiContract(await _client.GetJsonAsync("/swagger/v1/swagger.json"));
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        var template = url.Split('?')[0];
        var query = url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : null;
        var contentType = response.Content.Headers.ContentType?.ToString();

        contract.Check("GET", template, (int)response.StatusCode, contentType, body, query).Should().BeEmpty();
        contract.Check("GET", template, (int)response.StatusCode, "text/html", body).Should().ContainSingle()
            .Which.Message.Should().StartWith("media type text/html is not documented");
        var (broken, path) = Break(JsonNode.Parse(body)!);
        contract.Check("GET", template, (int)response.StatusCode, contentType, Encoding.UTF8.GetBytes(broken.ToJsonString()), query)
            .Should().ContainSingle().Which.JsonPath.Should().Be(path);
    }

    [Fact]
    public async Task A_sparse_fieldset_is_held_to_the_fields_asked_for_and_only_to_those()
    {
        var contract = new OpenApiContract(await _client.GetJsonAsync("/swagger/v1/swagger.json"));
        const string query = "?fields=id,title";
        var body = JsonNode.Parse(await _client.GetByteArrayAsync(new Uri("/articles" + query, UriKind.Relative)))!;
        byte[] Bytes() => Encoding.UTF8.GetBytes(body.ToJsonString());

        contract.Check("GET", "/articles", 200, "application/json", Bytes(), query).Should().BeEmpty();
        contract.Check("GET", "/articles", 200, "application/json", Bytes()).Should()
            .Contain(v => v.JsonPath == "$.items[0].slug" && v.Message.Contains("required"), "without the query, every required property is owed");
        body["items"]![0]!.AsObject().Remove("title");
        contract.Check("GET", "/articles", 200, "application/json", Bytes(), query).Should().ContainSingle()
            .Which.JsonPath.Should().Be("$.items[0].title");
    }

    [Fact]
    public async Task A_real_article_with_an_instant_that_is_not_date_time_is_caught()
    {
        var contract = new OpenApiContract(await _client.GetJsonAsync("/swagger/v1/swagger.json"));
        var article = (await _client.GetJsonAsync("/articles")).GetProperty("items")[0].GetProperty("slug").GetString()!;
        var body = JsonNode.Parse(await _client.GetByteArrayAsync(new Uri($"/articles/{article}", UriKind.Relative)))!;
        contract.Check("GET", "/articles/{idOrSlug}", 200, "application/json", Encoding.UTF8.GetBytes(body.ToJsonString())).Should().BeEmpty();

        body["publishedDateTime"] = "10 December 2021";
        contract.Check("GET", "/articles/{idOrSlug}", 200, "application/json", Encoding.UTF8.GetBytes(body.ToJsonString()))
            .Should().ContainSingle().Which.Should().Match<ContractViolation>(v => v.JsonPath == "$.publishedDateTime" && v.Message.Contains("format date-time"));
    }

    [Fact]
    public async Task A_health_answer_with_a_property_its_closed_schema_does_not_list_is_caught()
    {
        var contract = new OpenApiContract(await _client.GetJsonAsync("/swagger/v1/swagger.json"));
        using var response = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsByteArrayAsync())!;
        var contentType = response.Content.Headers.ContentType?.ToString();
        contract.Check("GET", "/health/live", 200, contentType, Encoding.UTF8.GetBytes(body.ToJsonString())).Should().BeEmpty();

        body["uptime"] = 12;
        contract.Check("GET", "/health/live", 200, contentType, Encoding.UTF8.GetBytes(body.ToJsonString())).Should().ContainSingle()
            .Which.Should().Match<ContractViolation>(v => v.JsonPath == "$.uptime" && v.Message.Contains("additionalProperties false"));
    }

    /// <summary>The answer with its first number (depth first) turned into a string, and that number's path.</summary>
    private static (JsonNode Broken, string Path) Break(JsonNode body) =>
        (body, Replace(body, "$") ?? throw new InvalidOperationException($"no number in {body.ToJsonString()}"));

    private static string? Replace(JsonNode node, string path)
    {
        if (node is JsonObject o)
            foreach (var (key, value) in o.ToList())
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                {
                    o[key] = "not a number";
                    return $"{path}.{key}";
                }
                if (value is not null && Replace(value, $"{path}.{key}") is { } found) return found;
            }
        if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++)
            {
                if (a[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                {
                    a[i] = "not a number";
                    return $"{path}[{i}]";
                }
                if (a[i] is { } item && Replace(item, $"{path}[{i}]") is { } found) return found;
            }
        return null;
    }
}

public sealed class SqliteServedDocumentTests(SeededAppFixture<OnSqlite> seeded) : ServedDocumentTests<OnSqlite>(seeded);

public sealed class PostgresServedDocumentTests(SeededAppFixture<OnPostgres> seeded) : ServedDocumentTests<OnPostgres>(seeded);
