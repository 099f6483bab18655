using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsFeed.Api.Reading;

/// <summary>The <c>fields</c> parameter: the page as JSON with only the asked-for fields left in each item.</summary>
internal static class SparseFields
{
    public static JsonNode Apply<TPage>(TPage page, IReadOnlySet<string> fields, JsonSerializerOptions json)
    {
        var node = JsonSerializer.SerializeToNode(page, json)!;
        foreach (var item in node["items"]!.AsArray())
        {
            var obj = item!.AsObject();
            foreach (var name in obj.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList()) obj.Remove(name);
        }
        return node;
    }
}
