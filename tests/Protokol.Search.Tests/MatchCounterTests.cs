using System.Globalization;
using Lucene.Net.Index;
using Protokol.Core.Meetings;
using Protokol.Core.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Lucene;

namespace Protokol.Search.Tests;

/// <summary>
/// Counting the matches and facets from the postings (<see cref="MatchCounter"/>) with the top k
/// visiting only the matches that could enter it gives exactly what collecting every match through
/// Lucene's scorer gives: the same total, facets, documents in the same order and bit-identical
/// scores, for every query shape and filter; shapes it does not handle take the scorer's path.
/// </summary>
public sealed class MatchCounterTests
{
    private static readonly string[] Words =
    [
        "kolonihave", "cykelsti", "skolegård", "budget", "havnebad", "bro", "gadelys", "park", "bibliotek", "bænk",
        "legeplads", "mur", "tagrender", "vinduer", "trappe", "lampe", "fortov", "svømmehal", "rundkørsel", "busstop",
        "sportshal", "affald", "genbrug", "vandløb", "skov", "strand", "mole", "havn", "torv", "springvand",
    ];

    private static readonly string[] Councils = ["haveudvalget", "teknikudvalget", "skoleudvalget", "byraadet", "kulturudvalget"];

    [Fact]
    public async Task Counting_from_the_postings_gives_the_totals_facets_hits_and_scores_of_collecting_every_match()
    {
        var path = Directory.CreateTempSubdirectory("protokol-counter-").FullName;
        try
        {
            using var index = new LuceneIndex(path);
            var random = new Random(29);
            var id = 0;

            // Several commits make several segments; replaced sources leave deleted documents behind.
            for (var batch = 0; batch < 4; batch++)
            {
                var documents = new List<SearchDocument>();
                for (var i = 0; i < 800; i++)
                {
                    id++;
                    documents.Add(Document(id, random));
                }

                await using var writer = batch == 0 ? await index.OpenRebuildWriterAsync(CancellationToken.None) : await index.OpenWriterAsync(CancellationToken.None);
                if (batch > 0)
                {
                    await writer.ReplaceAsync([.. Enumerable.Range(1, 80).Select(n => $"m:{(n * 11) + (batch * 5)}")], [], CancellationToken.None);
                }

                await writer.ReplaceAsync([], documents, CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            string[] queries =
            [
                "kolonihave", "cykelsti", "budget", "park", "springvand", "havn", "ukendtord",
                "kolonihave cykelsti", "budget park bro", "kolonihave ukendtord", "kolonihave budget cykelsti skolegård",
                "kolonihave OR springvand", "havn OR torv OR mole", "kolonihave OR ukendtord", "budget (park OR havn)",
                "kolonihave -cykelsti", "budget -park -bro", "kolonihave -(cykelsti OR budget)", "cykelsti -ukendtord", "havn -havn",
                "\"kolonihave cykelsti\"", "budget \"bro gadelys\"", "kolo*", "budget kolo*",
            ];

            var searcher = index.Acquire()!;
            try
            {
                // The conjunctions of common words are counted from their kept bits (CommonTermBits), in segments with deletions too.
                var reader = searcher.IndexReader;
                string[] common = [.. new[] { "kolonihave", "cykelsti", "budget", "park", "bro", "skolegård" }.Select(w => DanishSearchAnalyzer.Instance.Tokens(w)[0].Term)];
                Assert.All(common, w => Assert.True(PairedPhraseQuery.WordsOf(reader).Contains(w), w));
                Assert.Contains(reader.Leaves, l => l.AtomicReader.HasDeletions);
                foreach (var leaf in reader.Leaves)
                {
                    foreach (var word in common)
                    {
                        var bits = CommonTermBits.For(leaf, reader, word);
                        var docFreq = leaf.AtomicReader.DocFreq(new Term(LuceneIndex.All, word));
                        Assert.Equal(docFreq, bits?.Sum(b => System.Numerics.BitOperations.PopCount((ulong)b)) ?? 0);
                    }
                }

                Assert.Null(CommonTermBits.For(reader.Leaves[0], reader, DanishSearchAnalyzer.Instance.Tokens("ukendtord")[0].Term));

                var counted = 0;
                var scored = 0L;
                var matched = 0L;
                foreach (var text in queries)
                {
                    foreach (var request in Requests(text))
                    {
                        var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query));
                        var what = string.Create(CultureInfo.InvariantCulture, $"{request.Query} page {request.Page} of {request.PageSize}, councils {string.Join(',', request.Organizations)}, from {request.From} to {request.To}, person {request.PersonId}, kind {request.Kind}, decision {request.HasDecision}, type {request.Type}, sort {request.Sort}");
                        if (analyzed.MatchesNothing)
                        {
                            continue;
                        }

                        var every = LuceneSearchBackend.Collect(searcher, analyzed, request, countFromPostings: false);
                        var fast = LuceneSearchBackend.Collect(searcher, analyzed, request, countFromPostings: true);

                        Assert.True(every.Total == fast.Total, $"{what}: total {every.Total} vs {fast.Total}");
                        Assert.Equal(every.Facets.Years.OrderBy(y => y.Key), fast.Facets.Years.OrderBy(y => y.Key));
                        Assert.Equal(every.Facets.Organizations().OrderBy(o => o.Slug, StringComparer.Ordinal), fast.Facets.Organizations().OrderBy(o => o.Slug, StringComparer.Ordinal));
                        Assert.True(every.Docs.ScoreDocs.Length == fast.Docs.ScoreDocs.Length, what);
                        for (var i = 0; i < every.Docs.ScoreDocs.Length; i++)
                        {
                            Assert.True(every.Docs.ScoreDocs[i].Doc == fast.Docs.ScoreDocs[i].Doc, $"{what}: hit {i}");
                            Assert.True(BitConverter.SingleToInt32Bits(every.Docs.ScoreDocs[i].Score) == BitConverter.SingleToInt32Bits(fast.Docs.ScoreDocs[i].Score), $"{what}: score {i}");
                        }

                        if (MatchCounter.For(analyzed, request) is not null && request.Sort == SearchSort.Relevance)
                        {
                            counted++;
                            scored += fast.Scored;
                            matched += fast.Total;
                        }
                        else
                        {
                            Assert.Equal(every.Scored, fast.Scored);
                        }
                    }
                }

                // Most shapes are counted from the postings, and most of their matches are not scored.
                Assert.True(counted > 200, $"{counted} searches counted from the postings");
                Assert.True(scored * 3 < matched, $"scored {scored} of {matched} matches");
            }
            finally
            {
                index.Release(searcher);
            }
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public void Phrases_prefixes_and_listing_by_filters_alone_are_not_counted_from_the_postings()
    {
        Assert.Null(MatchCounter.For(Analyze("\"kolonihave cykelsti\""), new SearchRequest()));
        Assert.Null(MatchCounter.For(Analyze("budget kolo*"), new SearchRequest()));
        Assert.Null(MatchCounter.For(Analyze("budget OR \"bro gadelys\""), new SearchRequest()));
        Assert.Null(MatchCounter.For(Analyze(string.Empty), new SearchRequest { Organizations = ["byraadet"] }));
        Assert.NotNull(MatchCounter.For(Analyze("budget -park (havn OR torv)"), new SearchRequest { Organizations = ["byraadet"], From = new DateOnly(2012, 1, 1) }));
    }

    private static AnalyzedQuery Analyze(string text) => AnalyzedQuery.Analyze(SearchQueryParser.Parse(text));

    private static IEnumerable<SearchRequest> Requests(string query)
    {
        foreach (var (page, size) in new[] { (1, 20), (3, 20), (1, 5), (9, 10), (1, 1) })
        {
            yield return new SearchRequest { Query = query, Page = page, PageSize = size };
        }

        yield return new SearchRequest { Query = query, Organizations = ["teknikudvalget"] };
        yield return new SearchRequest { Query = query, Organizations = ["haveudvalget", "byraadet", "ukendt"], Page = 2 };
        yield return new SearchRequest { Query = query, Organizations = ["ukendt"] };
        yield return new SearchRequest { Query = query, From = new DateOnly(2013, 1, 1), To = new DateOnly(2016, 12, 31) };
        yield return new SearchRequest { Query = query, From = new DateOnly(2020, 3, 1) };
        yield return new SearchRequest { Query = query, To = new DateOnly(2011, 6, 30) };
        yield return new SearchRequest { Query = query, PersonId = 3 };
        yield return new SearchRequest { Query = query, Kind = AgendaItemKind.Decision, HasDecision = true };
        yield return new SearchRequest { Query = query, Type = SearchHitType.Meeting, Organizations = ["byraadet"] };
        yield return new SearchRequest { Query = query, Sort = SearchSort.Newest };
    }

    /// <summary>A word by a Zipf-like distribution: the first words are common, the last rare.</summary>
    private static string Word(Random random) => Words[(int)Math.Min(Words.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 2.2) * Words.Length))];

    private static SearchDocument Document(int id, Random random)
    {
        var title = string.Join(' ', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Word(random)));
        var text = string.Join(' ', Enumerable.Range(0, random.Next(10) == 0 ? random.Next(0, 3) : random.Next(3, 120)).Select(_ => Word(random))) + ".";

        // Some documents have no council or no date; people, kinds, decisions and types vary.
        var council = id % 13 == 0 ? null : Councils[random.Next(Councils.Length)];
        DateOnly? date = id % 17 == 0 ? null : new DateOnly(2009, 1, 1).AddDays(random.Next(0, 5000));
        var type = id % 9 == 0 ? SearchHitType.Meeting : SearchHitType.Item;
        var kind = (AgendaItemKind)random.Next(4);
        int[] people = [.. Enumerable.Range(1, 6).Where(_ => random.Next(3) == 0)];
        return new SearchDocument($"item:{id}", $"m:{id}", 1, type, council is null ? null : 1 + Array.IndexOf(Councils, council), council, council, date, title, text, $"/moeder/{id}#punkt-1", id, "1", kind, random.Next(2) == 0, people);
    }
}
