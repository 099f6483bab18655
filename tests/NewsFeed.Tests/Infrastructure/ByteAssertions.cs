namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// Byte-for-byte equality that stays cheap on megabytes. FluentAssertions compares a byte array element by element
/// through a delegate: the full corpus's exports and fetched files (hundreds of megabytes) took 5 CPU-seconds of a test
/// run that way. The spans are compared first; FluentAssertions is asked only when they differ, for its message.
/// </summary>
public static class ByteAssertions
{
    public static void ShouldEqualBytes(this byte[] actual, byte[] expected, string because = "")
    {
        if (actual.AsSpan().SequenceEqual(expected)) return;
        actual.Should().Equal(expected, because);
    }
}
