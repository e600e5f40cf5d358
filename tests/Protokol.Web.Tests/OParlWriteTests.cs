using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Protokol.Web.OParl;

namespace Protokol.Web.Tests;

public sealed class OParlWriteTests
{
    [Fact]
    public void A_long_text_written_in_parts_gives_the_bytes_it_gives_written_at_once()
    {
        // Escaped characters, Danish letters and surrogate pairs, one of them across the first part's end (2,048 characters).
        var words = string.Concat(Enumerable.Range(0, 4_000).Select(i => i % 7 == 0 ? "æ\"\n<" : i % 11 == 0 ? "😀" : "ord "));
        var across = new string('a', 2_047) + "😀" + words;
        var json = new JsonObject
        {
            ["text"] = across,
            ["list"] = new JsonArray("kort", words, 1, true, new JsonObject { ["nested"] = words + "ø" }),
            ["short"] = "æøå",
            ["none"] = null,
        };

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, OParlEndpoints.WriterOptions))
        {
            OParlEndpoints.Write(writer, json);
        }

        Assert.Equal(json.ToJsonString(OParlEndpoints.Options), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
