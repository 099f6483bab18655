using System.Text.Json;
using NewsFeed.Tests.Cli;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// The document served at /swagger/v1/swagger.json as the tools frontend developers use read it: Redocly's recommended
/// rules and Spectral's spectral:oas find nothing, and it says what the code really does (required properties,
/// operation ids, media types, security, examples). The document does not depend on the engine: SQLite is enough.
/// </summary>
public sealed class OpenApiContractTests : IAsyncLifetime
{
    private NewsFeedApp _app = null!;
    private JsonElement _doc;

    public async Task InitializeAsync()
    {
        _app = await NewsFeedApp.StartAsync(Engine.Sqlite);
        await _app.ImportAsync(RepoPaths.SeedFile);
        _doc = await _app.CreateClient().GetJsonAsync("/swagger/v1/swagger.json");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Redocly_recommended_finds_no_error_and_no_warning()
    {
        var file = await SaveDocumentAsync();

        var lint = await NpmFolder.ContractJs.ToolAsync("redocly", "lint", file, "--format=json");

        using var report = JsonDocument.Parse(lint.Stdout);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}");
        problems.Should().BeEmpty();
        lint.ExitCode.Should().Be(0, lint.Stderr);
    }

    [Fact]
    public async Task Spectral_oas_finds_no_problem_of_any_severity()
    {
        var file = await SaveDocumentAsync();

        var lint = await NpmFolder.ContractJs.ToolAsync("spectral", "lint", file, "--format=json", "--fail-severity=hint", "--quiet");

        using var report = JsonDocument.Parse(lint.Stdout);
        var problems = report.RootElement.EnumerateArray()
            .Select(p => $"{p.GetProperty("code").GetString()}: {p.GetProperty("message").GetString()} at {string.Join('.', p.GetProperty("path").EnumerateArray())}");
        problems.Should().BeEmpty();
        lint.ExitCode.Should().Be(0, lint.Stderr);
    }

    [Fact]
    public void Every_operation_has_a_stable_operation_id_a_summary_and_a_description()
    {
        var operations = Operations().ToList();

        operations.Select(o => $"{o.Method} {o.Path} {o.Operation.GetProperty("operationId").GetString()}").Should().BeEquivalentTo(
            "get /articles listArticles", "get /articles/{idOrSlug} getArticle", "get /articles/{idOrSlug}/related listRelatedItems",
            "get /articles/{idOrSlug}/source getArticleSource", "get /export exportArticles", "get /feeds/rss getRssFeed",
            "get /feeds/atom getAtomFeed", "get /feeds/json getJsonFeed", "get /health/live getLiveness", "get /health/ready getReadiness",
            "post /import importArticles", "get /imports listImports", "get /imports/{id} getImport", "delete /imports/{id} cancelImport",
            "get /providers listProviders", "get /providers/{domain} getProvider", "get /topics listTopics", "get /topics/{slug} getTopic");
        foreach (var (method, path, operation) in operations)
        {
            operation.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace($"{method} {path}");
            operation.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace($"{method} {path}");
        }
    }

    [Fact]
    public void Public_operations_need_no_key_and_import_operations_need_the_api_key()
    {
        foreach (var (method, path, operation) in Operations())
        {
            var security = operation.GetProperty("security").EnumerateArray().Select(s => string.Join(',', s.EnumerateObject().Select(p => p.Name))).ToList();
            if (path.StartsWith("/import", StringComparison.Ordinal))
            {
                security.Should().Equal(["ApiKey"], $"{method} {path}");
                Statuses(operation).Should().Contain(["401", "403", "429"], $"{method} {path}");
            }
            else
            {
                security.Should().BeEmpty($"{method} {path}");
                Statuses(operation).Should().NotContain(["401", "403"], $"{method} {path}");
            }
        }
    }

    [Fact]
    public void Every_answer_has_the_media_type_it_really_uses()
    {
        foreach (var (method, path, operation) in Operations())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                var at = $"{method} {path} {response.Name}";
                var types = MediaTypes(response.Value);
                if (response.Name == "304") types.Should().BeEmpty(at);
                else if (response.Name[0] is '4' or '5') types.Should().Equal(["application/problem+json"], at);
                else types.Should().NotContain(["application/problem+json", "text/plain", "text/json"], at);
            }
        }

        string[] Ok(string path) => MediaTypes(Operation(path).GetProperty("responses").GetProperty("200"));
        Ok("/feeds/rss").Should().Equal("application/rss+xml");
        Ok("/feeds/atom").Should().Equal("application/atom+xml");
        Ok("/feeds/json").Should().Equal("application/feed+json");
        Ok("/articles/{idOrSlug}/source").Should().Equal("text/markdown");
        Ok("/export").Should().Equal("application/gzip");
        Ok("/articles").Should().Equal("application/json");
        Operation("/articles/{idOrSlug}/source").GetProperty("responses").GetProperty("200").GetProperty("content")
            .GetProperty("text/markdown").GetProperty("schema").GetProperty("type").GetString().Should().Be("string");
    }

    [Fact]
    public void Every_operation_documents_the_statuses_its_code_paths_answer()
    {
        // ReadResponseCache answers If-None-Match under these prefixes; /health/live never touches the database.
        string[] withETag = ["/articles", "/feeds/", "/providers", "/topics"];
        foreach (var (method, path, operation) in Operations())
        {
            Statuses(operation).Contains("304").Should().Be(withETag.Any(path.StartsWith), $"{method} {path}");
            Statuses(operation).Should().Contain("400", $"{method} {path}: unknown query parameters and NUL characters");
            Statuses(operation).Contains("503").Should().Be(path != "/health/live", $"{method} {path}");
        }
        Statuses(Operation("/import", "post")).Should().Contain(["200", "202", "413", "415", "422"]);
        Statuses(Operation("/imports/{id}", "delete")).Should().Contain(["404", "409"]);
    }

    [Fact]
    public void Every_parameter_has_a_description_and_an_example_and_dates_have_their_format()
    {
        foreach (var (method, path, operation) in Operations())
        {
            foreach (var parameter in operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : default)
            {
                var at = $"{method} {path} {parameter.GetProperty("name").GetString()}";
                parameter.TryGetProperty("description", out var description).Should().BeTrue(at);
                description.GetString().Should().NotBeNullOrWhiteSpace(at);
                parameter.TryGetProperty("example", out _).Should().BeTrue(at);
            }
        }
        string Format(string name) => Operation("/articles").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema").GetProperty("format").GetString()!;
        Format("from").Should().Be("date-time");
        Format("to").Should().Be("date-time");
        Format("updatedSince").Should().Be("date-time");
        Format("changedSince").Should().Be("int64");
    }

    [Fact]
    public void The_document_names_its_server_license_contact_and_describes_every_tag()
    {
        // Relative to the document: the instance that served it, under whatever name, scheme or proxy.
        _doc.GetProperty("servers")[0].GetProperty("url").GetString().Should().Be("/");
        _doc.GetProperty("info").GetProperty("license").GetProperty("name").GetString().Should().NotBeNullOrEmpty();
        _doc.GetProperty("info").GetProperty("contact").GetProperty("name").GetString().Should().NotBeNullOrEmpty();
        foreach (var tag in _doc.GetProperty("tags").EnumerateArray())
            tag.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace(tag.GetProperty("name").GetString());
    }

    [Fact]
    public void Properties_always_written_are_required_and_those_left_out_when_null_are_optional_and_never_null()
    {
        var schemas = _doc.GetProperty("components").GetProperty("schemas");
        string[] Required(string schema) => [.. schemas.GetProperty(schema).GetProperty("required").EnumerateArray().Select(r => r.GetString()!)];

        Required("ArticleSummary").Should().BeEquivalentTo("id", "slug", "title", "publishedDateTime", "topics", "images", "removed", "relatedCount", "updatedAt", "changeNumber");
        Required("ArticlePage").Should().BeEquivalentTo("items", "pageSize", "totalCount", "totalCountIsExact", "totalPages");
        Required("Article").Should().Contain(["id", "slug", "title", "body", "related", "importedAt", "changeNumber"]).And.NotContain(["excerpt", "extra"]);
        Required("RelatedItem").Should().BeEquivalentTo("images");
        Required("ProviderRef").Should().BeEquivalentTo("domain", "images");
        foreach (var schema in schemas.EnumerateObject())
        {
            foreach (var property in schema.Value.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : default)
                property.Value.TryGetProperty("nullable", out _).Should().BeFalse($"{schema.Name}.{property.Name} is left out when null, never written as null");
        }
    }

    [Theory]
    [InlineData("/articles")]
    [InlineData("/feeds/json")]
    [InlineData("/providers")]
    public async Task The_examples_sent_together_as_swagger_ui_try_it_out_sends_them_find_the_sample_article(string path)
    {
        var parameters = Operation(path).GetProperty("parameters").EnumerateArray().ToList();
        var query = string.Join('&', parameters.SelectMany(p => Values(p.GetProperty("example")).Select(v => $"{p.GetProperty("name").GetString()}={Uri.EscapeDataString(v)}")));

        var answer = await _app.CreateClient().GetStringAsync($"{path}?{query}");

        answer.Should().Contain(path == "/providers" ? "wsj.com" : "Chinese AI Giant SenseTime Delays IPO", query);
    }

    [Theory]
    [InlineData("page=2", "page")]
    [InlineData("pageSize=10", "pageSize")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("topic=AI&page=1&pageSize=5", "page")]
    public async Task Export_refuses_paging_parameters_because_it_streams_every_match(string query, string parameter)
    {
        var message = await _app.CreateClient().GetBadRequestAsync($"/export?{query}", parameter);

        message.Should().Contain(parameter).And.Contain("every");
    }

    [Fact]
    public void Export_documents_no_paging_parameter()
    {
        Operation("/export").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .Should().NotContain(["page", "pageSize", "cursor"]);
        Operation("/export").GetProperty("description").GetString().Should().Contain("every");
    }

    private async Task<string> SaveDocumentAsync()
    {
        var file = Path.Combine(Corpus.NewScratchFolder(), "swagger.json");
        await File.WriteAllTextAsync(file, _doc.GetRawText());
        return file;
    }

    private IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
        from path in _doc.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        select (operation.Name, path.Name, operation.Value);

    private JsonElement Operation(string path, string method = "get") => _doc.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<string> Values(JsonElement example) =>
        example.ValueKind == JsonValueKind.Array ? example.EnumerateArray().SelectMany(Values)
        : example.ValueKind == JsonValueKind.String ? [example.GetString()!]
        : [example.GetRawText()];

    private static string[] Statuses(JsonElement operation) => [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name)];

    private static string[] MediaTypes(JsonElement response) =>
        response.TryGetProperty("content", out var content) ? [.. content.EnumerateObject().Select(c => c.Name)] : [];
}
