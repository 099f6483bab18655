using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace NewsFeed.Data.Queries;

/// <summary>
/// A cheap fingerprint of the stored articles, read from the database on every request: the latest
/// <c>updated_at</c> and the highest id, each one index lookup. Every import that writes stamps the rows it creates
/// or changes with the time of writing (under the writer lock, so stamps only grow) and new articles get new ids, so
/// the value changes the moment an import commits, on every API instance at once. Articles are never deleted, and
/// providers and topics change only together with an article. The ETag and the response cache key both include it.
/// </summary>
public sealed class DataVersion(IDbContextFactory<NewsFeedDbContext> contexts)
{
    public async Task<string> GetAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT (SELECT max(updated_at) FROM articles), (SELECT max(id) FROM articles)";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var updated = reader.IsDBNull(0) ? 0 : reader.GetDateTime(0).Ticks;
        var maxId = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        return string.Create(CultureInfo.InvariantCulture, $"{updated:x}.{maxId:x}");
    }
}
