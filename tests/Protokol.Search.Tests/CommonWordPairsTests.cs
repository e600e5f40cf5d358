using System.Globalization;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Protokol.Core.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Lucene;
using Directory = System.IO.Directory;

namespace Protokol.Search.Tests;

/// <summary>
/// Pairs of adjacent common words indexed as one term (<see cref="CommonWords"/>, <see cref="PairedPhraseQuery"/>)
/// change how fast a phrase is found, never what is found: an index with them finds for every phrase
/// shape exactly the documents, order, scores, totals and facets of the same index without them.
/// </summary>
public sealed class CommonWordPairsTests
{
    private static readonly string[] Words =
    [
        "kolonihave", "cykelsti", "skolegård", "budget", "havnebad", "bro", "gadelys", "park", "bibliotek", "bænk",
        "legeplads", "mur", "tagrender", "vinduer", "trappe", "lampe", "fortov", "svømmehal", "rundkørsel", "busstop",
        "kolonihaven", "kolonihaver", "cykelstier", "Aabenraa", "åbenrå", "og", "i", "at", "ikke",
    ];

    private static readonly string[] Councils = ["haveudvalget", "teknikudvalget", "skoleudvalget", "byraadet"];

    [Fact]
    public void The_pairs_field_holds_each_two_adjacent_common_terms_and_no_pair_across_a_stop_word()
    {
        string k = Stem("kolonihave"), c = Stem("cykelsti"), b = Stem("budget");
        var words = CommonWords.Of([k, c, b]);
        var analyzer = new IndexAnalyzer("pairs") { Words = words };
        using var stream = analyzer.GetTokenStream("pairs", "Kolonihaven cykelstien og budget kolonihaver kolonihave bro budget budget, Budget");
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var pairs = new List<string>();
        while (stream.IncrementToken())
        {
            pairs.Add(term.ToString());
        }

        stream.End();
        Assert.Equal([$"{k} {c}", $"{b} {k}", $"{k} {k}", $"{b} {b}", $"{b} {b}"], pairs);

        // Any other field is analyzed as before.
        Assert.Equal(
            DanishSearchAnalyzer.Instance.Tokens("Kolonihaven og cykelstien"),
            TokensOf(analyzer, "all", "Kolonihaven og cykelstien"));
    }

    [Fact]
    public void The_common_words_are_the_terms_a_share_of_the_documents_hold_and_survive_their_kept_form()
    {
        var documents = Enumerable.Range(0, 100).Select(i => (Title: i % 2 == 0 ? "Kolonihaven" : "Park", Text: i % 10 == 0 ? "cykelstien og budget" : "bro")).ToList();
        var words = CommonWords.Choose(documents, share: 0.3);
        Assert.Equal(["bro", "kolonihav", "park"], words.Terms.Order(StringComparer.Ordinal));
        Assert.Equal(words.Terms.Order(StringComparer.Ordinal), CommonWords.Parse(words.Serialize()).Terms.Order(StringComparer.Ordinal));
        Assert.Equal(0, CommonWords.Parse(string.Empty).Count);
        Assert.Equal(["kolonihav park"], words.PairsOf(DanishSearchAnalyzer.Instance.Tokens("kolonihaven park bro og park")).Take(1));
        Assert.Equal(["kolonihav park", "park bro", "bro park"], words.PairsOf(DanishSearchAnalyzer.Instance.Tokens("kolonihaven park, bro park")));
        Assert.Empty(words.PairsOf(DanishSearchAnalyzer.Instance.Tokens("kolonihaven og park")));
    }

    [Fact]
    public async Task Every_phrase_finds_with_the_pairs_exactly_what_it_finds_without_them()
    {
        var withPairs = Directory.CreateTempSubdirectory("protokol-pairs-").FullName;
        var without = Directory.CreateTempSubdirectory("protokol-nopairs-").FullName;
        try
        {
            // The first eight words are the common ones (the choice itself is the test above); "fortov" is not.
            using var paired = new LuceneIndex(withPairs) { FixedCommonWords = CommonWords.Of(Words.Take(8).Select(w => DanishSearchAnalyzer.Instance.Tokens(w)[0].Term)) };
            using var plain = new LuceneIndex(without) { FixedCommonWords = CommonWords.None };
            var random = new Random(23);
            var id = 0;

            // Several commits (segments), replaced sources (deleted documents), and in the later batches a
            // word that was not common at the full build becomes common ("fortov"): its phrases stay exact.
            for (var batch = 0; batch < 4; batch++)
            {
                var documents = new List<SearchDocument>();
                for (var i = 0; i < 700; i++)
                {
                    id++;
                    var text = Text(random);
                    if (batch > 0 && random.Next(3) == 0)
                    {
                        text = "fortov fortov kolonihave " + text + " kolonihave fortov";
                    }

                    documents.Add(Document(id, Title(random), text));
                }

                foreach (var index in new[] { paired, plain })
                {
                    await using var writer = batch == 0 ? await index.OpenRebuildWriterAsync(CancellationToken.None) : await index.OpenWriterAsync(CancellationToken.None);
                    if (batch > 0)
                    {
                        await writer.ReplaceAsync([.. Enumerable.Range(1, 50).Select(n => $"m:{(n * 11) + (batch * 5)}")], [], CancellationToken.None);
                    }

                    await writer.ReplaceAsync([], documents, CancellationToken.None);
                    await writer.CommitAsync(CancellationToken.None);
                }
            }

            string[] phrases =
            [
                "\"kolonihave cykelsti\"", "\"cykelsti kolonihave\"", "\"kolonihave kolonihave\"", "\"kolonihave kolonihave kolonihave\"",
                "\"kolonihave cykelsti skolegård\"", "\"kolonihave cykelsti budget havnebad\"", "\"kolonihave budget kolonihave budget\"",
                "\"kolonihave rundkørsel\"", "\"busstop kolonihave\"", "\"busstop kolonihave cykelsti\"", "\"kolonihave cykelsti busstop\"",
                "\"kolonihave og cykelsti\"", "\"kolonihave og i cykelsti budget\"", "\"og kolonihave cykelsti\"", "\"kolonihaven cykelstier\"",
                "\"Aabenraa kolonihave\"", "\"åbenrå kolonihave\"", "\"fortov fortov\"", "\"fortov kolonihave\"", "\"kolonihave fortov\"",
                "\"cykelsti kolonihave\" budget", "\"kolonihave cykelsti\" OR \"skolegård budget\"", "park -\"kolonihave cykelsti\"",
                "\"kolonihave cykelsti\" kolo*", "\"kolonihave cykelsti\" \"budget kolonihave\"",
            ];
            Assert.True(paired.Acquire() is { } searcher && Release(paired, searcher, PairedPhraseQuery.WordsOf(searcher.IndexReader).Count > 0), "the paired index keeps common words");

            var compared = 0;
            var pairedSearches = 0;
            foreach (var text in phrases)
            {
                foreach (var request in Requests(text))
                {
                    var what = string.Create(CultureInfo.InvariantCulture, $"{request.Query} page {request.Page} of {request.PageSize}, councils {string.Join(',', request.Organizations)}, from {request.From}, {request.Sort}");
                    var expected = Run(plain, request, out _);
                    var actual = Run(paired, request, out var usedPairs);
                    pairedSearches += usedPairs ? 1 : 0;
                    Assert.True(expected.Total == actual.Total, $"{what}: {expected.Total} vs {actual.Total}");
                    Assert.True(expected.Facets == actual.Facets, what);
                    Assert.Equal(expected.Hits, actual.Hits);
                    compared += expected.Hits.Count;
                }
            }

            // The phrases matched something, and the pairs were used for most of them.
            Assert.True(compared > 2_000, $"{compared} hits compared");
            Assert.True(pairedSearches > 60, $"{pairedSearches} searches used the pairs");
        }
        finally
        {
            Directory.Delete(withPairs, recursive: true);
            Directory.Delete(without, recursive: true);
        }
    }

    [Fact]
    public async Task An_index_built_empty_takes_its_common_words_from_its_first_documents_and_keeps_them()
    {
        var path = Directory.CreateTempSubdirectory("protokol-pairs-").FullName;
        try
        {
            using var index = new LuceneIndex(path);
            await using (var writer = await index.OpenRebuildWriterAsync(CancellationToken.None))
            {
                await writer.ClearAsync(CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            Assert.Equal(0, WordsOf(index).Count);
            var random = new Random(5);
            for (var batch = 0; batch < 2; batch++)
            {
                await using var writer = await index.OpenWriterAsync(CancellationToken.None);
                await writer.ReplaceAsync([.. Enumerable.Range(1, 20).Select(n => $"m:{n}")], [.. Enumerable.Range(1 + (batch * 200), 200).Select(i => Document(i, Title(random), Text(random) + (batch == 1 ? " springvand springvand" : string.Empty)))], CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);

                // The first batch chose them; the second, where "springvand" is in every document, keeps them.
                var words = WordsOf(index);
                Assert.Contains(Stem("kolonihave"), words.Terms);
                Assert.DoesNotContain(Stem("springvand"), words.Terms);
            }

            var searcher = index.Acquire()!;
            try
            {
                Assert.True(PairedPhraseQuery.WordsOf(searcher.IndexReader).PairsOf(DanishSearchAnalyzer.Instance.Tokens("kolonihave cykelsti")).Count == 1);
                var terms = MultiFields.GetTerms(searcher.IndexReader, LuceneIndex.Pairs).GetEnumerator();
                Assert.True(terms.SeekExact(new BytesRef(CommonWords.Pair(Stem("kolonihave"), Stem("cykelsti")))));
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

    private static CommonWords WordsOf(LuceneIndex index)
    {
        var searcher = index.Acquire()!;
        try
        {
            return PairedPhraseQuery.WordsOf(searcher.IndexReader);
        }
        finally
        {
            index.Release(searcher);
        }
    }

    private static bool Release(LuceneIndex index, IndexSearcher searcher, bool value)
    {
        index.Release(searcher);
        return value;
    }

    private static (int Total, string Facets, List<string> Hits) Run(LuceneIndex index, SearchRequest request, out bool usedPairs)
    {
        var searcher = index.Acquire()!;
        try
        {
            var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query));
            var (docs, total, facets, _) = LuceneSearchBackend.Collect(searcher, analyzed, request, countFromPostings: true);
            var leaves = searcher.IndexReader.Leaves;
            var bytes = new BytesRef();
            var hits = new List<string>();
            foreach (var hit in docs.ScoreDocs)
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                leaf.AtomicReader.GetBinaryDocValues(LuceneIndex.Hit).Get(hit.Doc - leaf.DocBase, bytes);
                hits.Add(string.Create(CultureInfo.InvariantCulture, $"{HitRecord.Read(bytes).Key} {BitConverter.SingleToInt32Bits(hit.Score)}"));
            }

            // Every paired phrase of the query that found pairs to look up.
            var words = PairedPhraseQuery.WordsOf(searcher.IndexReader);
            usedPairs = analyzed.Clauses.SelectMany(c => c.Alternatives).OfType<PhraseMatch>().Any(p => words.PairsOf(p.Tokens).Count > 0);
            return (total, string.Join(';', facets.Years.Select(y => $"{y.Key}:{y.Value}")) + "|" + string.Join(';', facets.Organizations().Select(o => $"{o.Slug}:{o.Count}")), hits);
        }
        finally
        {
            index.Release(searcher);
        }
    }

    private static IEnumerable<SearchRequest> Requests(string query)
    {
        foreach (var (page, size) in new[] { (1, 20), (3, 20), (1, 5), (9, 10) })
        {
            yield return new SearchRequest { Query = query, Page = page, PageSize = size };
        }

        yield return new SearchRequest { Query = query, Organizations = ["teknikudvalget"] };
        yield return new SearchRequest { Query = query, From = new DateOnly(2015, 1, 1), To = new DateOnly(2019, 12, 31) };
        yield return new SearchRequest { Query = query, Sort = SearchSort.Newest, Page = 2 };
    }

    private static string Stem(string word) => DanishSearchAnalyzer.Instance.Tokens(word).Single().Term;

    private static List<AnalyzedToken> TokensOf(IndexAnalyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    /// <summary>A word by a Zipf-like distribution: the first words are common, the last rare.</summary>
    private static string Word(Random random) => Words[(int)Math.Min(Words.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 2.6) * Words.Length))];

    /// <summary>Titles often end in a common word, texts often start with one: a phrase must not match across them.</summary>
    private static string Title(Random random) => string.Join(' ', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Word(random))) + (random.Next(3) == 0 ? " kolonihave" : string.Empty);

    private static string Text(Random random)
    {
        var length = random.Next(10) == 0 ? random.Next(0, 3) : random.Next(3, 120);
        return (random.Next(3) == 0 ? "cykelsti " : string.Empty) + string.Join(' ', Enumerable.Range(0, length).Select(_ => Word(random))) + ".";
    }

    private static SearchDocument Document(int id, string title, string text)
    {
        var council = Councils[id % Councils.Length];
        var date = new DateOnly(2010, 1, 1).AddDays(id * 3 % 5000);
        return new SearchDocument($"item:{id}", $"m:{id}", 1, SearchHitType.Item, 1 + (id % Councils.Length), council, council, date, title, text, $"/moeder/{id}#punkt-1", id, "1");
    }
}
