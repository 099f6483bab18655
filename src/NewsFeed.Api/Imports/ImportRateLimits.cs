using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace NewsFeed.Api.Imports;

/// <summary>
/// Rate limits of the import endpoints, per client: a valid API key is its own client; a request without a valid key
/// is counted by its address, so nobody can use up a key holder's allowance. Over the limit: 429 with Retry-After.
/// </summary>
internal static class ImportRateLimits
{
    public const string Imports = "imports", Status = "import-status";

    public static IServiceCollection AddImportRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Imports, http => Partition(http, l => l.ImportsPerWindow));
            o.AddPolicy(Status, http => Partition(http, l => l.StatusRequestsPerWindow));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, Func<ImportRateLimitOptions, int> permits)
    {
        var limits = http.RequestServices.GetRequiredService<IOptions<ImportApiOptions>>().Value.RateLimit;
        var key = http.RequestServices.GetRequiredService<ApiKeys>().Match(http.Request.Headers[ApiKeys.Header].FirstOrDefault());
        var client = key >= 0 ? $"key:{key}" : $"address:{http.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(limits),
            Window = TimeSpan.FromSeconds(limits.WindowSeconds),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many import requests",
                Detail = $"This client has used up its import requests for now; try again in {seconds} seconds. " +
                    "The limits are Import:RateLimit:ImportsPerWindow and StatusRequestsPerWindow per Import:RateLimit:WindowSeconds.",
            },
        });
    }
}
