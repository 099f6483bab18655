namespace NewsFeed.Tests.Infrastructure;

/// <summary>The machine's clock moved by a fixed offset: an API server whose clock is wrong by that much.</summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
