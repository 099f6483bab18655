using Npgsql;

namespace NewsFeed.Data.Replicas;

/// <summary>One read replica and what the last look at it found.</summary>
public sealed class ReadReplica(string connectionString)
{
    private volatile string? _unusableBecause;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Host and port: enough to tell replicas apart in health and logs without showing credentials.</summary>
    public string Name { get; } = new NpgsqlConnectionStringBuilder(connectionString) is var b ? $"{b.Host}:{b.Port}" : "";

    /// <summary>Why reads avoid this replica now, or null when it takes them.</summary>
    public string? UnusableBecause => _unusableBecause;

    internal void Usable() => _unusableBecause = null;

    internal void Unusable(string reason) => _unusableBecause = reason;
}
