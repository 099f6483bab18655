using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsFeed.Tests.Contract;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI document, every violation with its JSON path. Written here rather
/// than taken from a JSON Schema library because OpenAPI 3.0 schemas are not JSON Schema: <c>nullable</c> is a keyword
/// the libraries do not know (they would refuse every null, or with it ignored, let every null through), and a
/// <c>$ref</c>'s siblings must be ignored. With <paramref name="nullableKeyword"/> false (OpenAPI 3.1) null is allowed
/// only by <c>"null"</c> in a type array and a <c>$ref</c>'s siblings apply too. Unknown formats are annotations, as
/// JSON Schema says; the ones a generated client types by (<c>date-time</c>, <c>date</c>, <c>uri</c>, <c>uuid</c>,
/// <c>int32</c>, <c>int64</c>) are checked.
/// </summary>
public sealed partial class SchemaValidator(JsonElement document, bool nullableKeyword)
{
    private readonly ConcurrentDictionary<string, JsonElement> _pointers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>The node itself, or what its <c>$ref</c> points to (for responses and parameters, replaced whole).</summary>
    public JsonElement Resolve(JsonElement node)
    {
        for (var hops = 0; node.ValueKind == JsonValueKind.Object && node.TryGetProperty("$ref", out var r); hops++)
        {
            if (hops > 32) throw new InvalidOperationException($"$ref {r} goes round in circles.");
            node = Pointer(r.GetString()!);
        }
        return node;
    }

    /// <summary>
    /// Every violation of the schema by the value, as (JSON path, what the schema says against what came). With a
    /// <paramref name="projection"/> (a sparse fieldset the request asked for), an object at one of its paths is held
    /// to <c>required</c> only for the properties asked for.
    /// </summary>
    public IReadOnlyList<(string Path, string Message)> Validate(JsonElement value, JsonElement schema, string path, Projection? projection = null)
    {
        var errors = new Findings(projection);
        Check(value, schema, path, errors);
        return errors;
    }

    /// <summary>The objects at <c>$.{Property}[n]</c> keep only <see cref="Fields"/>: required applies to those alone.</summary>
    public sealed record Projection(string Property, IReadOnlySet<string> Fields)
    {
        public bool Applies(string path)
        {
            var prefix = $"$.{Property}[";
            return path.Length > prefix.Length + 1 && path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(']')
                && path[prefix.Length..^1].All(char.IsAsciiDigit);
        }
    }

    /// <summary>The violations found so far, and the projection the whole value is read under.</summary>
    private sealed class Findings(Projection? projection) : List<(string, string)>
    {
        public Projection? Projection { get; } = projection;
    }

    private void Check(JsonElement value, JsonElement schema, string path, Findings errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add((path, $"the schema allows nothing here; {Describe(value)} came"));
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Pointer(reference.GetString()!), path, errors);
            if (nullableKeyword) return;
        }
        if (value.ValueKind == JsonValueKind.Null && nullableKeyword && schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True) return;
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type))
        {
            errors.Add((path, $"the schema says {Types(type)}{(nullableKeyword ? " (not nullable)" : "")}; {Describe(value)} came"));
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
            errors.Add((path, $"the schema says one of {values.GetRawText()}; {Describe(value)} came"));
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            errors.Add((path, $"the schema says {constant.GetRawText()}; {Describe(value)} came"));

        switch (value.ValueKind)
        {
            case JsonValueKind.String: CheckString(value.GetString()!, schema, path, errors); break;
            case JsonValueKind.Number: CheckNumber(value, schema, path, errors); break;
            case JsonValueKind.Object: CheckObject(value, schema, path, errors); break;
            case JsonValueKind.Array: CheckArray(value, schema, path, errors); break;
        }
        CheckCombinations(value, schema, path, errors);
    }

    private void CheckCombinations(JsonElement value, JsonElement schema, string path, Findings errors)
    {
        if (schema.TryGetProperty("allOf", out var all))
            foreach (var part in all.EnumerateArray()) Check(value, part, path, errors);
        if (schema.TryGetProperty("anyOf", out var any))
        {
            var outcomes = any.EnumerateArray().Select(part => Validate(value, part, path, errors.Projection)).ToList();
            if (outcomes.All(o => o.Count > 0))
                errors.Add((path, $"matches none of the {outcomes.Count} anyOf schemas ({FirstReasons(outcomes)}); {Describe(value)} came"));
        }
        if (schema.TryGetProperty("oneOf", out var one))
        {
            var outcomes = one.EnumerateArray().Select(part => Validate(value, part, path, errors.Projection)).ToList();
            var matched = outcomes.Count(o => o.Count == 0);
            if (matched != 1)
                errors.Add((path, matched == 0
                    ? $"matches none of the {outcomes.Count} oneOf schemas ({FirstReasons(outcomes)}); {Describe(value)} came"
                    : $"matches {matched} of the oneOf schemas, not exactly one; {Describe(value)} came"));
        }
        if (schema.TryGetProperty("not", out var not) && Validate(value, not, path, errors.Projection).Count == 0)
            errors.Add((path, $"matches the schema under not; {Describe(value)} came"));
    }

    private void CheckString(string text, JsonElement schema, string path, Findings errors)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
            errors.Add((path, $"the schema says minLength {min.GetInt32()}; {length} characters came"));
        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
            errors.Add((path, $"the schema says maxLength {max.GetInt32()}; {length} characters came"));
        if (schema.TryGetProperty("pattern", out var pattern)
            && !_patterns.GetOrAdd(pattern.GetString()!, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(text))
            errors.Add((path, $"the schema says pattern {pattern.GetString()}; {Quote(text)} came"));
        if (schema.TryGetProperty("format", out var format) && !StringFormatHolds(format.GetString(), text))
            errors.Add((path, $"the schema says format {format.GetString()}; {Quote(text)} came"));
    }

    private static bool StringFormatHolds(string? format, string text) => format switch
    {
        "date-time" => DateTimePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        // Uri alone takes "/a/b" as an absolute file path on Unix: a URI must start with its scheme.
        "uri" => SchemePattern().IsMatch(text) && Uri.TryCreate(text, UriKind.Absolute, out _),
        "uuid" => Guid.TryParseExact(text, "D", out _),
        _ => true,
    };

    private static void CheckNumber(JsonElement value, JsonElement schema, string path, Findings errors)
    {
        var raw = value.GetRawText();
        if (schema.TryGetProperty("format", out var format) && format.GetString() is "int32" or "int64")
        {
            var (low, high) = format.GetString() == "int32" ? ((decimal)int.MinValue, (decimal)int.MaxValue) : (long.MinValue, long.MaxValue);
            if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < low || number > high)
                errors.Add((path, $"the schema says format {format.GetString()}; {raw} is out of its range"));
        }
        var n = value.GetDouble();
        var exclusiveMin = schema.TryGetProperty("exclusiveMinimum", out var em) && em.ValueKind == JsonValueKind.True;
        var exclusiveMax = schema.TryGetProperty("exclusiveMaximum", out var eM) && eM.ValueKind == JsonValueKind.True;
        if (schema.TryGetProperty("minimum", out var min) && (n < min.GetDouble() || (exclusiveMin && n <= min.GetDouble())))
            errors.Add((path, $"the schema says minimum {min.GetRawText()}{(exclusiveMin ? " (exclusive)" : "")}; {raw} came"));
        if (schema.TryGetProperty("maximum", out var max) && (n > max.GetDouble() || (exclusiveMax && n >= max.GetDouble())))
            errors.Add((path, $"the schema says maximum {max.GetRawText()}{(exclusiveMax ? " (exclusive)" : "")}; {raw} came"));
        // OpenAPI 3.1 (JSON Schema 2020-12) gives the bound itself as the exclusive keyword's value.
        if (em.ValueKind == JsonValueKind.Number && n <= em.GetDouble())
            errors.Add((path, $"the schema says exclusiveMinimum {em.GetRawText()}; {raw} came"));
        if (eM.ValueKind == JsonValueKind.Number && n >= eM.GetDouble())
            errors.Add((path, $"the schema says exclusiveMaximum {eM.GetRawText()}; {raw} came"));
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, Findings errors)
    {
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _) && (errors.Projection is not { } projected || !projected.Applies(path) || projected.Fields.Contains(name)))
                    errors.Add((Child(path, name), "the schema says required; the property is missing"));
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
                Check(property.Value, propertySchema, Child(path, property.Name), errors);
            else if (hasAdditional && additional.ValueKind == JsonValueKind.False)
                errors.Add((Child(path, property.Name), "the schema says additionalProperties false; an undocumented property came"));
            else if (hasAdditional)
                Check(property.Value, additional, Child(path, property.Name), errors);
        }
    }

    private void CheckArray(JsonElement value, JsonElement schema, string path, Findings errors)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
            errors.Add((path, $"the schema says minItems {min.GetInt32()}; {count} items came"));
        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
            errors.Add((path, $"the schema says maxItems {max.GetInt32()}; {count} items came"));
        if (!schema.TryGetProperty("items", out var items)) return;
        var index = 0;
        foreach (var item in value.EnumerateArray()) Check(item, items, $"{path}[{index++}]", errors);
    }

    private static bool TypeMatches(JsonElement value, JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => TypeMatches(value, t.GetString()))
        : TypeMatches(value, type.GetString());

    private static bool TypeMatches(JsonElement value, string? type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "string" => value.ValueKind == JsonValueKind.String,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "number" => value.ValueKind == JsonValueKind.Number,
        // An integer is written without a fraction or exponent: 1.0 or 1e3 from the server means a floating-point value.
        "integer" => value.ValueKind == JsonValueKind.Number && !value.GetRawText().AsSpan().ContainsAny(".eE"),
        _ => throw new InvalidOperationException($"\"{type}\" is not a JSON Schema type."),
    };

    private JsonElement Pointer(string reference) => _pointers.GetOrAdd(reference, r =>
    {
        if (!r.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidOperationException($"$ref {r} is not inside the document.");
        var node = document;
        foreach (var token in r[2..].Split('/'))
        {
            var name = Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (!node.TryGetProperty(name, out node)) throw new InvalidOperationException($"$ref {r} points at nothing.");
        }
        return node;
    });

    private static string FirstReasons(List<IReadOnlyList<(string Path, string Message)>> outcomes) =>
        string.Join("; ", outcomes.Select((o, i) => $"#{i}: {o[0].Message}"));

    private static string Types(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString()!;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        _ => $"the {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}",
    };

    private static string Quote(string text) => JsonSerializer.Serialize(text.Length > 80 ? text[..80] + "…" : text);

    private static string Child(string path, string name) =>
        IdentifierPattern().IsMatch(name) ? $"{path}.{name}" : $"{path}[{JsonSerializer.Serialize(name)}]";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePattern();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierPattern();
}
