namespace NewsFeed.Data.Replicas;

/// <summary>
/// Where reads may go besides the primary: <c>ConnectionStrings:NewsFeedReadOnly</c> (one, or a list
/// <c>ConnectionStrings__NewsFeedReadOnly__0</c>, <c>__1</c>...) and the section <c>ReadReplicas</c>.
/// </summary>
public sealed class ReadReplicaOptions
{
    /// <summary>PostgreSQL streaming replicas (hot standbys) of the primary. None: every read goes to the primary.</summary>
    public IReadOnlyList<string> ConnectionStrings { get; init; } = [];

    /// <summary>A replica further behind the primary than this takes no reads until it has caught up.</summary>
    public double MaxLagSeconds { get; init; } = 30;

    /// <summary>How often each replica's reachability and lag are measured.</summary>
    public double CheckIntervalSeconds { get; init; } = 5;
}
