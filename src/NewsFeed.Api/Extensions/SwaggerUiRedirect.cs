namespace NewsFeed.Api.Extensions;

/// <summary>The site's root leads to Swagger UI, the one page a person opening the service in a browser can use.</summary>
internal static class SwaggerUiRedirect
{
    public static WebApplication MapRootToSwaggerUi(this WebApplication app)
    {
        // PathBase keeps the redirect right behind a proxy that serves the API under a sub-path.
        app.MapGet("/", (HttpContext http) => Results.Redirect($"{http.Request.PathBase}/swagger/index.html"))
            .ExcludeFromDescription();
        return app;
    }
}
