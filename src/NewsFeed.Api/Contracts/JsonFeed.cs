using System.Text.Json.Serialization;

namespace NewsFeed.Api.Contracts;

/// <summary>A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).</summary>
public sealed record JsonFeed(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("home_page_url")] string HomePageUrl,
    [property: JsonPropertyName("feed_url")] string FeedUrl,
    [property: JsonPropertyName("items")] IReadOnlyList<JsonFeedItem> Items);

/// <summary>One item of a JSON Feed: an article.</summary>
public sealed record JsonFeedItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("content_text")] string ContentText,
    [property: JsonPropertyName("date_published")] DateTime DatePublished,
    [property: JsonPropertyName("date_modified")] DateTime DateModified,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("authors")] IReadOnlyList<JsonFeedAuthor>? Authors);

/// <summary>A JSON Feed author: the article's provider.</summary>
public sealed record JsonFeedAuthor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string Url);
