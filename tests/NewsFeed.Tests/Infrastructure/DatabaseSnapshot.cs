using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Data;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// Everything stored, as comparable text: articles by canonical URL with their topics, images and related items,
/// providers with logos, topics. Surrogate ids, import ids and timestamps are left out: they differ between runs by design.
/// </summary>
public static class DatabaseSnapshot
{
    /// <param name="content">
    /// Only what the articles say, for comparing a database with one imported from its export: then the source
    /// paths, file hashes and the provider bookkeeping of when a name or logo was seen are left out too, and so are
    /// providers no stored article or related item names (seen only in a file that lost to a newer version of its
    /// article: every file an import reads counts for its providers, so that batches never change them).
    /// </param>
    public static async Task<List<string>> TakeAsync(NewsFeedDbContext db, bool content = false)
    {
        var rows = new List<string>();
        var providers = await db.Providers.AsNoTracking().Include(p => p.Logos).ToDictionaryAsync(p => p.Id);
        var topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var named = content
            ? (await db.Articles.Where(a => a.ProviderId != null).Select(a => a.ProviderId!.Value).Distinct().ToListAsync())
                .Concat(await db.RelatedItems.Where(r => r.ProviderId != null).Select(r => r.ProviderId!.Value).Distinct().ToListAsync())
                .ToHashSet()
            : null;
        rows.AddRange(providers.Values.Where(p => named is null || named.Contains(p.Id)).Select(p => Json("provider", new
        {
            p.Domain, p.Name, NameSeenAt = content ? null : (DateTime?)p.NameSeenAt, LogosSeenAt = content ? null : p.LogosSeenAt,
            Logos = p.Logos.OrderBy(l => l.Position).Select(l => new { l.Position, l.Url, l.Width, l.Height, l.IsCached, l.Title }),
        })));
        rows.AddRange(topics.Values.Select(t => Json("topic", new { t.Name, t.Key, t.Slug })));

        // Table by table, matched by key here: EF Core's Include graph over a whole corpus cost seconds per snapshot.
        var articles = await db.Articles.AsNoTracking().ToListAsync();
        var articleTopics = (await db.ArticleTopics.AsNoTracking().ToListAsync()).ToLookup(t => t.ArticleId);
        var images = (await db.ArticleImages.AsNoTracking().ToListAsync()).ToLookup(i => i.ArticleId);
        var related = (await db.RelatedItems.AsNoTracking().ToListAsync()).ToLookup(r => r.ArticleId);
        var relatedImages = (await db.RelatedItemImages.AsNoTracking().ToListAsync()).ToLookup(i => (i.ArticleId, i.RelatedPosition));
        rows.AddRange(articles.Select(a => Json("article", new
        {
            a.CanonicalUrl, a.Slug, a.Category, a.Title, a.Excerpt, a.PublishedAt, a.OriginalUrl, a.WebUrl, a.AmpWebUrl,
            a.CdnAmpWebUrl, a.Type, a.Quality, a.Heat, a.Published, a.Removed, a.FeaturedContent,
            Provider = a.ProviderId is { } pid ? providers[pid].Domain : null, a.Secured, a.Body, a.Extra,
            SourcePath = content ? null : a.SourcePath,
            Hash = content ? null : Convert.ToHexString(a.ContentHash),
            Topics = articleTopics[a.Id].OrderBy(t => t.Position).Select(t => topics[t.TopicId].Name),
            Images = images[a.Id].OrderBy(i => i.Position).Select(i => new { i.Position, i.Url, i.Width, i.Height, i.IsCached, i.Title }),
            Related = related[a.Id].OrderBy(r => r.Position).Select(r => new
            {
                r.Position, r.Title, r.Excerpt, r.PublishedAt, r.WebUrl, r.CanonicalUrl, r.AmpWebUrl, r.CdnAmpWebUrl, r.Type,
                r.Quality, Provider = r.ProviderId is { } rp ? providers[rp].Domain : null,
                Images = relatedImages[(a.Id, r.Position)].OrderBy(i => i.Position).Select(i => new { i.Position, i.Url, i.Width, i.Height, i.IsCached, i.Title }),
            }),
        })));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Json(string kind, object value) => $"{kind} {JsonSerializer.Serialize(value)}";
}

/// <summary>Compares snapshots, naming the first rows that differ instead of printing thousands.</summary>
public static class SnapshotAssertions
{
    public static void ShouldEqualSnapshot(this List<string> actual, List<string> expected)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            // Show where the first missing row and its nearest actual row part ways.
            var want = missing[0];
            var nearest = extra.MaxBy(row => CommonPrefix(row, want)) ?? "";
            var at = CommonPrefix(nearest, want);
            missing.Should().BeEmpty($"{missing.Count} rows differ; the first at character {at}: expected ...{Around(want, at)}... but found ...{Around(nearest, at)}...");
        }
        extra.Should().BeEmpty("no row may be added");
        actual.Should().Equal(expected);
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    private static string Around(string text, int at) => text.Substring(Math.Max(0, at - 80), Math.Min(160, text.Length - Math.Max(0, at - 80)));
}
