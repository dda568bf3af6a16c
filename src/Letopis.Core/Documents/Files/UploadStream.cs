namespace Letopis.Core.Documents.Files;

/// <summary>
/// Passes an upload through to the blob store while keeping its first bytes (to sniff the type)
/// and counting the rest: past <see cref="Allowed"/> it throws, and the blob store drops the
/// partial blob, so a file over the size limit or the quota never lands.
/// </summary>
public sealed class UploadStream(Stream inner, long allowed) : Stream
{
    private readonly byte[] _head = new byte[ContentSniffer.HeadLength];
    private int _headLength;

    public long Allowed { get; } = allowed;

    public long Count { get; private set; }

    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Seen(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Seen(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Seen(ReadOnlySpan<byte> data)
    {
        if (_headLength < _head.Length)
        {
            var take = Math.Min(data.Length, _head.Length - _headLength);
            data[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
        }
        Count += data.Length;
        if (Count > Allowed)
            throw new UploadLimitException(Count);
        return data.Length;
    }

    /// <summary>Reads what is left of the upload without keeping it, to learn its whole size; stops counting at <paramref name="upTo"/>.</summary>
    public async Task<long> DrainAsync(long upTo, CancellationToken ct)
    {
        var buffer = new byte[81920];
        var total = Count;
        int read;
        while (total <= upTo && (read = await inner.ReadAsync(buffer, ct)) > 0)
            total += read;
        return total;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>The upload went past what it was allowed (the size limit or the free quota).</summary>
public sealed class UploadLimitException(long seen) : IOException("The upload is larger than allowed.")
{
    public long Seen { get; } = seen;
}
