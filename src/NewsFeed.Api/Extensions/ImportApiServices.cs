using Microsoft.Extensions.Options;
using NewsFeed.Api.Imports;

namespace NewsFeed.Api.Extensions;

/// <summary>Wiring of the import endpoints: settings, API keys, staging, background jobs, rate limits (Swagger: <see cref="OpenApi.OpenApiServices"/>).</summary>
internal static class ImportApiServices
{
    public static IServiceCollection AddImportApi(this IServiceCollection services)
    {
        services.AddOptions<ImportApiOptions>().BindConfiguration(ImportApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ImportApiOptions>, ApiKeys.MinimumLengthCheck>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<UploadStaging>();
        services.AddSingleton<ImportInputs>();
        services.AddSingleton<RunningImports>();
        services.AddSingleton<ImportJobExecutor>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobRunner>());
        services.AddImportRateLimits();
        return services;
    }

    public static WebApplication UseImportApi(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
