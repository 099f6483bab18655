using NewsFeed.Data.Replicas;

namespace NewsFeed.Api.Health;

/// <summary>
/// Measures the read replicas every <c>ReadReplicas:CheckIntervalSeconds</c>, so a lagging replica stops taking reads
/// and a recovered one takes them again even when nobody asks <c>/health/ready</c>. A read that cannot reach a replica
/// does not wait for this: it leaves the replica at once.
/// </summary>
internal sealed partial class ReplicaChecks(ReadReplicas replicas, ReadReplicaOptions options, ILogger<ReplicaChecks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (replicas.All.Count == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.CheckIntervalSeconds));
        do
        {
            try
            {
                await replicas.CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A check that breaks must not end the checks: the replicas would keep whatever state it left.
                LogCheckBroke(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The read replica check failed")]
    private static partial void LogCheckBroke(ILogger logger, Exception error);
}
