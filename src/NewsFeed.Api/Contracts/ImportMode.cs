using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsFeed.Api.Contracts;

/// <summary>How <c>POST /import</c> runs: <c>auto</c>, <c>sync</c> or <c>async</c>.</summary>
[JsonConverter(typeof(ImportModeJsonConverter))]
public enum ImportMode
{
    /// <summary>In the request, unless it has more files than <c>Import:AsyncAboveFiles</c>: then as a background job.</summary>
    Auto,

    /// <summary>In the request, whatever its size: the response is the report.</summary>
    Sync,

    /// <summary>As a background job: 202 at once, then poll <c>GET /imports/{id}</c>.</summary>
    Async,
}

/// <summary>Names the modes in lower case, as they are written in the query string.</summary>
public sealed class ImportModeJsonConverter() : JsonStringEnumConverter<ImportMode>(JsonNamingPolicy.CamelCase);
