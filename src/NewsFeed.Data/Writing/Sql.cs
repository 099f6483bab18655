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
