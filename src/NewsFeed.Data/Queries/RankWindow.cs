namespace NewsFeed.Data.Queries;

/// <summary>
/// The matches a search ranks by relevance: the newest <see cref="ReadOptions.SearchRankWindow"/> of them, from the
/// first (newest) to the last (oldest) row in (publishedDateTime, id) order. Ranking every match of two common words
/// in a million articles means reading tens of thousands of rows per request; ranking a window of the newest costs the
/// same whatever the match count. Matches older than the window follow it unranked, in the order of the next sort keys.
/// A cursor keeps the window its walk started with, so an import mid-walk moves no row between ranked and unranked:
/// matches imported inside the window's span are ranked with it, older ones are listed after it, and newer ones are
/// not part of the walk (as with any keyset walk).
/// </summary>
/// <param name="IsFull">False when the search has fewer matches than the window holds: then every match is ranked.</param>
public sealed record RankWindow(DateTime FirstAt, long FirstId, DateTime LastAt, long LastId, bool IsFull)
{
    /// <summary>The relevance of a match outside the window: below every real score, which is never negative.</summary>
    public const int Unranked = -1;
}
