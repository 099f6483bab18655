using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace NewsFeed.Api.Imports;

/// <summary>
/// Lets a request through only with a configured key in <c>X-Api-Key</c>. Authorization filters run before model
/// binding, so a refused request's body is never read.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireApiKeyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var keys = http.RequestServices.GetRequiredService<ApiKeys>();
        if (!keys.AnyConfigured)
        {
            context.Result = Problem(http, StatusCodes.Status403Forbidden, "Imports over HTTP are not configured",
                "No API key is configured, so the import endpoints are closed. Set Import:ApiKeys in configuration " +
                "(Import__ApiKeys__0=<a long random secret> in the environment), restart, and send the key in the X-Api-Key " +
                "header. The command line (`NewsFeed.Api import PATH`) needs no key.");
            return;
        }
        var presented = http.Request.Headers[ApiKeys.Header];
        if (presented.Count == 1 && keys.Match(presented[0]) >= 0) return;
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeys.Header}\"";
        context.Result = Problem(http, StatusCodes.Status401Unauthorized,
            presented.Count == 0 ? "An API key is required" : "The API key is not valid",
            presented.Count == 0
                ? "Send one of the keys configured in Import:ApiKeys in the X-Api-Key header."
                : "The key in the X-Api-Key header is not one of the keys configured in Import:ApiKeys.");
    }

    private static ObjectResult Problem(HttpContext http, int status, string title, string detail)
    {
        var factory = http.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        return new ObjectResult(factory.CreateProblemDetails(http, status, title, detail: detail)) { StatusCode = status };
    }
}
