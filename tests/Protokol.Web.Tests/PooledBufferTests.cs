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
    public void A_stand_in_replaces_its_bytes_in_the_hash_by_its_key()
    {
        // The same bytes around a kept text, the text's bytes and key given separately (segments of 1,000 bytes: a range spans them).
        static byte[] Hash(byte[] before, byte[] text, string key, byte[] after, int segmentSize = 1_000)
        {
            using var buffer = new PooledBuffer(segmentSize);
            buffer.Write(before);
            var start = buffer.Length;
            buffer.Write(text);
            buffer.StandIn(start, buffer.Length, key);
            buffer.Write(after);
            return buffer.ContentHash();
        }

        var random = new Random(17);
        byte[] Bytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        var (before, text, other, after) = (Bytes(1_500), Bytes(4_321), Bytes(4_321), Bytes(700));
        var hash = Hash(before, text, "k1", after);

        // The text's bytes do not count, its key does; the bytes around it count; where the key stands counts.
        Assert.Equal(hash, Hash(before, other, "k1", after));
        Assert.Equal(hash, Hash(before, text, "k1", after, segmentSize: 16_384));
        Assert.NotEqual(hash, Hash(before, text, "k2", after));
        Assert.NotEqual(hash, Hash(before, text, "k1", [.. after[..^1], (byte)(after[^1] ^ 1)]));
        Assert.NotEqual(hash, Hash([.. before, .. after], text, "k1", []));
        Assert.NotEqual(System.IO.Hashing.XxHash128.Hash([.. before, .. text, .. after]), hash);

        // Without a stand-in, the hash of every byte, as before; ranges out of order are refused.
        using var plain = new PooledBuffer(1_000);
        plain.Write(before);
        Assert.Equal(System.IO.Hashing.XxHash128.Hash(before), plain.ContentHash());
        plain.StandIn(10, 20, "a");
        Assert.Throws<ArgumentOutOfRangeException>(() => plain.StandIn(15, 30, "b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => plain.StandIn(30, 2_000, "b"));
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
