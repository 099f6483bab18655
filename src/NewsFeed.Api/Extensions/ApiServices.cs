using System.Text.Json.Serialization;
using NewsFeed.Api.Errors;
using NewsFeed.Api.OpenApi;

namespace NewsFeed.Api.Extensions;

/// <summary>Wiring of the web API: controllers, problem details, health checks, the OpenAPI document (logging: <see cref="LoggingServices"/>).</summary>
internal static class ApiServices
{
    public static IServiceCollection AddNewsFeedApi(this IServiceCollection services)
    {
        services.AddControllers(o => o.Filters.Add(new ProblemContentType()))
            .AddJsonOptions(o => o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        // Every error a client can cause is an RFC 9457 problem details response, with the request's trace id.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = LoggingServices.TraceIdOf(context.HttpContext));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddNewsFeedHealth();
        services.AddImportApi();
        services.AddNewsFeedOpenApi();
        services.AddNewsFeedReadApi();
        return services;
    }

    public static WebApplication UseNewsFeedApi(this WebApplication app)
    {
        // The request log sits outside the exception handler, so it logs the status the client really got.
        app.UseNewsFeedRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RefuseUnstorableText>();
        app.UseNewsFeedOpenApi();
        app.MapRootToSwaggerUi();
        app.UseImportApi();
        app.UseNewsFeedReadApi();
        app.MapControllers();
        return app;
    }
}
