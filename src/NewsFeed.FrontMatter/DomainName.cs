namespace NewsFeed.FrontMatter;

/// <summary>
/// A provider's domain as it is stored and looked up (<c>wsj.com</c>): the mapper, the <c>provider</c> filter and
/// <c>/providers/{domain}</c> all go through this, so a domain written in any case or with spaces around is one provider.
/// </summary>
public static class DomainName
{
    public static string Normalize(string domain) => domain.Trim().ToLowerInvariant();
}
