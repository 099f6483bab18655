using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.OpenApi;

/// <summary>
/// Says in each object schema which properties are always there, from the C# nullability of the type's properties:
/// the API writes JSON with <see cref="JsonIgnoreCondition.WhenWritingNull"/>, so a non-nullable property is always
/// written (required) and a nullable one is left out when null (optional). Neither is ever written as null, so no
/// property is nullable: a generated client gets <c>title: string</c> and <c>excerpt?: string</c>.
/// </summary>
internal sealed class RequiredProperties : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } target) return;
        var nullability = new NullabilityInfoContext();
        foreach (var member in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            if (!properties.TryGetValue(name, out var property)) continue;
            if (property is OpenApiSchema { Type: { } type } concrete) concrete.Type = type & ~JsonSchemaType.Null;
            if (nullability.Create(member).ReadState == NullabilityState.Nullable) target.Required?.Remove(name);
            else (target.Required ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        }
    }
}
