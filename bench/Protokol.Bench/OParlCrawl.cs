using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Protokol.Bench;

/// <summary>
/// A full OParl crawl as an aggregator syncing the archive would make it (issue 17): from the
/// System object to each body and every one of the body's lists, following each list's
/// <c>next</c> links to the end, one request at a time. Prints per list the objects and pages read
/// against the list's <c>totalElements</c>, and in total the wall time, requests, objects per
/// second and, given the portal's process id, its CPU time per request (from /proc).
/// </summary>
internal static class OParlCrawl
{
    private static readonly string[] Lists = ["organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file", "locationList", "legislativeTermList"];

    public static async Task<int> RunAsync(string system, int? portalPid, int pageSize, int warmUp, int minRequests = 0)
    {
        var culture = CultureInfo.InvariantCulture;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        if (warmUp > 0)
        {
            // A fresh portal runs its first requests on unoptimized code (tiered JIT): read each list's first two pages a few times, uncounted.
            await WarmUpAsync(http, system, warmUp);
        }

        var cpu0 = CpuTicks(portalPid);
        var clock = Stopwatch.StartNew();
        long requests = 0, objects = 0, bytes = 0;
        var problems = 0;

        async Task<JsonDocument> GetAsync(string url)
        {
            requests++;
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            bytes += body.Length;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(string.Create(culture, $"{url}: HTTP {(int)response.StatusCode}"));
            }

            return JsonDocument.Parse(body);
        }

        using var systemObject = await GetAsync(system);
        var bodies = new List<JsonElement>();
        var bodyList = systemObject.RootElement.GetProperty("body").GetString()!;
        using (var first = await GetAsync(bodyList))
        {
            bodies.AddRange(first.RootElement.GetProperty("data").EnumerateArray().Select(b => b.Clone()));
        }

        // One list to its end by its next links: pages, objects, the list's totalElements, repeated ids, and 1 when a next link went back.
        async Task<(int Pages, int Count, int Total, int Duplicates, int Loops)> ReadListAsync(string? next, string list)
        {
            var (pages, count, total, duplicates) = (0, 0, -1, 0);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var visited = new HashSet<string>(StringComparer.Ordinal);
            while (next is not null)
            {
                if (!visited.Add(next))
                {
                    Console.WriteLine($"  {list}: the next link goes back to {next}; stopped");
                    return (pages, count, total, duplicates, 1);
                }

                using var page = await GetAsync(next);
                pages++;
                var root = page.RootElement;
                if (total < 0 && root.TryGetProperty("pagination", out var pagination) && pagination.TryGetProperty("totalElements", out var t))
                {
                    total = t.GetInt32();
                }

                foreach (var item in root.GetProperty("data").EnumerateArray())
                {
                    count++;
                    if (!seen.Add(item.GetProperty("id").GetString()!))
                    {
                        duplicates++;
                    }
                }

                next = root.TryGetProperty("links", out var links) && links.TryGetProperty("next", out var n) ? n.GetString() : null;
            }

            return (pages, count, total, duplicates, 0);
        }

        objects += bodies.Count;
        // With minRequests, the lists are crawled again until that many requests were made (a small archive's crawl is too
        // short for /proc's 10 ms ticks); the lines per list are the first round's, the totals all rounds'.
        var rounds = 0;
        do
        {
            rounds++;
            foreach (var body in bodies)
            {
                if (rounds == 1)
                {
                    Console.WriteLine(string.Create(culture, $"body {body.GetProperty("id").GetString()}"));
                }

                foreach (var list in Lists)
                {
                    if (!body.TryGetProperty(list, out var start) || start.GetString() is not { } url)
                    {
                        continue;
                    }

                    var listClock = Stopwatch.StartNew();
                    var listCpu = CpuTicks(portalPid);
                    var (pages, count, total, duplicates, loops) = await ReadListAsync(pageSize > 0 ? url + "?elementsPerPage=" + pageSize.ToString(culture) : url, list);
                    problems += loops;
                    objects += count;
                    var agrees = count == total && duplicates == 0;
                    problems += agrees ? 0 : 1;
                    var perPage = portalPid is null ? "" : string.Create(culture, $", portal CPU {(CpuTicks(portalPid) - listCpu) * 1000.0 / ClockTicksPerSecond / pages,7:F2} ms/page");
                    if (rounds == 1 || !agrees)
                    {
                        Console.WriteLine(string.Create(culture,
                            $"  {list,-20} {count,9:N0} objects in {pages,6:N0} pages, {listClock.Elapsed.TotalSeconds,7:F1} s{perPage}; totalElements {total:N0}{(duplicates > 0 ? $", {duplicates:N0} duplicates" : "")}{(agrees ? "" : "  MISMATCH")}"));
                    }
                }
            }
        }
        while (requests < minRequests);

        clock.Stop();
        var cpu = CpuTicks(portalPid) - cpu0;
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(culture,
            $"crawl: {objects:N0} objects in {requests:N0} requests{(rounds > 1 ? $" ({rounds} rounds)" : "")}, {bytes / 1e6:F1} MB, {seconds:F1} s: {objects / seconds:N0} objects/s, {requests / seconds:F1} requests/s"));
        if (portalPid is not null)
        {
            var ms = cpu * 1000.0 / ClockTicksPerSecond;
            Console.WriteLine(string.Create(culture, $"portal CPU: {ms / 1000:F1} s, {ms / requests:F2} ms per request, {ms * 1000 / Math.Max(1, objects):F0} µs per object"));
        }

        Console.WriteLine(problems == 0 ? "every list read to its end, counts agree with totalElements" : string.Create(culture, $"{problems} lists did not agree with their totalElements"));
        return problems == 0 ? 0 : 1;
    }

    private static async Task WarmUpAsync(HttpClient http, string system, int times)
    {
        using var systemObject = JsonDocument.Parse(await http.GetStringAsync(system));
        using var bodies = JsonDocument.Parse(await http.GetStringAsync(systemObject.RootElement.GetProperty("body").GetString()));
        var lists = bodies.RootElement.GetProperty("data").EnumerateArray()
            .SelectMany(b => Lists.Where(l => b.TryGetProperty(l, out _)).Select(l => b.GetProperty(l).GetString()!)).ToList();
        for (var i = 0; i < times; i++)
        {
            foreach (var list in lists)
            {
                // The first page and the one its next link names: a crawl reads most pages by their cursor.
                using var first = JsonDocument.Parse(await http.GetByteArrayAsync(list));
                if (first.RootElement.TryGetProperty("links", out var links) && links.TryGetProperty("next", out var next) && next.GetString() is { } url)
                {
                    _ = await http.GetByteArrayAsync(url);
                }
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    /// <summary>Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux).</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>The process's user and system time in clock ticks, from /proc; 0 without a process.</summary>
    private static long CpuTicks(int? pid)
    {
        if (pid is null)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{pid.Value.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
