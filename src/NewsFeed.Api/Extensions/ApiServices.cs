using System.Reflection;
using System.Text.Json.Serialization;
using Serilog;

namespace NewsFeed.Api.Extensions;

/// <summary>Wiring of the web API: logging, controllers, problem details, Swagger.</summary>
internal static class ApiServices
{
    public static WebApplicationBuilder AddNewsFeedLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console());
        return builder;
    }

    public static IServiceCollection AddNewsFeedApi(this IServiceCollection services)
    {
        services.AddControllers()
            .AddJsonOptions(o => o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        // Every error a client can cause is an RFC 9457 problem details response, with the request's trace id.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "NewsFeed", Version = "v1", Description = "News articles imported from front-matter files, served as filtered, searchable, paged JSON." });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml)) o.IncludeXmlComments(xml);
        });
        services.AddNewsFeedReadApi();
        return services;
    }

    public static WebApplication UseNewsFeedApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "NewsFeed API");
        app.UseNewsFeedReadApi();
        app.MapControllers();
        return app;
    }
}
