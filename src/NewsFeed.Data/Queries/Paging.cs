namespace NewsFeed.Data.Queries;

/// <summary>Numbered pages as EF Core's Skip takes them.</summary>
public static class Paging
{
    /// <summary>
    /// The rows before <paramref name="page"/>: computed in 64 bits (page 2147483647 of 20 would wrap to a negative
    /// OFFSET, which PostgreSQL refuses and SQLite reads as 0) and capped at what Skip takes, which no table reaches.
    /// </summary>
    public static int Skip(int page, int pageSize) => (int)Math.Min((long)(page - 1) * pageSize, int.MaxValue);
}
