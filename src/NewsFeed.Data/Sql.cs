using System.Data.Common;

namespace NewsFeed.Data;

/// <summary>Small ADO.NET helpers shared by the writer and the read queries: commands, parameters, IN lists, updates by id.</summary>
internal static class Sql
{
    /// <summary>
    /// Most parameters one chunked statement binds: far below SQLite's (32,766) and PostgreSQL's (65,535) limits, so no
    /// statement's parameter count grows with a file's content or a batch's size.
    /// </summary>
    public const int MaxParameters = 999;

    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string text)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = text;
        return cmd;
    }

    public static DbParameter Add(DbCommand cmd, string name, object? value)
    {
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// Updates many rows by id: <c>UPDATE table SET ... FROM (VALUES (id, ...), ...) AS v WHERE id = v.column1</c>
    /// (both engines name VALUES columns column1, column2...), in chunks of at most <see cref="MaxParameters"/>
    /// parameters. A statement per chunk, not one per row: most providers are seen again, with a newer date, in every batch.
    /// </summary>
    public static async Task UpdateByIdAsync(DbConnection connection, DbTransaction tx, string table, string set,
        IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / rows[0].Length)))
        {
            await using var cmd = Command(connection, tx, "");
            var values = chunk.Select((row, r) => $"({string.Join(", ", row.Select((value, c) => Add(cmd, $"@v{r}_{c}", value).ParameterName))})");
            cmd.CommandText = $"UPDATE {table} SET {set} FROM (VALUES {string.Join(", ", values)}) AS v WHERE {table}.id = v.column1";
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Adds one parameter per value and returns <c>(@prefix0, @prefix1, ...)</c>: an IN list both engines accept. For
    /// short lists only (the read API's filters and pages); the writer binds lists whole with <see cref="Writing.SqlEngine.In(DbCommand, string, string, IEnumerable{string})"/>.
    /// </summary>
    public static string InList<T>(DbCommand cmd, string prefix, IEnumerable<T> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = $"@{prefix}{names.Count}";
            Add(cmd, name, value);
            names.Add(name);
        }
        return names.Count == 0 ? "(NULL)" : $"({string.Join(", ", names)})";
    }
}
