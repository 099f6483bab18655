namespace NewsFeed.Api.Contracts;

/// <summary>A topic.</summary>
/// <param name="Name">As written in the files, e.g. "Power Apps".</param>
/// <param name="Slug">URL-safe name, e.g. "power-apps"; the topic filter accepts it as well as the name.</param>
/// <param name="ArticleCount">Visible (not removed) articles with this topic.</param>
public sealed record Topic(string Name, string Slug, long ArticleCount);
