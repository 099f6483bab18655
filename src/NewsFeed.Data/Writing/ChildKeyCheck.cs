using System.Data.Common;

namespace NewsFeed.Data.Writing;

/// <summary>
/// The keys of the related-item tables, checked set-wise once per write instead of by per-row foreign-key triggers:
/// on PostgreSQL those constraints are dropped (migration RelatedItemKeysCheckedByWriter), since their triggers were
/// most of the cost of an import. A row whose parent is missing fails the write the way the constraint would, so the
/// batch is retried file by file and only the file that brought it fails. SQLite keeps its constraints (checked in
/// process, they cost little), which refuse the same files: the check runs only on an engine that leaves the keys to
/// the writer (<see cref="SqlEngine.WriterChecksRelatedItemKeys"/>).
/// </summary>
internal static class ChildKeyCheck
{
    public static async Task RunAsync(DbConnection connection, DbTransaction tx, SqlEngine engine, IReadOnlyCollection<long> articleIds,
        CancellationToken ct)
    {
        if (articleIds.Count == 0) return;
        await using var cmd = Sql.Command(connection, tx, "");
        // Driven by the batch's ids, a few index lookups each (OFFSET 0 keeps the lateral query apart, so it cannot be
        // turned into a join): as one join, the plan was left to statistics that tables growing within one import do
        // not have yet, and PostgreSQL scanned and sorted the whole of related_items for each batch (8 ms for the
        // azure corpus's first batch, 40 to 60 ms for its last ones).
        cmd.CommandText =
            $"SELECT x.* FROM {engine.Rows(cmd, "ids", articleIds)} AS b CROSS JOIN LATERAL (" +
            "SELECT 'related_items' AS child_table, r.article_id, r.position FROM related_items r " +
            "WHERE r.article_id = b.id AND (NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = b.id) " +
            "OR (r.provider_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM providers p WHERE p.id = r.provider_id))) " +
            "UNION ALL " +
            "SELECT 'related_item_images', i.article_id, i.related_position FROM related_item_images i " +
            "WHERE i.article_id = b.id AND NOT EXISTS (SELECT 1 FROM related_items r WHERE r.article_id = b.id AND r.position = i.related_position) " +
            "OFFSET 0) AS x " +
            "LIMIT 1";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct))
            throw new MissingParentException(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2));
    }
}

/// <summary>A child row whose parent row is missing: what a foreign-key violation would have said (SQLSTATE 23503).</summary>
internal sealed class MissingParentException(string table, long articleId, int position)
    : DbException($"a row of {table} (article {articleId}, related item {position}) names an article, provider or related item that does not exist")
{
    public override string SqlState => "23503";
}
