namespace NewsFeed.Data.Entities;

/// <summary>
/// SQLite's source of change numbers: one row, incremented inside each write transaction. SQLite has one writer at a
/// time (<c>BEGIN IMMEDIATE</c>), so the order of increments is the order of commits. PostgreSQL uses a sequence instead.
/// </summary>
public sealed class ChangeCounter
{
    public int Id { get; set; }
    public long Value { get; set; }
}
