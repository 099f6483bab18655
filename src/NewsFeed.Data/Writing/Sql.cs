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

    /// <summary>One parameterized statement (parameters @p0, @p1...) to run among others.</summary>
    public sealed record Statement(string Text, object?[] Values);

    public static Statement Stmt(string text, params object?[] values) => new(text, values);

    /// <summary>Runs statements in one round trip where the driver can batch them (Npgsql), else one after another (SQLite, in process).</summary>
    public static async Task ExecuteAllAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        if (statements.Count == 0) return;
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = tx;
            foreach (var statement in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Text;
                for (var i = 0; i < statement.Values.Length; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    parameter.Value = statement.Values[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            return;
        }
        foreach (var statement in statements)
        {
            await using var cmd = Command(connection, tx, statement.Text);
            for (var i = 0; i < statement.Values.Length; i++) Add(cmd, $"@p{i}", statement.Values[i]);
            await cmd.ExecuteNonQueryAsync(ct);
        }
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
