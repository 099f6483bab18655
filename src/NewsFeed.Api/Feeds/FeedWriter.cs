using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.StaticFiles;
using NewsFeed.Api.Contracts;
using NewsFeed.Data.Queries;

namespace NewsFeed.Api.Feeds;

/// <summary>Turns a page of article summaries into RSS 2.0, Atom 1.0 or JSON Feed 1.1.</summary>
public static class FeedWriter
{
    public const string Title = "NewsFeed";

    private static readonly FileExtensionContentTypeProvider ImageTypes = new();

    private const string DublinCore = "http://purl.org/dc/elements/1.1/";

    /// <summary>
    /// RSS's own <c>&lt;author&gt;</c> must be an e-mail address and a provider has only a name: it goes out as
    /// <c>dc:creator</c>, which is what feed readers read for RSS. The self link goes out as <c>atom:link</c>.
    /// </summary>
    public static string Rss(IReadOnlyList<ArticleSummaryView> items, Uri self)
    {
        var feed = Syndication(items, self, "application/rss+xml");
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", XNamespace.Xmlns.NamespaceName), DublinCore);
        foreach (var item in feed.Items)
        {
            foreach (var author in item.Authors) item.ElementExtensions.Add("creator", DublinCore, author.Name);
            item.Authors.Clear();
        }
        return Xml(new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true));
    }

    /// <summary>Atom needs an author for the feed unless every entry has one, and an empty feed has none.</summary>
    public static string Atom(IReadOnlyList<ArticleSummaryView> items, Uri self)
    {
        var feed = Syndication(items, self, "application/atom+xml");
        feed.Authors.Add(new SyndicationPerson { Name = Title });
        return Xml(new Atom10FeedFormatter(feed));
    }

    public static JsonFeed Json(IReadOnlyList<ArticleSummaryView> items, Uri self) => new(
        "https://jsonfeed.org/version/1.1", Title, HomePage(self).ToString(), self.ToString(),
        [.. items.Select(a => new JsonFeedItem(
            Id(a), Link(a), a.Document.Title, a.Document.Excerpt, a.Document.Excerpt ?? a.Document.Title, a.Document.PublishedAt, a.UpdatedAt, a.Document.Topics,
            a.Document.Images.Count > 0 ? a.Document.Images[0].Url : null,
            a.Document.Provider is { } p ? [new JsonFeedAuthor(p.Name ?? p.Domain, $"https://{p.Domain}")] : null))]);

    private static SyndicationFeed Syndication(IReadOnlyList<ArticleSummaryView> items, Uri self, string mediaType)
    {
        // A feed with no items has changed at no known time; readers take 1970 for a feed dead for decades, so it is
        // dated when it is asked for.
        var feed = new SyndicationFeed(Title, "News articles from NewsFeed", HomePage(self), self.ToString(),
            items.Count > 0 ? items.Max(a => a.UpdatedAt) : DateTime.UtcNow);
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, mediaType));
        feed.Items = [.. items.Select(Item)];
        return feed;
    }

    private static SyndicationItem Item(ArticleSummaryView a)
    {
        var item = new SyndicationItem(a.Document.Title, a.Document.Excerpt ?? "", Link(a) is { } link ? new Uri(link) : null, Id(a), a.UpdatedAt)
        {
            PublishDate = a.Document.PublishedAt,
        };
        foreach (var topic in a.Document.Topics) item.Categories.Add(new SyndicationCategory(topic));
        if (a.Document.Provider is { } provider) item.Authors.Add(new SyndicationPerson { Name = provider.Name ?? provider.Domain });
        if (a.Document.Images.Count > 0 && Uri.TryCreate(a.Document.Images[0].Url, UriKind.Absolute, out var image))
            item.Links.Add(Enclosure(image));
        return item;
    }

    /// <summary>
    /// The image's size is unknown: RSS 2.0 requires a length all the same, and <c>length="0"</c> is the accepted way to
    /// say "unknown" (the formatters leave a zero length out, so it is written as an attribute of its own).
    /// </summary>
    private static SyndicationLink Enclosure(Uri image)
    {
        var link = SyndicationLink.CreateMediaEnclosureLink(image, ImageMediaType(image), 0);
        link.AttributeExtensions.Add(new XmlQualifiedName("length"), "0");
        return link;
    }

    /// <summary>The type the image's extension says; a URL without a known image extension is just bytes.</summary>
    private static string ImageMediaType(Uri image) =>
        ImageTypes.TryGetContentType(image.AbsolutePath, out var type) && type.StartsWith("image/", StringComparison.Ordinal)
            ? type
            : "application/octet-stream";

    /// <summary>A stable id: the article's URL is what identifies it.</summary>
    private static string Id(ArticleSummaryView a) => Link(a) ?? $"urn:newsfeed:article:{a.Id}";

    private static string? Link(ArticleSummaryView a) => a.Document.WebUrl ?? a.Document.OriginalUrl;

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
