using Microsoft.EntityFrameworkCore;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Queries;

/// <summary>Providers (publishers) with their logos and how many visible articles each has.</summary>
public sealed class ProviderQueries(IDbContextFactory<NewsFeedDbContext> contexts, DatabaseSettings settings)
{
    // Domain order must not depend on the database's collation (glibc locales skip '.' and '-'): compare bytes.
    private readonly string _ordinal = settings.Provider == DatabaseProvider.Postgres ? "C" : "BINARY";

    /// <summary>
    /// One page of providers, most articles first, then by domain; <paramref name="search"/> keeps those whose domain
    /// or name contains it, ignoring case.
    /// </summary>
    public async Task<ProviderListResult> ListAsync(string? search, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var providers = db.Providers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var needle = search.Trim().ToLowerInvariant();
            // CA1862: this runs as SQL (lower(), strpos/instr), where the StringComparison overloads do not translate.
#pragma warning disable CA1862
            providers = providers.Where(p => p.Domain.Contains(needle) || (p.Name != null && p.Name.ToLower().Contains(needle)));
#pragma warning restore CA1862
        }
        var total = await providers.LongCountAsync(ct);
        var rows = await providers
            .Select(p => new { p.Id, p.Domain, p.Name, ArticleCount = db.Articles.LongCount(a => a.ProviderId == p.Id && a.Removed != true) })
            .OrderByDescending(p => p.ArticleCount).ThenBy(p => EF.Functions.Collate(p.Domain, _ordinal))
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return new ProviderListResult(
            await WithLogosAsync(db, [.. rows.Select(r => new ProviderRow(r.Id, r.Domain, r.Name, r.ArticleCount))], ct), total);
    }

    /// <summary>The provider with this domain (any case, spaces around ignored); null when there is none, or no domain was given.</summary>
    public async Task<ProviderSummaryView?> GetAsync(string? domain, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(domain)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = DomainName.Normalize(domain);
        var rows = await db.Providers.AsNoTracking().Where(p => p.Domain == key)
            .Select(p => new ProviderRow(p.Id, p.Domain, p.Name, db.Articles.LongCount(a => a.ProviderId == p.Id && a.Removed != true)))
            .ToListAsync(ct);
        return (await WithLogosAsync(db, rows, ct)).FirstOrDefault();
    }

    private static async Task<List<ProviderSummaryView>> WithLogosAsync(NewsFeedDbContext db, List<ProviderRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var logos = (await db.ProviderLogos.AsNoTracking().Where(l => ids.Contains(l.ProviderId)).ToListAsync(ct))
            .ToLookup(l => l.ProviderId);
        return [.. rows.Select(r => new ProviderSummaryView(r.Domain, r.Name,
            [.. logos[r.Id].OrderBy(l => l.Position).Select(l => new ImageRef(l.Url, l.Width, l.Height, l.IsCached, l.Title))], r.ArticleCount))];
    }

    private sealed record ProviderRow(long Id, string Domain, string? Name, long ArticleCount);
}
