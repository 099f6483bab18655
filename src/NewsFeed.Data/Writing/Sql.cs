using System.Data.Common;

namespace NewsFeed.Data.Writing;

/// <summary>Small ADO.NET helpers shared by the writer's queries.</summary>
internal static class Sql
{
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
    /// Updates many rows by id in one statement: <c>UPDATE table SET ... FROM (VALUES (id, ...), ...) AS v WHERE id = v.column1</c>
    /// (both engines name VALUES columns column1, column2...). One statement per batch, not one per row: most providers
    /// are seen again, with a newer date, in every batch.
    /// </summary>
    public static async Task UpdateByIdAsync(DbConnection connection, DbTransaction tx, string table, string set,
        IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var cmd = Command(connection, tx, "");
        var values = rows.Select((row, r) => $"({string.Join(", ", row.Select((value, c) => Add(cmd, $"@v{r}_{c}", value).ParameterName))})");
        cmd.CommandText = $"UPDATE {table} SET {set} FROM (VALUES {string.Join(", ", values)}) AS v WHERE {table}.id = v.column1";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Adds one parameter per value and returns <c>(@prefix0, @prefix1, ...)</c>: an IN list both engines accept.</summary>
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
