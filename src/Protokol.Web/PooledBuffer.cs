using System.Buffers;

namespace Protokol.Web;

/// <summary>
/// A write-only stream (and <see cref="IBufferWriter{T}"/>) over segments rented from the shared
/// pool, for a response that must be held whole before it is sent (<see cref="PublicCaching"/>
/// hashes the body for its ETag). The segments are small (16 KB): a response of 700 KB is 44 of
/// them, given back after the request, instead of one array grown by doubling to 1 MB, whose
/// every size the pool then keeps per thread (issue 17: the portal's peak memory). A
/// <see cref="System.Text.Json.Utf8JsonWriter"/> writes straight into them.
/// </summary>
internal sealed class PooledBuffer(int segmentSize = PooledBuffer.DefaultSegmentSize) : Stream, IBufferWriter<byte>
{
    public const int DefaultSegmentSize = 16 * 1024;

    private readonly List<Segment> _segments = [];
    private long _length;
    private bool _disposed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The written bytes as one sequence of the segments (valid until the next write or disposal).</summary>
    public ReadOnlySequence<byte> Written
    {
        get
        {
            if (_segments.Count == 0)
            {
                return ReadOnlySequence<byte>.Empty;
            }

            if (_segments.Count == 1)
            {
                return new ReadOnlySequence<byte>(_segments[0].Array, 0, _segments[0].Used);
            }

            var first = new Chunk(_segments[0].Array.AsMemory(0, _segments[0].Used), 0);
            var last = first;
            for (var i = 1; i < _segments.Count; i++)
            {
                last = last.Append(_segments[i].Array.AsMemory(0, _segments[i].Used));
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }

    /// <summary>
    /// The 128-bit XXH3 hash of the bytes written: the ETag only has to change when the bytes do, which a
    /// non-cryptographic hash of this width does as surely as SHA-256, at a small part of its cost (SHA-256
    /// took 0.1–0.3 ms of a 174 KB OParl page).
    /// </summary>
    public byte[] ContentHash()
    {
        var hash = new System.IO.Hashing.XxHash128();
        if (_standIns is null)
        {
            foreach (var segment in _segments)
            {
                hash.Append(segment.Array.AsSpan(0, segment.Used));
            }

            return hash.GetCurrentHash();
        }

        // Every byte but those of the stand-ins' ranges, and in place of each range its key between two 0xFF bytes (a byte
        // UTF-8 never has), so that the same key in another place, or two keys run together, never hash alike.
        var next = 0;
        long position = 0;
        foreach (var segment in _segments)
        {
            var bytes = segment.Array.AsSpan(0, segment.Used);
            while (bytes.Length > 0)
            {
                if (next < _standIns.Count && _standIns[next].Start <= position)
                {
                    var skip = (int)Math.Min(bytes.Length, _standIns[next].End - position);
                    bytes = bytes[skip..];
                    position += skip;
                    if (position == _standIns[next].End)
                    {
                        AppendStandIn(hash, _standIns[next++].Key);
                    }

                    continue;
                }

                var take = next < _standIns.Count ? (int)Math.Min(bytes.Length, _standIns[next].Start - position) : bytes.Length;
                hash.Append(bytes[..take]);
                bytes = bytes[take..];
                position += take;
            }
        }

        while (next < _standIns.Count)
        {
            AppendStandIn(hash, _standIns[next++].Key);
        }

        return hash.GetCurrentHash();
    }

    private List<(long Start, long End, string Key)>? _standIns;

    /// <summary>
    /// Lets <paramref name="key"/> stand for the bytes written from <paramref name="start"/> up to <paramref name="end"/> in
    /// <see cref="ContentHash"/> (ranges in order, not overlapping): for bytes kept under a key that names every input they were
    /// made from (a kept minutes' text), so that the ETag changes when they do without hashing them (issue 17).
    /// </summary>
    public void StandIn(long start, long end, string key)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, _length);
        if (_standIns is { Count: > 0 } && _standIns[^1].End > start)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "Stand-ins are given in order and do not overlap.");
        }

        (_standIns ??= []).Add((start, end, key));
    }

    private static void AppendStandIn(System.IO.Hashing.XxHash128 hash, string key)
    {
        ReadOnlySpan<byte> mark = [0xFF];
        hash.Append(mark);
        hash.Append(System.Text.Encoding.UTF8.GetBytes(key));
        hash.Append(mark);
    }

    /// <summary>Writes the bytes to <paramref name="target"/>, a segment at a time.</summary>
    public async Task WriteToAsync(Stream target, CancellationToken cancellationToken)
    {
        foreach (var segment in _segments)
        {
            await target.WriteAsync(segment.Array.AsMemory(0, segment.Used), cancellationToken);
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint).AsMemory();

    public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint).AsSpan();

    public void Advance(int count)
    {
        var last = _segments[^1];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, last.Array.Length - last.Used);
        last.Used += count;
        _length += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var room = Room(1);
            var count = Math.Min(room.Count, buffer.Length);
            buffer[..count].CopyTo(room);
            Advance(count);
            buffer = buffer[count..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

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

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            foreach (var segment in _segments)
            {
                ArrayPool<byte>.Shared.Return(segment.Array);
            }

            _segments.Clear();
            _length = 0;
        }

        base.Dispose(disposing);
    }

    /// <summary>The free part of the last segment, or of a new one, at least <paramref name="sizeHint"/> bytes long.</summary>
    private ArraySegment<byte> Room(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var needed = Math.Max(sizeHint, 1);
        if (_segments.Count == 0 || _segments[^1].Array.Length - _segments[^1].Used < needed)
        {
            _segments.Add(new Segment(ArrayPool<byte>.Shared.Rent(Math.Max(needed, segmentSize))));
        }

        var last = _segments[^1];
        return new ArraySegment<byte>(last.Array, last.Used, last.Array.Length - last.Used);
    }

    private sealed class Segment(byte[] array)
    {
        public byte[] Array { get; } = array;

        public int Used { get; set; }
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
