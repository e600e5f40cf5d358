using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Protokol.Web.Tests;

/// <summary>
/// The OParl API's bytes pinned: every page of every list of the demo municipality (followed by
/// its next links) and every object on them by its own URL, each as the SHA-256 and length of its
/// body, against <c>OParlBytes.golden.txt</c>. A change to how the JSON is read or written (the
/// lean meeting read, writing straight to the response) must not change one byte. A deliberate
/// change to the API's output rewrites the file: run with <c>PROTOKOL_WRITE_OPARL_GOLDEN=1</c>.
/// </summary>
public sealed class OParlBytesTests
{
    private const string Origin = "http://localhost";

    private static string GoldenFile([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "OParlBytes.golden.txt");

    [Fact]
    public async Task Every_page_and_object_of_the_API_is_byte_for_byte_what_it_was()
    {
        // A fresh app: the demo as seeded on the fixed day, untouched by other tests.
        await using var app = new ProtokolAppFactory();
        var client = app.CreateClient();
        var lines = new List<string>();
        var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        // Also small pages (several per list, by cursor and by number) of the lists whose objects are read a meeting at a time.
        var queue = new Queue<string>([
            Origin + "/oparl/v1/system",
            Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=7",
            Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=7&page=3",
            Origin + "/oparl/v1/body/1/meeting?elementsPerPage=3",
            Origin + "/oparl/v1/body/1/file?elementsPerPage=4&page=2",
        ]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var url))
        {
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await client.GetAsync(new Uri(url, UriKind.Absolute));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            var bytes = await response.Content.ReadAsByteArrayAsync();
            bodies[url] = bytes;
            lines.Add($"{url} {bytes.Length} {Convert.ToHexStringLower(SHA256.HashData(bytes))}");
            foreach (var next in Links(JsonNode.Parse(bytes)!.AsObject(), url))
            {
                queue.Enqueue(next);
            }
        }

        Assert.True(lines.Count > 200, $"only {lines.Count} responses walked");
        var golden = GoldenFile();
        if (Environment.GetEnvironmentVariable("PROTOKOL_WRITE_OPARL_GOLDEN") == "1")
        {
            await File.WriteAllLinesAsync(golden, lines, new UTF8Encoding(false));
        }

        var expected = await File.ReadAllLinesAsync(golden);
        for (var i = 0; i < Math.Max(expected.Length, lines.Count); i++)
        {
            var want = i < expected.Length ? expected[i] : "(nothing)";
            var got = i < lines.Count ? lines[i] : "(nothing)";
            if (want != got)
            {
                var url = got.Split(' ')[0];
                var kept = Path.Combine(Path.GetTempPath(), "oparl-bytes-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..12] + ".json");
                if (bodies.TryGetValue(url, out var body))
                {
                    await File.WriteAllBytesAsync(kept, body);
                }

                Assert.Fail($"Response {i + 1} differs.\nexpected: {want}\nactual:   {got}\n(the body is in {kept})");
            }
        }
    }

    /// <summary>The body, its lists and the next pages of a list to follow; the objects of a page by their own URL.</summary>
    private static IEnumerable<string> Links(JsonObject json, string url)
    {
        if (json["data"] is JsonArray data)
        {
            foreach (var item in data)
            {
                yield return item!["id"]!.GetValue<string>();
            }

            if (json["links"]?["next"] is { } next)
            {
                yield return next.GetValue<string>();
            }

            yield break;
        }

        if (url.EndsWith("/system", StringComparison.Ordinal))
        {
            yield return json["body"]!.GetValue<string>();
        }

        if (json["type"]?.GetValue<string>() == "https://schema.oparl.org/1.1/Body")
        {
            foreach (var list in new[] { "organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file", "locationList", "legislativeTermList" })
            {
                yield return json[list]!.GetValue<string>();
            }
        }
    }
}
