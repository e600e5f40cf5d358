using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Protokol.Core.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Lucene;

namespace Protokol.Search.Tests;

/// <summary>
/// The index writer analyzes a document's title and text once (<see cref="AnalyzedValue"/>) and replays
/// the tokens to the title, combined and pairs fields. The index must be the one the writer's analyzer
/// gave when each field analyzed its string itself: every term of those fields with its documents,
/// frequencies, positions and offsets, the pairs, the norms and the field statistics.
/// </summary>
public sealed class SingleAnalysisTests
{
    private static readonly string[] Words =
    [
        "kommunen", "rådet", "borgerne", "udvalget", "budget", "havnebad", "bro", "gadelys", "park", "bibliotek",
        "Aabenraa", "åbenrå", "kolonihaven", "kolonihaver", "cykelstier", "og", "i", "at", "ikke", "det", "der",
        "2024", "§", "17,5", "e-mail", "U.S.A.", "x", "æblerne", "ØSTERGADE", "blåbær", "hjemløses",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", ". ", "\n", " - ", "  ", "; ", "\n\n", "'"];

    [Fact]
    public void A_generated_archive_is_indexed_as_with_one_analysis_per_field()
    {
        var random = new Random(17);
        var documents = new List<SearchDocument>();
        for (var id = 1; id <= 1500; id++)
        {
            documents.Add(Document(id, Phrase(random, random.Next(0, 6)), Phrase(random, random.Next(10) == 0 ? random.Next(0, 3) : random.Next(3, 200))));
        }

        // The edges: nothing, only stop words, stop words at the end (the final position increment), spaces at the end (the final offset).
        documents.Add(Document(9001, string.Empty, string.Empty));
        documents.Add(Document(9002, "og i at", "det der ikke"));
        documents.Add(Document(9003, "Kommunen og", "rådet kommunen rådet og i   "));
        documents.Add(Document(9004, "rådet rådet rådet", "kommunen rådet, kommunen rådet. Aabenraa aabenraa"));

        AssertSameIndex(documents);
    }

    [CorpusFact]
    public void The_corpus_is_indexed_as_with_one_analysis_per_field()
    {
        var corpus = FindCorpus()!;

        var files = System.IO.Directory.GetFiles(corpus, "*.txt").Concat(System.IO.Directory.GetFiles(Path.Combine(corpus, "municipalities"), "*.txt")).Order(StringComparer.Ordinal);
        var documents = new List<SearchDocument>();
        var id = 0;
        foreach (var file in files)
        {
            // Each paragraph a document: its first line the title, the rest the text.
            foreach (var paragraph in File.ReadAllText(file).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var lines = paragraph.Split('\n', 2);
                documents.Add(Document(++id, lines[0], lines.Length > 1 ? lines[1] : string.Empty));
            }
        }

        Assert.True(documents.Count > 1000, $"{documents.Count} paragraphs");
        AssertSameIndex(documents);
    }

    [Fact]
    public void Documents_built_in_reused_fields_index_as_documents_built_anew()
    {
        // Every optional field present, absent and present again, and a varying number of people, in the writer's one set of fields.
        var random = new Random(23);
        var kinds = Enum.GetValues<Protokol.Core.Meetings.AgendaItemKind>();
        var documents = new List<SearchDocument>();
        for (var id = 1; id <= 600; id++)
        {
            var council = random.Next(4);
            documents.Add(new SearchDocument(
                $"item:{id}", $"m:{id % 97}", 1 + (id % 3), (SearchHitType)(id % 2), council == 0 ? null : council,
                council == 0 ? null : $"raad-{council}", council == 3 ? null : $"Råd {council}",
                random.Next(8) == 0 ? null : new DateOnly(2005, 1, 1).AddDays(random.Next(7000)),
                Phrase(random, random.Next(0, 6)), Phrase(random, random.Next(0, 120)), $"/moeder/{id}",
                random.Next(5) == 0 ? null : id, random.Next(5) == 0 ? null : $"{id % 12}", random.Next(3) == 0 ? null : kinds[random.Next(kinds.Length)],
                random.Next(2) == 0, random.Next(4) == 0 ? null : [.. Enumerable.Range(0, random.Next(0, 9)).Select(_ => random.Next(1, 60))]));
        }

        var words = CommonWords.Choose([.. documents.Select(d => (d.Title, d.Text))]);
        var fields = new LuceneIndex.DocumentFields();
        using var reused = Write(documents, words, d => fields.Build(d, words));
        using var anew = Write(documents, words, d => LuceneIndex.ToDocument(d, words));
        using var expected = DirectoryReader.Open(anew);
        using var actual = DirectoryReader.Open(reused);
        Assert.Equal(expected.MaxDoc, actual.MaxDoc);
        var indexed = MultiFields.GetIndexedFields(expected).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(indexed, MultiFields.GetIndexedFields(actual).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(LuceneIndex.Person, indexed);
        Assert.Contains(LuceneIndex.Kind, indexed);
        Assert.Contains(LuceneIndex.Pairs, indexed);
        foreach (var field in indexed)
        {
            AssertSameField(expected, actual, field);
        }

        for (var doc = 0; doc < expected.MaxDoc; doc++)
        {
            var (e, a) = (expected.Document(doc), actual.Document(doc));
            Assert.Equal(e.Get(LuceneIndex.TextRest, System.Globalization.CultureInfo.InvariantCulture), a.Get(LuceneIndex.TextRest, System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var field in new[] { LuceneIndex.Date, LuceneIndex.Year })
        {
            var (e, a) = (MultiDocValues.GetNumericValues(expected, field), MultiDocValues.GetNumericValues(actual, field));
            Assert.All(Enumerable.Range(0, expected.MaxDoc), doc => Assert.Equal(e.Get(doc), a.Get(doc)));
        }

        var (eo, ao) = (MultiDocValues.GetSortedValues(expected, LuceneIndex.Organization), MultiDocValues.GetSortedValues(actual, LuceneIndex.Organization));
        var (eh, ah) = (MultiDocValues.GetBinaryValues(expected, LuceneIndex.Hit), MultiDocValues.GetBinaryValues(actual, LuceneIndex.Hit));
        for (var doc = 0; doc < expected.MaxDoc; doc++)
        {
            Assert.Equal(Bytes(eo, doc), Bytes(ao, doc));
            Assert.Equal(Bytes(eh, doc), Bytes(ah, doc));
        }
    }

    private static string Bytes(BinaryDocValues values, int doc)
    {
        var bytes = new global::Lucene.Net.Util.BytesRef();
        values.Get(doc, bytes);
        return Convert.ToHexString(bytes.Bytes, bytes.Offset, bytes.Length);
    }

    private static void AssertSameIndex(List<SearchDocument> documents)
    {
        var words = CommonWords.Choose([.. documents.Select(d => (d.Title, d.Text))]);
        Assert.True(words.Count > 3, $"{words.Count} common words");
        using var replayed = Write(documents, words, d => LuceneIndex.ToDocument(d, words));
        using var analyzed = Write(documents, words, d => FromStrings(LuceneIndex.ToDocument(d, words), d));
        using var expected = DirectoryReader.Open(analyzed);
        using var actual = DirectoryReader.Open(replayed);
        Assert.Equal(expected.MaxDoc, actual.MaxDoc);
        var pairs = 0L;
        foreach (var field in new[] { LuceneIndex.Title, LuceneIndex.All, LuceneIndex.Pairs })
        {
            var count = AssertSameField(expected, actual, field);
            if (field == LuceneIndex.Pairs)
            {
                pairs = count;
            }
        }

        Assert.True(pairs > 0, "no pairs were indexed");
    }

    /// <summary>Today's document as the writer analyzed it before: the three fields given as strings.</summary>
    private static Document FromStrings(Document replayed, SearchDocument d)
    {
        var document = new Document();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in replayed.Fields)
        {
            if (field.Name is LuceneIndex.Title or LuceneIndex.All or LuceneIndex.Pairs)
            {
                var n = seen[field.Name] = seen.GetValueOrDefault(field.Name) + 1;
                var value = field.Name == LuceneIndex.Title || n == 1 ? d.Title : d.Text;
                document.Add(new Field(field.Name, value, ((Field)field).FieldType));
            }
            else
            {
                document.Add(field);
            }
        }

        return document;
    }

    private static RAMDirectory Write(List<SearchDocument> documents, CommonWords words, Func<SearchDocument, Document> toDocument)
    {
        var directory = new RAMDirectory();
        var analyzer = new IndexAnalyzer(LuceneIndex.Pairs) { Words = words };
        using var writer = new IndexWriter(directory, new IndexWriterConfig(DanishSearchAnalyzer.Version, analyzer) { Similarity = new BM25Similarity() });
        foreach (var document in documents)
        {
            writer.AddDocument(toDocument(document));
        }

        writer.Commit();
        return directory;
    }

    /// <summary>Asserts the field is the same in both indexes; returns its number of postings.</summary>
    private static long AssertSameField(DirectoryReader expected, DirectoryReader actual, string field)
    {
        var expectedTerms = MultiFields.GetTerms(expected, field);
        var actualTerms = MultiFields.GetTerms(actual, field);
        Assert.NotNull(expectedTerms);
        Assert.NotNull(actualTerms);
        Assert.Equal(expectedTerms.Count, actualTerms.Count);
        Assert.Equal(expectedTerms.SumDocFreq, actualTerms.SumDocFreq);
        Assert.Equal(expectedTerms.SumTotalTermFreq, actualTerms.SumTotalTermFreq);
        Assert.Equal(expectedTerms.DocCount, actualTerms.DocCount);
        var withPositions = field is LuceneIndex.Title or LuceneIndex.All;
        var liveDocs = MultiFields.GetLiveDocs(expected);
        var e = expectedTerms.GetEnumerator();
        var a = actualTerms.GetEnumerator();
        var postings = 0L;
        while (e.MoveNext())
        {
            Assert.True(a.MoveNext(), $"{field}: the replayed index ends before {e.Term.Utf8ToString()}");
            Assert.Equal(e.Term.Utf8ToString(), a.Term.Utf8ToString());
            if (withPositions)
            {
                var ep = MultiFields.GetTermPositionsEnum(expected, liveDocs, field, e.Term, DocsAndPositionsFlags.OFFSETS);
                var ap = MultiFields.GetTermPositionsEnum(actual, liveDocs, field, a.Term, DocsAndPositionsFlags.OFFSETS);
                while (ep.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    Assert.Equal(ep.DocID, ap.NextDoc());
                    Assert.Equal(ep.Freq, ap.Freq);
                    for (var i = 0; i < ep.Freq; i++)
                    {
                        Assert.Equal((ep.NextPosition(), ep.StartOffset, ep.EndOffset), (ap.NextPosition(), ap.StartOffset, ap.EndOffset));
                    }

                    postings++;
                }

                Assert.Equal(DocIdSetIterator.NO_MORE_DOCS, ap.NextDoc());
            }
            else
            {
                var ed = MultiFields.GetTermDocsEnum(expected, liveDocs, field, e.Term, DocsFlags.NONE);
                var ad = MultiFields.GetTermDocsEnum(actual, liveDocs, field, a.Term, DocsFlags.NONE);
                while (ed.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    Assert.Equal(ed.DocID, ad.NextDoc());
                    postings++;
                }

                Assert.Equal(DocIdSetIterator.NO_MORE_DOCS, ad.NextDoc());
            }
        }

        Assert.False(a.MoveNext(), $"{field}: the replayed index has more terms");
        var expectedNorms = MultiDocValues.GetNormValues(expected, field);
        var actualNorms = MultiDocValues.GetNormValues(actual, field);
        Assert.Equal(expectedNorms is null, actualNorms is null);
        if (expectedNorms is not null)
        {
            for (var doc = 0; doc < expected.MaxDoc; doc++)
            {
                Assert.Equal(expectedNorms.Get(doc), actualNorms!.Get(doc));
            }
        }

        return postings;
    }

    private static string Phrase(Random random, int length)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < length; i++)
        {
            // Zipf-like: the first words common, so they pair.
            text.Append(Words[(int)Math.Min(Words.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 2.2) * Words.Length))]);
            text.Append(Separators[random.Next(Separators.Length)]);
        }

        return text.ToString();
    }

    private static SearchDocument Document(int id, string title, string text)
    {
        var date = new DateOnly(2010, 1, 1).AddDays(id * 3 % 5000);
        return new SearchDocument($"item:{id}", $"m:{id}", 1, SearchHitType.Item, 1, "udvalget", "Udvalget", date, title, text, $"/moeder/{id}#punkt-1", id, "1");
    }

    internal static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (File.Exists(Path.Combine(candidate, "README.md")) && System.IO.Directory.Exists(Path.Combine(candidate, "municipalities")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the real corpus; skipped, with the reason, where ../shared is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (SingleAnalysisTests.FindCorpus() is null)
        {
            Skip = "The real corpus (../shared/corpus beside the repository) is not on this machine.";
        }
    }
}
