using System.Reflection;
using Microsoft.OpenApi;

namespace NewsFeed.Api.OpenApi;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json and Swagger UI. The document is strict enough for Redocly's and
/// Spectral's recommended rules and for generated clients (tests/contract-js): operation ids, required properties,
/// the media types and statuses the code really answers, and security per operation.
/// </summary>
internal static class OpenApiServices
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddNewsFeedOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "NewsFeed",
                Version = DocumentName,
                Description = "News articles imported from front-matter files, served as filtered, searchable, paged JSON, as feeds and as exports.",
                Contact = new OpenApiContact { Name = "NewsFeed maintainers" },
                // The repository has no LICENSE file and no public URL (see tests/contract-js/redocly.yaml).
                License = new OpenApiLicense { Name = "Proprietary" },
            });
            // Relative: the instance that served the document, whatever name, scheme or proxy the client reached it by.
            o.AddServer(new OpenApiServer { Url = "/", Description = "The instance serving this document." });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            // Controllers' summaries become the descriptions of their tags.
            if (File.Exists(xml)) o.IncludeXmlComments(xml, includeControllerXmlComments: true);
            ImportSwagger.Configure(o);
            o.OperationFilter<ProblemResponses>();
            o.OperationFilter<RefusedParametersUndocumented>();
            o.SchemaFilter<RequiredProperties>();
            o.ParameterFilter<ProjectionParameters>();
        });
        return services;
    }

    public static WebApplication UseNewsFeedOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "NewsFeed API");
        return app;
    }
}
