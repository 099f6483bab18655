using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using NewsFeed.Api.Errors;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.OpenApi;

/// <summary>
/// Documents the answers every operation can give whatever its own attributes say: 400 for an unknown query parameter
/// or text no engine accepts (<see cref="RefuseUnstorableText"/>) and 503 when the database is unavailable
/// (<see cref="ProblemExceptionHandler"/>), except where <see cref="TouchesNoDatabaseAttribute"/> says it cannot be.
/// Then gives every answer the one media type it is really sent with: an error is only ever problem details, and a
/// success never is; JSON goes out as application/json, never text/plain or text/json.
/// </summary>
internal sealed class ProblemResponses : IOperationFilter
{
    private const string Problem = "application/problem+json";
    private static readonly string[] NeverSent = [Problem, "text/plain", "text/json"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        Add(operation, context, "400", "A parameter is invalid or unknown, or holds a NUL character: errors names it.", typeof(ValidationProblemDetails));
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<TouchesNoDatabaseAttribute>().Any())
            Add(operation, context, "503", "The database is unavailable, or another import holds the writer for too long: try again after Retry-After seconds.", typeof(ProblemDetails));
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse { Content: { Count: > 0 } content }) continue;
            if (status[0] is '4' or '5')
            {
                var schema = content.TryGetValue(Problem, out var problem) ? problem : content.Values.First();
                content.Clear();
                content[Problem] = schema;
            }
            else
            {
                foreach (var type in NeverSent) content.Remove(type);
            }
        }
    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, string status, string description, Type problem)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        var schema = context.SchemaGenerator.GenerateSchema(problem, context.SchemaRepository);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [Problem] = new OpenApiMediaType { Schema = schema } },
        };
    }
}

/// <summary>Marks an action that never reads the database, so it is never answered 503 for the database being down.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TouchesNoDatabaseAttribute : Attribute;
