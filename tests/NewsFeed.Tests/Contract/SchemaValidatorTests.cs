using System.Text;
using System.Text.Json;

namespace NewsFeed.Tests.Contract;

/// <summary>
/// The contract's schema checks, keyword by keyword, on small hand-written OpenAPI documents: for each keyword a body
/// that must pass and one that must fail at the right JSON path, so the validator cannot be silently lax (nor so strict
/// that it refuses what the document allows). <c>'</c> stands for <c>"</c> in the JSON below.
/// </summary>
public sealed class SchemaValidatorTests
{
    private const string Components = """
        {'Named': {'type': 'object', 'properties': {'name': {'type': 'string'}}, 'required': ['name'], 'additionalProperties': false},
         'Self': {'type': 'object', 'properties': {'next': {'$ref': '#/components/schemas/Self'}, 'n': {'type': 'integer'}}}}
        """;

    [Theory]
    [InlineData("{'$ref': '#/components/schemas/Named'}", "{'name': 'a'}")]
    [InlineData("{'$ref': '#/components/schemas/Self'}", "{'next': {'next': {'n': 3}}}")]
    [InlineData("{'type': 'string'}", "'text'")]
    [InlineData("{'type': 'integer'}", "-12")]
    [InlineData("{'type': 'number'}", "1.5")]
    [InlineData("{'type': 'number'}", "7")]
    [InlineData("{'type': 'boolean'}", "false")]
    [InlineData("{'type': 'array'}", "[1, 'a']")]
    [InlineData("{'type': 'object'}", "{}")]
    [InlineData("{}", "null")]
    [InlineData("{'type': 'string', 'nullable': true}", "null")]
    [InlineData("{'allOf': [{'$ref': '#/components/schemas/Named'}], 'nullable': true}", "null")]
    [InlineData("{'type': 'string', 'enum': ['a', 'b'], 'nullable': true}", "null")]
    [InlineData("{'type': 'object', 'required': ['a', 'b']}", "{'a': null, 'b': 0}")]
    [InlineData("{'type': 'object', 'properties': {'a': {'type': 'string'}}}", "{'a': 'x', 'other': 1}")]
    [InlineData("{'type': 'object', 'additionalProperties': {'type': 'integer'}}", "{'x': 1, 'y': 2}")]
    [InlineData("{'type': 'object', 'additionalProperties': {}}", "{'x': [1]}")]
    [InlineData("{'type': 'array', 'items': {'type': 'integer'}}", "[1, 2, 3]")]
    [InlineData("{'type': 'string', 'enum': ['article', 'video']}", "'video'")]
    [InlineData("{'type': 'string', 'format': 'date-time'}", "'2021-12-10T14:30:00Z'")]
    [InlineData("{'type': 'string', 'format': 'date-time'}", "'2021-12-10T14:30:00.1234567+01:00'")]
    [InlineData("{'type': 'string', 'format': 'date'}", "'2020-02-29'")]
    [InlineData("{'type': 'string', 'format': 'uri'}", "'https://example.com/a?b=c#d'")]
    [InlineData("{'type': 'string', 'format': 'uuid'}", "'0f8fad5b-d9cb-469f-a165-70867728950e'")]
    [InlineData("{'type': 'string', 'format': 'an-unknown-format'}", "'anything'")]
    [InlineData("{'type': 'integer', 'format': 'int32'}", "2147483647")]
    [InlineData("{'type': 'integer', 'format': 'int32'}", "-2147483648")]
    [InlineData("{'type': 'integer', 'format': 'int64'}", "9223372036854775807")]
    [InlineData("{'type': 'number', 'format': 'double'}", "1e300")]
    [InlineData("{'allOf': [{'type': 'object', 'required': ['a']}, {'type': 'object', 'required': ['b']}]}", "{'a': 1, 'b': 2}")]
    [InlineData("{'anyOf': [{'type': 'string'}, {'type': 'integer'}]}", "3")]
    [InlineData("{'oneOf': [{'type': 'string'}, {'type': 'integer'}]}", "'x'")]
    [InlineData("{'type': 'integer', 'minimum': 1, 'maximum': 100}", "100")]
    [InlineData("{'type': 'integer', 'minimum': 1, 'maximum': 100}", "1")]
    [InlineData("{'type': 'string', 'minLength': 2, 'maxLength': 3}", "'é😀'")]
    [InlineData("{'type': 'string', 'pattern': '^[a-z]+$'}", "'abc'")]
    public void A_body_the_schema_allows_passes(string schema, string body) =>
        Check(schema, body).Should().BeEmpty();

    [Theory]
    [InlineData("{'$ref': '#/components/schemas/Named'}", "{'name': 5}", "$.name", "the schema says string")]
    [InlineData("{'$ref': '#/components/schemas/Self'}", "{'next': {'next': {'n': 'x'}}}", "$.next.next.n", "the schema says integer")]
    [InlineData("{'type': 'string'}", "5", "$", "the schema says string (not nullable); the number 5 came")]
    [InlineData("{'type': 'integer'}", "1.5", "$", "the schema says integer")]
    [InlineData("{'type': 'integer'}", "1.0", "$", "the schema says integer")]
    [InlineData("{'type': 'integer'}", "1e3", "$", "the schema says integer")]
    [InlineData("{'type': 'number'}", "'1'", "$", "the schema says number")]
    [InlineData("{'type': 'boolean'}", "'true'", "$", "the schema says boolean")]
    [InlineData("{'type': 'array'}", "{}", "$", "the schema says array")]
    [InlineData("{'type': 'object'}", "[]", "$", "the schema says object")]
    [InlineData("{'type': 'string'}", "null", "$", "the schema says string (not nullable); null came")]
    [InlineData("{'$ref': '#/components/schemas/Named'}", "null", "$", "the schema says object (not nullable); null came")]
    [InlineData("{'type': 'string', 'nullable': false}", "null", "$", "null came")]
    [InlineData("{'type': 'object', 'required': ['a', 'b']}", "{'a': 1}", "$.b", "the schema says required; the property is missing")]
    [InlineData("{'$ref': '#/components/schemas/Named'}", "{}", "$.name", "required")]
    [InlineData("{'type': 'object', 'properties': {'a': {'type': 'object', 'properties': {'b c': {'type': 'integer'}}}}}", "{'a': {'b c': true}}", "$.a[\"b c\"]", "the schema says integer")]
    [InlineData("{'$ref': '#/components/schemas/Named'}", "{'name': 'a', 'extra': 1}", "$.extra", "additionalProperties false")]
    [InlineData("{'type': 'object', 'additionalProperties': {'type': 'integer'}}", "{'x': 1, 'y': 'two'}", "$.y", "the schema says integer")]
    [InlineData("{'type': 'array', 'items': {'type': 'integer'}}", "[1, 'two', 3]", "$[1]", "the schema says integer")]
    [InlineData("{'type': 'array', 'items': {'$ref': '#/components/schemas/Named'}}", "[{'name': 'a'}, {}]", "$[1].name", "required")]
    [InlineData("{'type': 'string', 'enum': ['article', 'video']}", "'podcast'", "$", "one of [\"article\", \"video\"]")]
    [InlineData("{'type': 'integer', 'enum': [1, 2]}", "3", "$", "one of [1, 2]")]
    [InlineData("{'type': 'string', 'format': 'date-time'}", "'2021-12-10 14:30:00Z'", "$", "format date-time")]
    [InlineData("{'type': 'string', 'format': 'date-time'}", "'2021-12-10T14:30:00'", "$", "format date-time")]
    [InlineData("{'type': 'string', 'format': 'date-time'}", "'2021-02-30T14:30:00Z'", "$", "format date-time")]
    [InlineData("{'type': 'string', 'format': 'date-time'}", "'2021-12-10'", "$", "format date-time")]
    [InlineData("{'type': 'string', 'format': 'date'}", "'2021-02-30'", "$", "format date")]
    [InlineData("{'type': 'string', 'format': 'date'}", "'2021-12-10T00:00:00Z'", "$", "format date")]
    [InlineData("{'type': 'string', 'format': 'uri'}", "'/articles/1'", "$", "format uri")]
    [InlineData("{'type': 'string', 'format': 'uri'}", "'not a uri'", "$", "format uri")]
    [InlineData("{'type': 'string', 'format': 'uuid'}", "'0f8fad5b'", "$", "format uuid")]
    [InlineData("{'type': 'integer', 'format': 'int32'}", "2147483648", "$", "format int32")]
    [InlineData("{'type': 'integer', 'format': 'int32'}", "-2147483649", "$", "format int32")]
    [InlineData("{'type': 'integer', 'format': 'int64'}", "9223372036854775808", "$", "format int64")]
    [InlineData("{'allOf': [{'type': 'object', 'required': ['a']}, {'type': 'object', 'required': ['b']}]}", "{'a': 1}", "$.b", "required")]
    [InlineData("{'anyOf': [{'type': 'string'}, {'type': 'integer'}]}", "true", "$", "matches none of the 2 anyOf schemas")]
    [InlineData("{'oneOf': [{'type': 'string'}, {'type': 'integer'}]}", "1.5", "$", "matches none of the 2 oneOf schemas")]
    [InlineData("{'oneOf': [{'type': 'number'}, {'type': 'integer'}]}", "2", "$", "matches 2 of the oneOf schemas")]
    [InlineData("{'not': {'type': 'string'}}", "'x'", "$", "matches the schema under not")]
    [InlineData("{'type': 'integer', 'minimum': 1}", "0", "$", "minimum 1")]
    [InlineData("{'type': 'integer', 'maximum': 100}", "101", "$", "maximum 100")]
    [InlineData("{'type': 'integer', 'minimum': 1, 'exclusiveMinimum': true}", "1", "$", "minimum 1 (exclusive)")]
    [InlineData("{'type': 'string', 'minLength': 2}", "'😀'", "$", "minLength 2")]
    [InlineData("{'type': 'string', 'maxLength': 1}", "'ab'", "$", "maxLength 1")]
    [InlineData("{'type': 'string', 'pattern': '^[a-z]+$'}", "'ab1'", "$", "pattern")]
    [InlineData("{'type': 'array', 'minItems': 1}", "[]", "$", "minItems 1")]
    public void A_body_the_schema_refuses_is_reported_at_its_path(string schema, string body, string path, string message)
    {
        var violations = Check(schema, body);
        violations.Should().ContainSingle().Which.Should().Match<ContractViolation>(v => v.JsonPath == path && v.Message.Contains(message));
    }

    [Fact]
    public void Every_violation_in_a_body_is_reported_not_only_the_first()
    {
        var violations = Check("{'type': 'array', 'items': {'$ref': '#/components/schemas/Named'}}", "[{'name': 1}, {'extra': true}, {'name': 'ok'}]");
        violations.Select(v => v.JsonPath).Should().BeEquivalentTo(["$[0].name", "$[1].name", "$[1].extra"]);
    }

    [Theory]
    [InlineData("{'type': ['string', 'null']}", "null", true)]
    [InlineData("{'type': ['string', 'null']}", "'a'", true)]
    [InlineData("{'type': ['string', 'null']}", "1", false)]
    [InlineData("{'type': 'string', 'nullable': true}", "null", false)]
    [InlineData("{'type': 'null'}", "null", true)]
    [InlineData("{'$ref': '#/components/schemas/Named', 'description': 'a name'}", "{'name': 'a'}", true)]
    [InlineData("{'$ref': '#/components/schemas/Named', 'required': ['other']}", "{'name': 'a'}", false)]
    public void OpenAPI_3_1_allows_null_by_type_arrays_only_and_applies_the_siblings_of_a_ref(string schema, string body, bool passes) =>
        Check(schema, body, "3.1.1").Should().HaveCount(passes ? 0 : 1);

    [Fact]
    public void OpenAPI_3_0_ignores_the_siblings_of_a_ref() =>
        Check("{'$ref': '#/components/schemas/Named', 'required': ['other'], 'nullable': true}", "null").Should().ContainSingle()
            .Which.Message.Should().Be("the schema says object (not nullable); null came");

    private static IReadOnlyList<ContractViolation> Check(string schema, string body, string version = "3.0.4")
    {
        var document = JsonDocument.Parse(Json(
            "{'openapi': '" + version + "', 'paths': {'/x': {'get': {'responses': {'200': {'description': 'ok', " +
            "'content': {'application/json': {'schema': " + schema + "}}}}}}}, 'components': {'schemas': " + Components + "}}")).RootElement;
        return new OpenApiContract(document).Check("GET", "/x", 200, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(Json(body)));
    }

    private static string Json(string text) => text.Replace('\'', '"');
}
