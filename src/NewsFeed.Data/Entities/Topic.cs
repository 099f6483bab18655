namespace NewsFeed.Data.Entities;

/// <summary>A topic, one per name compared case-insensitively.</summary>
public sealed class Topic
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The lower-cased name: what makes two spellings one topic.</summary>
    public required string Key { get; set; }
    public required string Slug { get; set; }

    /// <summary>The <see cref="Key"/> of a name: the writer stores it, the <c>topic</c> filter looks it up.</summary>
    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();
}

/// <summary>Links an article to a topic, keeping the order the file listed them in.</summary>
public sealed class ArticleTopic
{
    public long ArticleId { get; set; }
    public long TopicId { get; set; }
    public int Position { get; set; }
    public Topic? Topic { get; set; }
}
