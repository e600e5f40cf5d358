namespace Protokol.Web.Tests;

public sealed class PooledBufferTests
{
    [Fact]
    public async Task Holds_every_byte_written_in_order_across_growth()
    {
        var expected = new byte[100_000];
        new Random(17).NextBytes(expected);
        using var buffer = new PooledBuffer(capacity: 1_000);
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
        Assert.True(buffer.Written.Span.SequenceEqual(expected));
    }

    [Fact]
    public void Is_write_only_and_refuses_writes_after_disposal()
    {
        var buffer = new PooledBuffer(capacity: 16);
        Assert.False(buffer.CanRead);
        Assert.Throws<NotSupportedException>(() => buffer.Read(new byte[1], 0, 1));
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.Write(new byte[32]));
    }
}
