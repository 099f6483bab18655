using System.Text.Json;

namespace NewsFeed.Tests.Generated;

/// <summary>A parameter of an operation as the OpenAPI document describes it.</summary>
public sealed record OpenApiParameter(string Name, string In, string Type, string? Format, bool IsArray, IReadOnlyList<string> Enum);

/// <summary>A GET operation of the app's own OpenAPI document: its path template, parameters and documented statuses.</summary>
public sealed record OpenApiOperation(string Path, IReadOnlyList<OpenApiParameter> Parameters, IReadOnlySet<int> Statuses)
{
    /// <summary>Every GET operation in the document.</summary>
    public static IReadOnlyList<OpenApiOperation> GetsOf(JsonElement document)
    {
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var parameters = get.TryGetProperty("parameters", out var list) ? list.EnumerateArray().Select(Parameter).ToList() : [];
            // "default" and ranges such as "4XX" name no status: the contract does not count them as documenting one.
            var statuses = get.GetProperty("responses").EnumerateObject()
                .Select(r => int.TryParse(r.Name, System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : 0)
                .Where(s => s != 0).ToHashSet();
            operations.Add(new OpenApiOperation(path.Name, parameters, statuses));
        }
        return operations;
    }

    private static OpenApiParameter Parameter(JsonElement p)
    {
        var schema = p.GetProperty("schema");
        var isArray = Text(schema, "type") == "array";
        var item = isArray ? schema.GetProperty("items") : schema;
        var values = item.TryGetProperty("enum", out var e) ? e.EnumerateArray().Select(v => v.ToString()).ToList() : [];
        return new OpenApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, Text(item, "type") ?? "string",
            Text(item, "format"), isArray, values);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
