using System.Globalization;
using Lucene.Net.Search;
using Protokol.Core.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Lucene;

namespace Protokol.Search.Tests;

/// <summary>
/// The top hits found by scoring only the matches whose range bound can beat the top k
/// (<see cref="BoundedTopScoreCollector"/>, <see cref="ScoreBounds"/>) are exactly Lucene's from
/// scoring every match: the same documents in the same order with bit-identical scores, and the
/// same total, on every page.
/// </summary>
public sealed class ScoreBoundsTests
{
    private static readonly string[] Words =
    [
        "kolonihave", "cykelsti", "skolegård", "budget", "havnebad", "bro", "gadelys", "park", "bibliotek", "bænk",
        "legeplads", "mur", "tagrender", "vinduer", "trappe", "lampe", "fortov", "svømmehal", "rundkørsel", "busstop",
        "sportshal", "affald", "genbrug", "vandløb", "skov", "strand", "mole", "havn", "torv", "springvand",
        "plæne", "hegn", "carport", "klokketårn", "rådhus", "kirkegård", "skure", "stier", "brønd", "pavillon",
    ];

    private static readonly string[] Councils = ["haveudvalget", "teknikudvalget", "skoleudvalget", "byraadet"];

    [Fact]
    public async Task The_bounded_top_hits_are_the_hits_and_scores_of_scoring_every_match_on_every_page()
    {
        var path = Directory.CreateTempSubdirectory("protokol-bounds-").FullName;
        try
        {
            using var index = new LuceneIndex(path);
            var random = new Random(17);
            var id = 0;

            // Several commits make several segments; a replaced source leaves deleted documents behind.
            for (var batch = 0; batch < 4; batch++)
            {
                var documents = new List<SearchDocument>();
                for (var i = 0; i < 900; i++)
                {
                    id++;
                    documents.Add(Document(id, Title(random), Text(random)));
                }

                // Exact copies of a few documents: equal scores, so the tie-break decides their order.
                for (var i = 0; i < 40; i++)
                {
                    var original = documents[random.Next(documents.Count)];
                    id++;
                    documents.Add(Document(id, original.Title, original.Text));
                }

                await using var writer = batch == 0 ? await index.OpenRebuildWriterAsync(CancellationToken.None) : await index.OpenWriterAsync(CancellationToken.None);
                if (batch > 0)
                {
                    await writer.ReplaceAsync([.. Enumerable.Range(1, 60).Select(n => $"m:{(n * 7) + (batch * 3)}")], [], CancellationToken.None);
                }

                await writer.ReplaceAsync([], documents, CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            var queries = new List<string>();
            queries.AddRange(Words.Take(8));
            queries.AddRange(Words.TakeLast(6));
            queries.AddRange(["kolonihave cykelsti", "budget park", "bro havnebad gadelys", "\"kolonihave cykelsti\"", "\"bro gadelys\"", "\"budget budget\""]);
            queries.AddRange(["kolonihave OR cykelsti", "pavillon OR brønd", "kolonihave -cykelsti", "park OR \"bro gadelys\"", "kolo*", "budget kolo*"]);

            var searcher = index.Acquire()!;
            try
            {
                var scored = 0L;
                var matched = 0L;
                foreach (var text in queries)
                {
                    foreach (var request in Requests(text))
                    {
                        var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query));
                        var query = LuceneSearchBackend.BuildQuery(analyzed, request);
                        var wanted = request.Page * request.PageSize;
                        var skip = (request.Page - 1) * request.PageSize;

                        var every = TopScoreDocCollector.Create(wanted, docsScoredInOrder: true);
                        searcher.Search(query, every);
                        var expected = every.GetTopDocs(skip, request.PageSize);

                        var bounded = new BoundedTopScoreCollector(wanted, ScoreBounds.Weights(searcher, analyzed));
                        searcher.Search(query, bounded);
                        var actual = bounded.GetTopDocs(skip, request.PageSize);

                        var what = string.Create(CultureInfo.InvariantCulture, $"{request.Query} page {request.Page} of {request.PageSize}, councils {string.Join(',', request.Organizations)}, from {request.From}");
                        Assert.True(every.TotalHits == bounded.TotalHits, what);
                        Assert.True(expected.ScoreDocs.Length == actual.ScoreDocs.Length, what);
                        for (var i = 0; i < expected.ScoreDocs.Length; i++)
                        {
                            Assert.True(expected.ScoreDocs[i].Doc == actual.ScoreDocs[i].Doc, $"{what}: hit {i}");
                            Assert.True(BitConverter.SingleToInt32Bits(expected.ScoreDocs[i].Score) == BitConverter.SingleToInt32Bits(actual.ScoreDocs[i].Score), $"{what}: score {i}");
                        }

                        if (!text.Contains('*', StringComparison.Ordinal))
                        {
                            scored += bounded.Scored;
                            matched += bounded.TotalHits;
                        }
                    }
                }

                // And it does skip: most matches of these queries are counted without being scored.
                Assert.True(scored * 2 < matched, $"scored {scored} of {matched} matches");
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
    public async Task A_common_words_bounds_per_document_hold_every_score_from_above_and_below()
    {
        var path = Directory.CreateTempSubdirectory("protokol-bounds-").FullName;
        try
        {
            using var index = new LuceneIndex(path);
            var random = new Random(23);
            var id = 0;
            for (var batch = 0; batch < 3; batch++)
            {
                var documents = new List<SearchDocument>();
                for (var i = 0; i < 700; i++)
                {
                    id++;
                    documents.Add(Document(id, Title(random), Text(random)));
                }

                await using var writer = batch == 0 ? await index.OpenRebuildWriterAsync(CancellationToken.None) : await index.OpenWriterAsync(CancellationToken.None);
                await writer.ReplaceAsync([], documents, CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            var searcher = index.Acquire()!;
            try
            {
                var reader = searcher.IndexReader;
                var tighter = 0;
                var below = 0;
                var compared = 0;
                foreach (var text in new[] { "kolonihave", "cykelsti", "budget", "kolonihave cykelsti" })
                {
                    var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(text));
                    Assert.All(analyzed.Required.SelectMany(c => c.Alternatives).OfType<TermMatch>(), t => Assert.True(PairedPhraseQuery.WordsOf(reader).Contains(t.Term), t.Term));
                    var weights = ScoreBounds.Weights(searcher, analyzed)!;
                    var scores = new ScoreRecorder();
                    searcher.Search(LuceneSearchBackend.BuildQuery(analyzed, new SearchRequest { Query = text }), scores);
                    foreach (var leaf in reader.Leaves)
                    {
                        var bounds = ScoreBounds.ForSegment(weights, leaf);
                        Assert.True(bounds.PerDocument, text);
                        foreach (var (doc, score) in scores.Of(leaf.DocBase, leaf.AtomicReader.MaxDoc))
                        {
                            var titled = Array.BinarySearch(bounds.TitleDocs, doc) >= 0;
                            var range = bounds.Range(doc >> ScoreBounds.Shift);
                            var own = bounds.Document(doc, doc >> ScoreBounds.Shift, titled);
                            Assert.True(own > score, $"{text}: document {doc} scores {score}, bound {own}");
                            var lower = bounds.Lower(doc);
                            Assert.True(lower < score, $"{text}: document {doc} scores {score}, lower bound {lower}");
                            below += lower > 0.9 * score ? 1 : 0;
                            Assert.True(own <= (titled ? range.WithTitle : range.WithoutTitle), $"{text}: document {doc}");
                            tighter += own < (titled ? range.WithTitle : range.WithoutTitle) ? 1 : 0;
                            compared++;
                        }

                        // The candidates are matches' documents in order, ending with the end mark.
                        Assert.Equal(int.MaxValue, bounds.Candidates[^1]);
                        Assert.True(bounds.Candidates.Length > 1, text);
                        Assert.Equal(bounds.Candidates.Order(), bounds.Candidates);
                    }
                }

                Assert.True(compared > 1_000, $"only {compared} scores compared");
                Assert.True(tighter * 2 > compared, $"the document's bound is below its range's for {tighter} of {compared}");
                Assert.True(below * 2 > compared, $"the lower bound is within 10 % of the score for {below} of {compared}");
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
    public void A_query_with_a_prefix_is_not_bounded_and_is_scored_in_full()
    {
        var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse("budget kolo*"));
        Assert.Null(ScoreBounds.Weights(new IndexSearcher(new global::Lucene.Net.Index.MultiReader()), analyzed));
    }

    /// <summary>Every match's score, by its document number in the top reader.</summary>
    private sealed class ScoreRecorder : ICollector
    {
        private readonly SortedDictionary<int, float> _scores = [];
        private Scorer? _scorer;
        private int _base;

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(global::Lucene.Net.Index.AtomicReaderContext context) => _base = context.DocBase;

        public void Collect(int doc) => _scores[_base + doc] = _scorer!.GetScore();

        public IEnumerable<(int Doc, float Score)> Of(int docBase, int maxDoc) => _scores.Where(s => s.Key >= docBase && s.Key < docBase + maxDoc).Select(s => (s.Key - docBase, s.Value));
    }

    private static IEnumerable<SearchRequest> Requests(string query)
    {
        foreach (var (page, size) in new[] { (1, 20), (3, 20), (1, 5), (7, 10) })
        {
            yield return new SearchRequest { Query = query, Page = page, PageSize = size };
        }

        yield return new SearchRequest { Query = query, Organizations = ["teknikudvalget"] };
        yield return new SearchRequest { Query = query, Organizations = ["haveudvalget", "byraadet"], Page = 2 };
        yield return new SearchRequest { Query = query, From = new DateOnly(2015, 1, 1), To = new DateOnly(2019, 12, 31) };
    }

    /// <summary>A word by a Zipf-like distribution: the first words are common, the last rare.</summary>
    private static string Word(Random random) => Words[(int)Math.Min(Words.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 2.2) * Words.Length))];

    private static string Title(Random random) => string.Join(' ', Enumerable.Range(0, random.Next(0, 5)).Select(_ => Word(random)));

    private static string Text(Random random)
    {
        var length = random.Next(10) == 0 ? random.Next(0, 3) : random.Next(3, 160);
        return string.Join(' ', Enumerable.Range(0, length).Select(_ => Word(random))) + ".";
    }

    private static SearchDocument Document(int id, string title, string text)
    {
        var council = Councils[id % Councils.Length];
        var date = new DateOnly(2010, 1, 1).AddDays(id * 3 % 5000);
        return new SearchDocument($"item:{id}", $"m:{id}", 1, SearchHitType.Item, 1 + (id % Councils.Length), council, council, date, title, text, $"/moeder/{id}#punkt-1", id, "1");
    }
}
