namespace NewsFeed.Api.Contracts;

/// <summary>A provider (publisher).</summary>
/// <param name="Domain">Lower-cased domain, the provider's key, e.g. "wsj.com".</param>
/// <param name="Name">Display name.</param>
/// <param name="Images">Logos, in file order.</param>
/// <param name="ArticleCount">Visible (not removed) articles from this provider.</param>
public sealed record Provider(string Domain, string? Name, IReadOnlyList<Image> Images, long ArticleCount);

/// <summary>A page of providers.</summary>
/// <param name="Items">Providers, most articles first, then by domain.</param>
/// <param name="Page">The page number.</param>
/// <param name="PageSize">Providers per page.</param>
/// <param name="TotalCount">Providers matching q (always exact: providers are few).</param>
/// <param name="TotalCountIsExact">Always true.</param>
/// <param name="TotalPages">totalCount divided by pageSize, rounded up.</param>
public sealed record ProviderPage(IReadOnlyList<Provider> Items, int Page, int PageSize, long TotalCount, bool TotalCountIsExact, long TotalPages);
