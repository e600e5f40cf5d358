using System.Buffers;

namespace Protokol.Web.Tests;

public sealed class PooledBufferTests
{
    [Fact]
    public async Task Holds_every_byte_written_in_order_across_growth()
    {
        var expected = new byte[100_000];
        new Random(17).NextBytes(expected);
        using var buffer = new PooledBuffer(segmentSize: 1_000);
        var at = 0;
        foreach (var size in new[] { 1, 999, 1, 5_000, 30_000, 7, 63_992 })
        {
            if (size % 2 == 1)
            {
                buffer.Write(expected, at, size);
            }
            else
            {
                await buffer.WriteAsync(expected.AsMemory(at, size));
            }

            at += size;
        }

        Assert.Equal(expected.Length, at);
        Assert.Equal(expected.Length, buffer.Length);
        Assert.True(buffer.Written.ToArray().AsSpan().SequenceEqual(expected));
        Assert.Equal(System.IO.Hashing.XxHash128.Hash(expected), buffer.ContentHash());
        using var copy = new MemoryStream();
        await buffer.WriteToAsync(copy, CancellationToken.None);
        Assert.Equal(expected, copy.ToArray());
    }

    [Fact]
    public void A_json_writer_writes_straight_into_the_segments()
    {
        using var buffer = new PooledBuffer(segmentSize: 4_096);
        var text = new string('æ', 30_000);
        using (var writer = new System.Text.Json.Utf8JsonWriter((System.Buffers.IBufferWriter<byte>)buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < 2_000; i++)
            {
                writer.WriteNumberValue(i);
            }

            writer.WriteStringValue(text);
            writer.WriteEndArray();
        }

        var expected = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Enumerable.Range(0, 2_000).Select(i => (object)i).Append(text));
        Assert.Equal(expected, buffer.Written.ToArray());
        Assert.True(buffer.Written.Length > 4_096 * 3, "written across several segments");
    }

    [Fact]
    public void Is_write_only_and_refuses_writes_after_disposal()
    {
        var buffer = new PooledBuffer(segmentSize: 16);
        Assert.False(buffer.CanRead);
        Assert.Throws<NotSupportedException>(() => buffer.Read(new byte[1], 0, 1));
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.Write(new byte[32]));
    }
}
