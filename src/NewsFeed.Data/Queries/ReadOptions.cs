namespace NewsFeed.Data.Queries;

/// <summary>Settings of the read queries (configuration section <c>ReadApi</c>).</summary>
public sealed class ReadOptions
{
    /// <summary>
    /// A list's total is counted exactly when the planner expects at most this many rows; above it the estimate is
    /// returned with <c>totalCountIsExact: false</c>, so a broad query on a million rows never pays for a full count.
    /// </summary>
    public long ExactCountLimit { get; set; } = 10_000;

    /// <summary>
    /// How many of a search's newest matches are ranked by relevance (see <see cref="RankWindow"/>). The cost of a
    /// relevance-sorted search grows with it, not with the number of matches.
    /// </summary>
    public int SearchRankWindow { get; set; } = 500;
}
