using Microsoft.OpenApi;
using NewsFeed.Api.Reading;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.OpenApi;

/// <summary>Leaves out of the document the parameters an action refuses (<see cref="RefusedQueryParametersAttribute"/>), though its parameter type binds them.</summary>
internal sealed class RefusedParametersUndocumented : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var refused = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RefusedQueryParametersAttribute>().SelectMany(a => a.Names).ToHashSet();
        if (refused.Count == 0 || operation.Parameters is not { } parameters) return;
        foreach (var parameter in parameters.Where(p => p.In == ParameterLocation.Query && refused.Contains(p.Name!)).ToList())
            parameters.Remove(parameter);
    }
}
