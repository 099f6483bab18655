using System.IO.Compression;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using NewsFeed.Api.Caching;
using NewsFeed.Api.Export;
using NewsFeed.Api.Health;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Export;
using NewsFeed.Data.Queries;
using NewsFeed.Data.Replicas;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsFeed.Api.Extensions;

/// <summary>
/// Wiring of the read API (/articles, /topics, /providers, /feeds, /export): the query services on the request's read
/// session (a replica or the primary), the replica checks, conditional GET and the response cache, compression, CORS
/// for the configured frontend origins, and the Swagger examples.
/// </summary>
internal static class ReadApiServices
{
    public static IServiceCollection AddNewsFeedReadApi(this IServiceCollection services)
    {
        services.AddOptions<ReadOptions>().BindConfiguration("ReadApi")
            .Validate(o => o.SearchRankWindow >= 1, "ReadApi:SearchRankWindow must be at least 1.").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReadOptions>>().Value);
        services.AddOptions<ReadApiOptions>().BindConfiguration("ReadApi");
        // Per request: every read of a request goes through its ReadSession, one connection and one snapshot; the
        // versions it peeks at are read once for all the requests that ask at the same time.
        services.AddSingleton<VersionReads>();
        services.AddScoped<ReadSession>();
        services.AddScoped(ReadsFromSession<ArticleQueries>);
        services.AddScoped(ReadsFromSession<TopicQueries>);
        services.AddScoped(ReadsFromSession<ProviderQueries>);
        services.AddScoped(ReadsFromSession<ArticleDocuments>);
        services.AddScoped<ExportArchive>();
        services.AddHostedService<ReplicaChecks>();
        services.AddSingleton<FeaturedContentSanitizer>();
        services.AddSingleton<ResponseStore>();

        services.AddResponseCompression(o =>
        {
            // Safe over HTTPS: responses hold public data only, never secrets an attacker could probe for (BREACH).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        // Cors:AllowedOrigins lists the frontends that may call the API from a browser; none by default.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
            o.AddDefaultPolicy(p => p.WithOrigins(origins).WithMethods("GET", "HEAD").AllowAnyHeader()
                .WithExposedHeaders("ETag", "Link").SetPreflightMaxAge(TimeSpan.FromHours(1)));
        });

        services.AddTransient<IConfigureOptions<SwaggerGenOptions>, SwaggerExamples>();
        return services;
    }

    /// <summary>A query service whose contexts all come from the request's <see cref="ReadSession"/>.</summary>
    private static T ReadsFromSession<T>(IServiceProvider services) where T : class =>
        ActivatorUtilities.CreateInstance<T>(services, services.GetRequiredService<ReadSession>());

    /// <summary>Before the controllers: CORS, then compression, then the cache, so cached bytes are compressed per client.</summary>
    public static IApplicationBuilder UseNewsFeedReadApi(this IApplicationBuilder app)
    {
        app.UseCors();
        app.UseResponseCompression();
        app.UseMiddleware<ReadResponseCache>();
        return app;
    }

    private sealed class SwaggerExamples : IConfigureOptions<SwaggerGenOptions>
    {
        public void Configure(SwaggerGenOptions options) => options.SchemaFilter<SeedExample>();
    }
}
