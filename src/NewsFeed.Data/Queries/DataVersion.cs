using System.Data.Common;
using System.Globalization;

namespace NewsFeed.Data.Queries;

/// <summary>
/// A cheap fingerprint of the stored data: the highest change number of articles and providers, each one index lookup.
/// Every write stamps what it changes with a number the database hands out in commit order (an article removed or
/// updated gets a new one; a topic appears only with an article), so the value grows the moment an import commits,
/// whatever the clocks of the servers that imported. The ETag and the response cache key both include it. It is read
/// on the connection and in the transaction of the data it labels (<see cref="Replicas.ReadSession"/>), so a version
/// never names data its reader cannot see. This is the one place that says where the version comes from.
/// </summary>
public static class DataVersion
{
    /// <summary>Below every real version: an empty database has this one.</summary>
    public const string None = "";

    /// <summary>The statement that reads the version: put ahead of a request's first statements, it costs no round trip of its own.</summary>
    public const string Sql = "SELECT (SELECT max(change_number) FROM articles), (SELECT max(change_number) FROM providers)";

    /// <summary>
    /// Reads the result of <see cref="Sql"/>, the reader's current result set, and moves on to the next one. The version
    /// is fixed-width hexadecimal, so that ordinal string order is version order: a version can be compared with one a
    /// client sent back (<see cref="Compare"/>) without parsing it.
    /// </summary>
    public static async Task<string> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        var articles = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
        var providers = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        await reader.NextResultAsync(ct);
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(articles, providers):x16}");
    }

    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>.</summary>
    public static int Compare(string a, string b) => string.CompareOrdinal(a, b);

    public static string Later(string a, string b) => Compare(a, b) >= 0 ? a : b;
}
