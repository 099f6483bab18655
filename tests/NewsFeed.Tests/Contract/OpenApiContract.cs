using System.Text;
using System.Text.Json;

namespace NewsFeed.Tests.Contract;

/// <summary>
/// The app's OpenAPI document as served, as a contract an answer is checked against: the status must be listed for the
/// operation (a <c>default</c> or <c>4XX</c> entry does not count: a client generated from the document knows only the
/// statuses it names), the media type listed for that status, and a JSON body must match that media type's schema.
/// Bodies that are not JSON (feeds in XML, Markdown, gzip) are checked for status and media type only.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonElement _document;
    private readonly SchemaValidator _schemas;

    public OpenApiContract(JsonElement document)
    {
        _document = document;
        var version = document.TryGetProperty("openapi", out var v) ? v.GetString() ?? "" : "";
        if (!version.StartsWith("3.0", StringComparison.Ordinal) && !version.StartsWith("3.1", StringComparison.Ordinal))
            throw new ArgumentException($"OpenAPI {version} is not 3.0 or 3.1, the versions this contract reads.", nameof(document));
        _schemas = new SchemaValidator(document, nullableKeyword: version.StartsWith("3.0", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every way the answer (status, content type as sent, body) breaks the document for the operation. The request's
    /// query matters only where a parameter is documented as a projection (<c>x-projection</c>: a sparse fieldset).
    /// </summary>
    public IReadOnlyList<ContractViolation> Check(string method, string pathTemplate, int status, string? contentType, ReadOnlySpan<byte> body,
        string? query = null)
    {
        var operation = $"{method.ToUpperInvariant()} {pathTemplate}";
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        var violations = new List<ContractViolation>();
        void Add(string path, string message) => violations.Add(new ContractViolation(operation, status, mediaType, path, message));

        if (!_document.GetProperty("paths").TryGetProperty(pathTemplate, out var pathItem)
            || !pathItem.TryGetProperty(method.ToLowerInvariant(), out var op))
        {
            Add("$", "the operation is not in the document");
            return violations;
        }
        var responses = op.GetProperty("responses");
        if (!responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
        {
            Add("$", $"status {status} is not documented (documented: {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))})");
            return violations;
        }
        response = _schemas.Resolve(response);
        var documented = response.TryGetProperty("content", out var content) ? content.EnumerateObject().ToList() : [];
        if (mediaType is null)
        {
            if (body.Length > 0) Add("$", $"a body of {body.Length} bytes came with no content type");
            else if (documented.Count > 0) Add("$", $"no body came; the document promises {string.Join(", ", documented.Select(m => m.Name))}");
            return violations;
        }
        if (documented.Count == 0)
        {
            Add("$", body.Length == 0 ? $"content type {mediaType} came (with no body); the document says this status has no content"
                : $"a {mediaType} body came; the document says this status has no content");
            return violations;
        }
        var match = documented.Where(m => m.Name.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Concat(documented.Where(m => Covers(m.Name, mediaType))).Select(m => (JsonProperty?)m).FirstOrDefault();
        if (match is not { } media)
        {
            Add("$", $"media type {mediaType} is not documented for status {status} (documented: {string.Join(", ", documented.Select(m => m.Name))})");
            return violations;
        }
        if (!IsJson(mediaType) || !media.Value.TryGetProperty("schema", out var schema)) return violations;

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            Add("$", $"the {mediaType} body is not JSON ({e.Message}): {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 120)])}");
            return violations;
        }
        using (parsed)
            foreach (var (path, message) in _schemas.Validate(parsed.RootElement, schema, "$", ProjectionOf(op, query)))
                Add(path, message);
        return violations;
    }

    /// <summary>
    /// Every (status, media type) the document lists for the operation, a null media type for a status with no content:
    /// what a run can be compared with to find what the document promises and the server never answers.
    /// </summary>
    public IEnumerable<(int Status, string? MediaType)> DocumentedAnswers(string method, string pathTemplate)
    {
        var responses = _document.GetProperty("paths").GetProperty(pathTemplate).GetProperty(method.ToLowerInvariant()).GetProperty("responses");
        foreach (var response in responses.EnumerateObject())
        {
            if (!int.TryParse(response.Name, System.Globalization.CultureInfo.InvariantCulture, out var status)) continue;
            var documented = _schemas.Resolve(response.Value).TryGetProperty("content", out var content) ? content.EnumerateObject().Select(m => m.Name).ToList() : [];
            if (documented.Count == 0) yield return (status, null);
            foreach (var mediaType in documented) yield return (status, mediaType);
        }
    }

    /// <summary>The sparse fieldset the query asks for, when the operation documents a parameter as <c>x-projection</c>.</summary>
    private SchemaValidator.Projection? ProjectionOf(JsonElement operation, string? query)
    {
        if (string.IsNullOrEmpty(query) || !operation.TryGetProperty("parameters", out var parameters)) return null;
        var projecting = parameters.EnumerateArray().Select(_schemas.Resolve)
            .FirstOrDefault(p => p.TryGetProperty("x-projection", out _));
        if (projecting.ValueKind != JsonValueKind.Object) return null;
        // The first value, as the server binds a single-valued parameter given twice.
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .GetValueOrDefault(projecting.GetProperty("name").GetString()!).FirstOrDefault();
        return string.IsNullOrWhiteSpace(fields) ? null : new SchemaValidator.Projection(projecting.GetProperty("x-projection").GetString()!,
            fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>A media range of the document (<c>application/*</c>, <c>*/*</c>) that takes the media type sent.</summary>
    private static bool Covers(string range, string mediaType) =>
        range == "*/*" || (range.EndsWith("/*", StringComparison.Ordinal) && mediaType.StartsWith(range[..^1], StringComparison.OrdinalIgnoreCase));

    private static bool IsJson(string mediaType) =>
        mediaType is "application/json" or "text/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);
}
