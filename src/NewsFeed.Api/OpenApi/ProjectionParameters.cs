using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.OpenApi;

/// <summary>Writes <see cref="ProjectsAttribute"/> into the document as the parameter's <c>x-projection</c> extension.</summary>
internal sealed class ProjectionParameters : IParameterFilter
{
    public const string Extension = "x-projection";

    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (context.PropertyInfo?.GetCustomAttribute<ProjectsAttribute>() is not { } projects || parameter is not OpenApiParameter writable) return;
        writable.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        writable.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create(projects.AnswerProperty));
    }
}
