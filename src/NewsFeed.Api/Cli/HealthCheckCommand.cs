namespace NewsFeed.Api.Cli;

/// <summary>
/// <c>healthcheck [URL]</c>: GETs the running API's liveness probe and exits 0 when it answers 2xx, else 1. The container
/// image has neither curl nor wget, so its HEALTHCHECK runs the app itself in this mode (no host, no database).
/// </summary>
internal static class HealthCheckCommand
{
    public const string DefaultUrl = "http://localhost:8080/health/live";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 0 ? args[0] : DefaultUrl;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            if (response.IsSuccessStatusCode) return CommandLine.Ok;
            await Console.Error.WriteLineAsync($"unhealthy: {url} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {url}: {e.Message}");
        }
        return CommandLine.Fatal;
    }
}
