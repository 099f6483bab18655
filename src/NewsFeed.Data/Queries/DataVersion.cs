using System.Data.Common;
using System.Globalization;

namespace NewsFeed.Data.Queries;

/// <summary>
/// A cheap fingerprint of the stored articles: the latest <c>updated_at</c> and the highest id, each one index lookup.
/// Every import that writes stamps the rows it creates or changes with the time of writing (under the writer lock, so
/// stamps only grow) and new articles get new ids, so the value grows the moment an import commits. Articles are never
/// deleted, and providers and topics change only together with an article. The ETag and the response cache key both
/// include it. It is read on the connection and in the transaction of the data it labels (<see cref="Replicas.ReadSession"/>),
/// so a version never names data its reader cannot see. This is the one place that says where the version comes from.
/// </summary>
public static class DataVersion
{
    /// <summary>Below every real version: an empty database has this one.</summary>
    public const string None = "";

    /// <summary>
    /// The version as fixed-width hexadecimal, so that ordinal string order is version order: a version can be compared
    /// with one a client sent back (<see cref="Compare"/>) without parsing it.
    /// </summary>
    public static async Task<string> ReadAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT (SELECT max(updated_at) FROM articles), (SELECT max(id) FROM articles)";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var updated = reader.IsDBNull(0) ? 0 : reader.GetDateTime(0).Ticks;
        var maxId = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        return string.Create(CultureInfo.InvariantCulture, $"{updated:x16}.{maxId:x16}");
    }

    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>.</summary>
    public static int Compare(string a, string b) => string.CompareOrdinal(a, b);

    public static string Later(string a, string b) => Compare(a, b) >= 0 ? a : b;
}
