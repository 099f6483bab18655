using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using NewsFeed.Api.Contracts;
using NewsFeed.Data.Queries;

namespace NewsFeed.Api.Feeds;

/// <summary>Turns a page of article summaries into RSS 2.0, Atom 1.0 or JSON Feed 1.1.</summary>
public static class FeedWriter
{
    public const string Title = "NewsFeed";

    public static string Rss(IReadOnlyList<ArticleSummaryView> items, Uri self) => Xml(new Rss20FeedFormatter(Syndication(items, self), false));

    public static string Atom(IReadOnlyList<ArticleSummaryView> items, Uri self) => Xml(new Atom10FeedFormatter(Syndication(items, self)));

    public static JsonFeed Json(IReadOnlyList<ArticleSummaryView> items, Uri self) => new(
        "https://jsonfeed.org/version/1.1", Title, HomePage(self).ToString(), self.ToString(),
        [.. items.Select(a => new JsonFeedItem(
            Id(a), Link(a), a.Title, a.Excerpt, a.Excerpt ?? a.Title, a.PublishedAt, a.UpdatedAt, a.Topics,
            a.Images.Count > 0 ? a.Images[0].Url : null,
            a.Provider is { } p ? [new JsonFeedAuthor(p.Name ?? p.Domain, $"https://{p.Domain}")] : null))]);

    private static SyndicationFeed Syndication(IReadOnlyList<ArticleSummaryView> items, Uri self)
    {
        var feed = new SyndicationFeed(Title, "News articles from NewsFeed", HomePage(self), self.ToString(),
            items.Count > 0 ? items.Max(a => a.UpdatedAt) : DateTime.UnixEpoch);
        feed.Links.Add(SyndicationLink.CreateSelfLink(self));
        feed.Items = [.. items.Select(Item)];
        return feed;
    }

    private static SyndicationItem Item(ArticleSummaryView a)
    {
        var item = new SyndicationItem(a.Title, a.Excerpt ?? "", Link(a) is { } link ? new Uri(link) : null, Id(a), a.UpdatedAt)
        {
            PublishDate = a.PublishedAt,
        };
        foreach (var topic in a.Topics) item.Categories.Add(new SyndicationCategory(topic));
        if (a.Provider is { } provider) item.Authors.Add(new SyndicationPerson { Name = provider.Name ?? provider.Domain });
        if (a.Images.Count > 0 && Uri.TryCreate(a.Images[0].Url, UriKind.Absolute, out var image))
            item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(image, "image/jpeg", 0));
        return item;
    }

    /// <summary>A stable id: the article's URL is what identifies it.</summary>
    private static string Id(ArticleSummaryView a) => Link(a) ?? $"urn:newsfeed:article:{a.Id}";

    private static string? Link(ArticleSummaryView a) => a.WebUrl ?? a.OriginalUrl;

    private static Uri HomePage(Uri self) => new(self, "/articles");

    private static string Xml(SyndicationFeedFormatter formatter)
    {
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
            formatter.WriteTo(writer);
        // A StringBuilder is UTF-16, but the feed is sent as UTF-8: say so in the declaration.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
