using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.Errors;

/// <summary>
/// Documents the answers every operation can give whatever its own attributes say: 400 for text no engine accepts
/// (<see cref="RefuseUnstorableText"/>) and 503 when the database is unavailable (<see cref="ProblemExceptionHandler"/>).
/// </summary>
internal sealed class ProblemResponses : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        Add(operation, context, "400", "A parameter is invalid, or a path segment or parameter holds a NUL character.");
        Add(operation, context, "503", "The database is unavailable, or another import holds the writer for too long: try again after Retry-After seconds.");
    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
