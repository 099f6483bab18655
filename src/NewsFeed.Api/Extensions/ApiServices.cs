using System.Reflection;
using System.Text.Json.Serialization;
using NewsFeed.Api.Errors;

namespace NewsFeed.Api.Extensions;

/// <summary>Wiring of the web API: controllers, problem details, health checks, Swagger (logging: <see cref="LoggingServices"/>).</summary>
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
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "NewsFeed", Version = "v1", Description = "News articles imported from front-matter files, served as filtered, searchable, paged JSON." });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml)) o.IncludeXmlComments(xml);
            o.OperationFilter<ProblemResponses>();
        });
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
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "NewsFeed API");
        app.MapRootToSwaggerUi();
        app.UseImportApi();
        app.UseNewsFeedReadApi();
        app.MapControllers();
        return app;
    }
}
