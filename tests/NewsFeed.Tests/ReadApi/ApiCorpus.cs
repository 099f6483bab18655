using System.Net.Http.Json;
using System.Text.Json;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>The read API test classes of one engine share one corpus import (it takes a while), as an xunit collection.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteApiCorpus : ICollectionFixture<CorpusFixture<OnSqlite>>
{
    public const string Name = "Read API over the corpus on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresApiCorpus : ICollectionFixture<CorpusFixture<OnPostgres>>
{
    public const string Name = "Read API over the corpus on PostgreSQL";
}

/// <summary>HTTP helpers: the API's JSON read back into its own contracts.</summary>
public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string SeedSlug = "2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban";

    public static async Task<T> GetOkAsync<T>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, $"GET {url} answered {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Asserts a 400 problem details response whose errors name <paramref name="parameter"/>; returns its message.</summary>
    public static async Task<string> GetBadRequestAsync(this HttpClient client, string url, string parameter)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest, $"GET {url} answered {body}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(400);
        problem.RootElement.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
        var errors = problem.RootElement.GetProperty("errors");
        errors.TryGetProperty(parameter, out var messages).Should().BeTrue($"the problem names '{parameter}': {body}");
        return messages[0].GetString()!;
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        configure(request);
        return client.SendAsync(request);
    }

    public static Task<JsonElement> GetJsonAsync(this HttpClient client, string url) => client.GetOkAsync<JsonElement>(url);

    public static async Task<T?> ReadAsync<T>(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<T>(Json);
}
