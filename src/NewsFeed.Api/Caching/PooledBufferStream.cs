using System.Buffers;

namespace NewsFeed.Api.Caching;

/// <summary>
/// A write-only stream into one array rented from the shared pool, grown by renting a larger one: a response held
/// until its ETag is known (<see cref="ReadResponseCache"/>) costs no new array per request, as a MemoryStream's
/// doublings did (64 kB allocated and zeroed for a 24 kB page of articles).
/// </summary>
internal sealed class PooledBufferStream : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;

    /// <summary>What was written, valid until the stream is disposed.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer.Length - _length < buffer.Length) Grow(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
        base.Dispose(disposing);
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_buffer.Length * 2, _length + needed)));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
