using Microsoft.EntityFrameworkCore;

namespace NewsFeed.Data.Queries;

/// <summary>Topics with how many visible (not removed) articles carry each.</summary>
public sealed class TopicQueries(IDbContextFactory<NewsFeedDbContext> contexts)
{
    /// <summary>Every topic, most used first; ties by name in ordinal order (the same on every engine and collation).</summary>
    public async Task<IReadOnlyList<TopicView>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One grouped pass over the links (a hash join on a large table), not one correlated count per topic.
        var counts = await db.ArticleTopics.Where(at => db.Articles.Any(a => a.Id == at.ArticleId && a.Removed != true))
            .GroupBy(at => at.TopicId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var topics = await db.Topics.AsNoTracking().ToListAsync(ct);
        return [.. topics.Select(t => new TopicView(t.Name, t.Slug, counts.GetValueOrDefault(t.Id)))
            .OrderByDescending(t => t.ArticleCount).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    public async Task<TopicView?> GetAsync(string slug, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await WithCounts(db, db.Topics.Where(t => t.Slug == slug)).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<TopicView> WithCounts(NewsFeedDbContext db, IQueryable<Entities.Topic> topics) =>
        topics.Select(t => new TopicView(t.Name, t.Slug,
            db.ArticleTopics.LongCount(at => at.TopicId == t.Id && db.Articles.Any(a => a.Id == at.ArticleId && a.Removed != true))));
}
