using System.Reflection;
using Microsoft.OpenApi;
using NewsFeed.Api.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

using NewsFeed.Api.Imports;

namespace NewsFeed.Api.OpenApi;

/// <summary>Marks the action whose request body is either an upload (multipart) or a server path (JSON).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ImportRequestBodyAttribute : Attribute;

/// <summary>
/// Documents in Swagger what attributes cannot say: the API key (Swagger UI's Authorize button sends it in X-Api-Key on
/// every operation that needs it; every other operation says it needs nothing, <c>security: []</c>) and
/// <c>POST /import</c>'s two kinds of body, read by hand so nothing is bound early.
/// </summary>
public sealed class ImportSwagger : IOperationFilter
{
    public const string Scheme = "ApiKey";

    public static void Configure(SwaggerGenOptions o)
    {
        o.AddSecurityDefinition(Scheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeys.Header,
            Description = "One of the keys configured in Import:ApiKeys (Import__ApiKeys__0 in the environment). Needed by the import endpoints.",
        });
        o.OperationFilter<ImportSwagger>();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.MethodInfo;
        var needsKey = method.GetCustomAttribute<RequireApiKeyAttribute>() is not null || method.DeclaringType?.GetCustomAttribute<RequireApiKeyAttribute>() is not null;
        operation.Security = needsKey ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }] : [];
        if (method.GetCustomAttribute<ImportRequestBodyAttribute>() is null) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "Either files to upload (multipart/form-data, each in a 'files' field: article files, .zip, .tar or " +
                ".tar.gz archives), or a folder on the server (application/json).",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { UploadStaging.FilesField },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [UploadStaging.FilesField] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                                Description = "Article files (.md, .markdown, .txt) and archives (.zip, .tar, .tar.gz).",
                            },
                        },
                    },
                },
                ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(ImportFolderRequest), context.SchemaRepository) },
            },
        };
    }
}
