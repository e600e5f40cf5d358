using Protokol.Core.Search;
using Protokol.Search.Lucene;

namespace Protokol.Search.Tests;

/// <summary>
/// The portal's searches share one searcher and its open index files, read by positional reads into each
/// input's own buffer (<see cref="LuceneIndex"/>): many searches at once find exactly what each finds alone.
/// </summary>
public sealed class ConcurrentSearchTests
{
    private static readonly string[] Words =
    [
        "kommunen", "borgerne", "hjemløse", "boliger", "rådet", "herberg", "misbrug", "budget", "høring", "udsatte",
        "sundhed", "gaden", "kolonihave", "væresteder", "beskæftigelse", "ungdom", "tandpleje", "sygeplejerske", "frivillige", "natcafé",
    ];

    [Fact]
    public async Task Searches_at_the_same_time_find_what_each_finds_alone()
    {
        var path = Directory.CreateTempSubdirectory("protokol-index-").FullName;
        try
        {
            using var index = new LuceneIndex(path);
            await using (var writer = await index.OpenRebuildWriterAsync(CancellationToken.None))
            {
                await writer.ReplaceAsync([], Documents(3_000), CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            var engine = new SearchEngine(new LuceneSearchBackend(index));
            SearchRequest[] requests =
            [
                new() { Query = "kommunen" },
                new() { Query = "kommunen borgerne" },
                new() { Query = "\"hjemløse boliger\"" },
                new() { Query = "rådet -budget" },
                new() { Query = "sund*" },
                new() { Query = "natcafé OR herberg" },
                new() { Query = "udsatte", Sort = SearchSort.Newest },
                new() { Query = "frivillige", Page = 3 },
                new() { Query = "tandpleje ungdom", Sort = SearchSort.Oldest },
                new() { Query = "beskæftigelse væresteder gaden" },
            ];

            var alone = new List<string>();
            foreach (var request in requests)
            {
                alone.Add(Shown(await engine.SearchAsync(request, CancellationToken.None)));
            }

            Assert.All(alone, a => Assert.DoesNotMatch("^0 ", a));

            // Eight searchers, each running every query five times in its own order, all at once.
            var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(searcher => Task.Run(async () =>
            {
                var random = new Random(searcher);
                var found = new List<(int Query, string Shown)>();
                for (var round = 0; round < 5; round++)
                {
                    foreach (var q in Enumerable.Range(0, requests.Length).OrderBy(_ => random.Next()))
                    {
                        found.Add((q, Shown(await engine.SearchAsync(requests[q], CancellationToken.None))));
                    }
                }

                return found;
            })));

            var results = together.SelectMany(f => f).ToList();
            Assert.Equal(8 * 5 * requests.Length, results.Count);
            Assert.All(results, r => Assert.Equal(alone[r.Query], r.Shown));
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Everything a result page shows: total, facets, and each hit with its title and snippet.</summary>
    private static string Shown(SearchResult result) =>
        $"{result.Total} | {string.Join(",", result.Years.Select(y => $"{y.Value}:{y.Count}"))} | {string.Join(",", result.Organizations.Select(o => $"{o.Value}:{o.Count}"))} | "
        + string.Join(" ; ", result.Hits.Select(h => $"{h.Key} {h.Date} {string.Concat(h.TitleParts.Select(p => p.Match ? $"[{p.Text}]" : p.Text))} {string.Concat(h.Snippet.Select(p => p.Match ? $"[{p.Text}]" : p.Text))}"));

    /// <summary>Deterministic agenda items of ten councils over six years, each a title and a text of the words above.</summary>
    private static List<SearchDocument> Documents(int count)
    {
        var random = new Random(17);
        var documents = new List<SearchDocument>(count);
        for (var id = 1; id <= count; id++)
        {
            var organization = 1 + (id % 10);
            var title = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Words[random.Next(Words.Length)]));
            var text = string.Join(' ', Enumerable.Range(0, 40 + random.Next(400)).Select(i => i % 9 == 8 ? "." : Words[random.Next(Words.Length)]));
            documents.Add(new SearchDocument(
                $"item:{id}", $"m:{id}", 1, SearchHitType.Item, organization, $"udvalg-{organization}", $"Udvalg {organization}",
                new DateOnly(2020 + (id % 6), 1 + (id % 12), 1 + (id % 28)), title, text, $"/moeder/{id}#punkt-1", id, "1"));
        }

        return documents;
    }
}
