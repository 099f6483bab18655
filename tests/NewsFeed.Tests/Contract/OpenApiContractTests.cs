using System.Text;
using System.Text.Json;

namespace NewsFeed.Tests.Contract;

/// <summary>
/// The contract's checks before the schema: the status must be listed for the operation (not by <c>default</c> or a
/// range), the media type for that status, a JSON body must be JSON, and a non-JSON body is checked no further.
/// </summary>
public sealed class OpenApiContractTests
{
    private static readonly OpenApiContract Contract = new(JsonDocument.Parse("""
        {"openapi": "3.0.4", "paths": {
          "/articles": {"get": {"responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "required": ["items"]}}}},
            "304": {"description": "not modified"},
            "400": {"$ref": "#/components/responses/Problem"},
            "4XX": {"$ref": "#/components/responses/Problem"},
            "default": {"$ref": "#/components/responses/Problem"}}}},
          "/feeds/rss": {"get": {"responses": {
            "200": {"description": "ok", "content": {"application/rss+xml": {"schema": {"type": "string"}}}},
            "404": {"description": "any", "content": {"application/*": {}}}}}}},
         "components": {"responses": {"Problem": {"description": "problem",
            "content": {"application/problem+json": {"schema": {"type": "object", "properties": {"status": {"type": "integer"}}}}}}}}}
        """).RootElement);

    [Theory]
    [InlineData("/articles", 200, "application/json; charset=utf-8", "{\"items\": []}")]
    [InlineData("/articles", 200, "Application/JSON", "{\"items\": []}")]
    [InlineData("/articles", 304, null, "")]
    [InlineData("/articles", 400, "application/problem+json", "{\"status\": 400}")]
    [InlineData("/feeds/rss", 200, "application/rss+xml; charset=utf-8", "<rss><not-checked-against-a-schema/>")]
    [InlineData("/feeds/rss", 404, "application/xml", "<anything/>")]
    public void A_documented_answer_passes(string path, int status, string? contentType, string body) =>
        Contract.Check("GET", path, status, contentType, Encoding.UTF8.GetBytes(body)).Should().BeEmpty();

    [Theory]
    [InlineData("GET", "/articles", 404, "application/problem+json", "{}", "status 404 is not documented (documented: 200, 304, 400, 4XX, default)")]
    [InlineData("GET", "/articles", 500, "application/problem+json", "{}", "status 500 is not documented")]
    [InlineData("POST", "/articles", 200, "application/json", "{}", "the operation is not in the document")]
    [InlineData("GET", "/nowhere", 200, "application/json", "{}", "the operation is not in the document")]
    [InlineData("GET", "/articles", 200, "text/plain", "{\"items\": []}", "media type text/plain is not documented for status 200 (documented: application/json)")]
    [InlineData("GET", "/articles", 400, "application/json", "{}", "media type application/json is not documented for status 400")]
    [InlineData("GET", "/articles", 200, null, "", "no body came; the document promises application/json")]
    [InlineData("GET", "/articles", 200, null, "{}", "a body of 2 bytes came with no content type")]
    [InlineData("GET", "/articles", 304, "application/json", "{}", "a application/json body came; the document says this status has no content")]
    [InlineData("GET", "/articles", 304, "application/json", "", "content type application/json came (with no body); the document says this status has no content")]
    [InlineData("GET", "/articles", 200, "application/json", "{\"items\": [", "the application/json body is not JSON")]
    [InlineData("GET", "/articles", 200, "application/json", "", "the application/json body is not JSON")]
    [InlineData("GET", "/articles", 200, "application/json", "{}", "the schema says required")]
    [InlineData("GET", "/articles", 400, "application/problem+json", "{\"status\": \"400\"}", "the schema says integer")]
    [InlineData("GET", "/feeds/rss", 200, "application/atom+xml", "<feed/>", "media type application/atom+xml is not documented")]
    [InlineData("GET", "/feeds/rss", 404, "text/html", "<html/>", "media type text/html is not documented")]
    public void An_undocumented_answer_is_reported(string method, string path, int status, string? contentType, string body, string message) =>
        Contract.Check(method, path, status, contentType, Encoding.UTF8.GetBytes(body)).Should().ContainSingle()
            .Which.Message.Should().Contain(message);

    [Fact]
    public void A_violation_names_the_operation_status_media_type_and_path()
    {
        var violation = Contract.Check("get", "/articles", 400, "application/problem+json; charset=utf-8", "{\"status\": 4.5}"u8).Single();
        violation.Should().Be(new ContractViolation("GET /articles", 400, "application/problem+json", "$.status",
            "the schema says integer (not nullable); the number 4.5 came"));
    }

    [Fact]
    public void A_document_of_another_version_is_refused() =>
        FluentActions.Invoking(() => new OpenApiContract(JsonDocument.Parse("{\"swagger\": \"2.0\", \"paths\": {}}").RootElement))
            .Should().Throw<ArgumentException>().WithMessage("*not 3.0 or 3.1*");
}
