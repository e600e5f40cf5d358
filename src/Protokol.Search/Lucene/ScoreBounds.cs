using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Protokol.Search.Analysis;

namespace Protokol.Search.Lucene;

/// <summary>
/// Upper bounds of a term's BM25 score over ranges of 32 document numbers of a segment, so the top
/// hits can be found without scoring every match: a match whose range cannot beat the lowest of the
/// top k so far is counted but not scored (the scorer scores lazily, so its title clause is not
/// advanced either).
/// <para>
/// BM25 scores a document <c>weight · (k1 + 1) · f / (f + k1 · (1 − b + b · len / avgdl))</c>, where
/// <c>weight</c> is the idf times the boosts, <c>f</c> the term's frequency in the document and
/// <c>len</c> the field's length from its norm. Per segment and term this keeps, for each range, the
/// largest <c>f / (f + k1 · (1 − b + b · len / avgdl₀))</c> of the range's documents, at the
/// segment's own average length <c>avgdl₀</c>, read once from the postings and norms and cached with
/// the segment (segments never change). At the searcher's average <c>avgdl</c> each document's value
/// is at most that times <c>max(1, avgdl / avgdl₀)</c> (every part of the denominator shrinks by at
/// most that factor), so the bounds hold for any later state of the index. The query's bound of a
/// range is the sum of its scoring clauses' bounds (a phrase's frequency is at most each of its
/// terms', so its bound is its weight times the smallest of its terms' values), with a margin far
/// above float rounding. The scores themselves are still computed by Lucene, so hits and scores are
/// exactly those of scoring every match.
/// </para>
/// </summary>
internal static class ScoreBounds
{
    /// <summary>log₂ of the documents per range (32: at 128 a common word's bound is near its maximum in most ranges; at 1,000,000 documents a table is 125 KB).</summary>
    public const int Shift = 5;

    /// <summary>log₂ of the ranges per block: a block's bound (the largest of its ranges' values per term) lets a block of 1,024 documents be passed over at once.</summary>
    public const int BlockShift = 5;

    /// <summary>Relative margin over the bound: float rounding of a BM25 sum is below 1e-6.</summary>
    private const double Margin = 1e-4;

    private const double K1 = 1.2f;
    private const double B = 0.75f;
    private const double TitleBoost = 2f;

    /// <summary>BM25's length of a norm byte (<c>1 / f²</c> of the byte's small float), as Lucene's <see cref="global::Lucene.Net.Search.Similarities.BM25Similarity"/> decodes it.</summary>
    private static readonly double[] NormLength = [.. Enumerable.Range(0, 256).Select(i =>
    {
        var f = SmallSingle.SByte315ToSingle((sbyte)i);
        return (double)(1.0f / (f * f));
    })];

    private static readonly ConditionalWeakTable<object, SegmentTables> Cache = new();

    /// <summary>
    /// The bounds of the query's score over <paramref name="leaf"/>, per range: for the documents
    /// whose title holds one of the query's terms, and for the others (whose title clauses add
    /// nothing), with the former documents in order. A range's bound is computed when its first
    /// match arrives, so a query costs the ranges it matches in, not all of the segment's.
    /// </summary>
    public static SegmentBounds ForSegment(QueryWeights weights, AtomicReaderContext leaf)
    {
        var tables = Cache.GetValue(leaf.AtomicReader.CoreCacheKey, _ => new SegmentTables());
        var top = ReaderUtil.GetTopLevelContext(leaf).Reader;
        var parts = new List<Part>();
        var titled = new List<int[]>();
        var perDocument = false;
        foreach (var clause in weights.Clauses)
        {
            foreach (var (field, terms, weight) in clause)
            {
                var isTitle = field == LuceneIndex.Title;
                var values = new float[terms.Count][];
                var blocks = new float[terms.Count][];
                var documents = new DocumentTable?[terms.Count];
                var scale = 1.0;
                var lowScale = 1.0;
                for (var i = 0; i < terms.Count; i++)
                {
                    var (table, average) = tables.For(leaf.AtomicReader, field, terms[i]);
                    values[i] = table.Values;
                    blocks[i] = table.Blocks;

                    // At the searcher's average length a value is at least the segment's times min(1, avgdl / avgdl₀).
                    lowScale = Math.Min(lowScale, average > 0 && weights.Average(field) is var current and > 0 ? Math.Min(1.0, current / average) : 0);
                    if (!isTitle && CommonTermBits.For(leaf, top, terms[i]) is { } bits)
                    {
                        documents[i] = tables.ForDocuments(leaf.AtomicReader, terms[i], average, bits);
                        perDocument = true;
                    }
                    if (average > 0 && weights.Average(field) is var now and > 0)
                    {
                        scale = Math.Max(scale, now / average);
                    }
                    else
                    {
                        // No length statistics: fall back to the bound of f / (f + norm) < 1.
                        scale = double.PositiveInfinity;
                    }
                }

                if (isTitle)
                {
                    // A document matching the title clause holds each of its terms in the title, so the first term's documents include it.
                    titled.Add(tables.For(leaf.AtomicReader, field, terms[0]).Table.Docs);
                }

                parts.Add(new Part(values, blocks, documents, weight, scale, lowScale, isTitle));
            }
        }

        var titleDocs = Union(titled);
        var candidates = new List<int[]>();
        if (perDocument)
        {
            // The documents most likely to be the best: each common word's highest values, and the few with a title match.
            candidates.AddRange(parts.SelectMany(p => p.Documents).OfType<DocumentTable>().Select(d => d.Best));
            if (titleDocs.Length <= MostTitledCandidates)
            {
                candidates.Add(titleDocs);
            }
        }

        return new SegmentBounds([.. parts], titleDocs, perDocument, candidates.Count == 0 ? [int.MaxValue] : Union(candidates));
    }

    /// <summary>The most documents with a title match scored first as candidates (<see cref="SegmentBounds.Candidates"/>).</summary>
    private const int MostTitledCandidates = 128;

    private static float Bound(double sum) => sum == 0 ? 0f : (float)((sum * (1 + Margin)) + 1e-6);

    /// <summary>The sorted union of sorted document lists, ending with <see cref="int.MaxValue"/>.</summary>
    private static int[] Union(List<int[]> lists)
    {
        if (lists.Count == 1)
        {
            return lists[0];
        }

        var all = new int[lists.Sum(l => l.Length) + 1];
        var at = 0;
        foreach (var list in lists)
        {
            Array.Copy(list, 0, all, at, list.Length - 1);
            at += list.Length - 1;
        }

        Array.Sort(all, 0, at);
        var unique = 0;
        for (var i = 0; i < at; i++)
        {
            if (unique == 0 || all[unique - 1] != all[i])
            {
                all[unique++] = all[i];
            }
        }

        all[unique] = int.MaxValue;
        return all[..(unique + 1)];
    }

    /// <summary>A scoring clause's term or phrase in one field: its terms' tables (per range, and per document for a common word), its weight, and the factor for the searcher's average length.</summary>
    internal sealed record Part(float[][] Values, float[][] Blocks, DocumentTable?[] Documents, double Weight, double Scale, double LowScale, bool IsTitle);

    /// <summary>A query's bounds over one segment (<see cref="ForSegment"/>).</summary>
    internal sealed class SegmentBounds
    {
        private readonly Part[] _parts;

        public SegmentBounds(Part[] parts, int[] titleDocs, bool perDocument, int[] candidates)
        {
            _parts = parts;
            TitleDocs = titleDocs;
            PerDocument = perDocument;
            Candidates = candidates;
        }

        /// <summary>
        /// Documents likely to score among the best (sorted, ending with <see cref="int.MaxValue"/>): the
        /// lower bounds (<see cref="Lower"/>) of k of them that match give a score the k-th best reaches, so
        /// the matches whose bound is below it are passed over from the start. Only when <see cref="PerDocument"/>.
        /// </summary>
        public int[] Candidates { get; }

        /// <summary>The documents whose title holds a term of the query, sorted, ending with <see cref="int.MaxValue"/>.</summary>
        public int[] TitleDocs { get; }

        /// <summary>Whether a term of the query's text clauses has its values per document (<see cref="Document"/> is then tighter than <see cref="Range"/>).</summary>
        public bool PerDocument { get; }

        /// <summary>
        /// The bound of document <paramref name="doc"/>'s score (in range <paramref name="range"/>): a
        /// common word's value is the document's own, any other term's its range's, and the title clauses
        /// count only when the document's title holds a term of the query (<paramref name="titled"/>).
        /// </summary>
        public float Document(int doc, int range, bool titled)
        {
            double sum = 0;
            foreach (var part in _parts)
            {
                if (part.IsTitle && !titled)
                {
                    continue;
                }

                var least = double.MaxValue;
                for (var i = 0; i < part.Values.Length; i++)
                {
                    var table = part.Values[i];
                    // Rounded up to 1/255, a document's own value can exceed its range's largest (unrounded): the lower of the two.
                    var value = table.Length == 0 ? 0 : part.Documents[i] is { } documents ? Math.Min(documents.Value(doc), table[range]) : table[range];
                    least = Math.Min(least, value);
                }

                if (least > 0)
                {
                    sum += part.Weight * Math.Min(1.0, least * part.Scale);
                }
            }

            return Bound(sum);
        }

        /// <summary>
        /// A lower bound of the score of document <paramref name="doc"/>, a match of the query: the sum over
        /// the single common words of the text clauses of their weight times the document's value rounded
        /// down, at the searcher's average length, less a margin far above float rounding (a match holding
        /// such a word is scored for it; the title clauses and the other terms may add more).
        /// </summary>
        public float Lower(int doc)
        {
            double sum = 0;
            foreach (var part in _parts)
            {
                if (!part.IsTitle && part.Documents is [{ } documents])
                {
                    sum += part.Weight * documents.LowValue(doc) * part.LowScale;
                }
            }

            return sum <= 0 ? 0f : (float)Math.Max(0, (sum * (1 - Margin)) - 1e-6);
        }

        /// <summary>The bound of range <paramref name="range"/>'s scores with and without the title clauses.</summary>
        public (float WithTitle, float WithoutTitle) Range(int range) => Of(range, blocks: false);

        /// <summary>
        /// A bound of every range's scores in block <paramref name="block"/> (ranges <c>block &lt;&lt; BlockShift</c> on),
        /// with the title clauses: the same sum over each term's largest value in the block, so at least each range's.
        /// </summary>
        public float Block(int block) => Of(block, blocks: true).WithTitle;

        private (float WithTitle, float WithoutTitle) Of(int at, bool blocks)
        {
            double text = 0, title = 0;
            foreach (var part in _parts)
            {
                var least = double.MaxValue;
                foreach (var table in blocks ? part.Blocks : part.Values)
                {
                    least = Math.Min(least, table.Length == 0 ? 0 : table[at]);
                }

                if (least > 0)
                {
                    var bound = part.Weight * Math.Min(1.0, least * part.Scale);
                    if (part.IsTitle)
                    {
                        title += bound;
                    }
                    else
                    {
                        text += bound;
                    }
                }
            }

            return (Bound(text + title), Bound(text));
        }
    }

    /// <summary>
    /// A common word's value <c>f / (f + k1 · (1 − b + b · len / avgdl₀))</c> in the combined field per
    /// document holding it, rounded up to 1/255 and kept as a byte in the order of its documents (the
    /// word's kept bits, <see cref="CommonTermBits"/>, give a document's place by counting the bits
    /// before it). A byte per document holding the word, and an int per 64 documents of the segment.
    /// </summary>
    internal sealed class DocumentTable
    {
        private readonly long[] _bits;
        private readonly int[] _before;
        private readonly byte[] _values;

        public DocumentTable(long[] bits, byte[] values)
        {
            _bits = bits;
            _values = values;
            _before = new int[bits.Length];
            var count = 0;
            for (var w = 0; w < bits.Length; w++)
            {
                _before[w] = count;
                count += System.Numerics.BitOperations.PopCount((ulong)bits[w]);
            }
        }

        /// <summary>The document's value (at least its exact one), or 0 when it does not hold the word.</summary>
        public double Value(int doc)
        {
            var word = (ulong)_bits[doc >> 6];
            var bit = 1UL << doc;
            if ((word & bit) == 0)
            {
                return 0;
            }

            return _values[_before[doc >> 6] + System.Numerics.BitOperations.PopCount(word & (bit - 1))] / 255.0;
        }

        /// <summary>At most the document's exact value: its byte less one, over 255 (0 when it does not hold the word).</summary>
        public double LowValue(int doc)
        {
            var word = (ulong)_bits[doc >> 6];
            var bit = 1UL << doc;
            if ((word & bit) == 0)
            {
                return 0;
            }

            return (_values[_before[doc >> 6] + System.Numerics.BitOperations.PopCount(word & (bit - 1))] - 1) / 255.0;
        }

        /// <summary>Bytes held (for the tests' and the notes' figures).</summary>
        public long Size => _values.Length + (4L * _before.Length) + (4L * (_best?.Length ?? 0));

        private int[]? _best;

        /// <summary>The <see cref="BestCount"/> documents with the highest values (sorted by number, ending with <see cref="int.MaxValue"/>), found on first use.</summary>
        public int[] Best => _best ??= FindBest();

        /// <summary>How many of a word's best documents are kept as candidates.</summary>
        public const int BestCount = 32;

        private int[] FindBest()
        {
            // The highest value that at least BestCount documents reach, then the documents at or above it (at most BestCount, the first ones on a tie).
            var histogram = new int[256];
            foreach (var value in _values)
            {
                histogram[value]++;
            }

            var floor = 255;
            for (var sum = histogram[255]; floor > 0 && sum < BestCount; sum += histogram[--floor])
            {
            }

            var best = new List<int>(BestCount + 1);
            var rank = 0;
            for (var w = 0; w < _bits.Length && best.Count < BestCount; w++)
            {
                var word = (ulong)_bits[w];
                while (word != 0 && best.Count < BestCount)
                {
                    var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    if (_values[rank++] >= floor)
                    {
                        best.Add(doc);
                    }
                }
            }

            best.Add(int.MaxValue);
            return [.. best];
        }
    }

    /// <summary>A term's values per range in a segment, and for the title field the documents holding it (sorted, ending with <see cref="int.MaxValue"/>).</summary>
    private sealed record TermTable(float[] Values, int[] Docs)
    {
        /// <summary>Per block of <c>2^BlockShift</c> ranges, the largest of their values.</summary>
        public float[] Blocks { get; } = BlockMaxima(Values);

        private static float[] BlockMaxima(float[] values)
        {
            var blocks = new float[values.Length == 0 ? 0 : ((values.Length - 1) >> BlockShift) + 1];
            for (var i = 0; i < values.Length; i++)
            {
                ref var slot = ref blocks[i >> BlockShift];
                slot = Math.Max(slot, values[i]);
            }

            return blocks;
        }
    }

    /// <summary>The weights of a query's scoring clauses, from the searcher's statistics; null when a clause cannot be bounded.</summary>
    public static QueryWeights? Weights(IndexSearcher searcher, AnalyzedQuery query)
    {
        var reader = searcher.IndexReader;
        var clauses = new List<List<(string Field, IReadOnlyList<string> Terms, double Weight)>>();
        foreach (var clause in query.Required)
        {
            var parts = new List<(string, IReadOnlyList<string>, double)>();
            foreach (var alternative in clause.Alternatives)
            {
                IReadOnlyList<string> terms;
                switch (alternative)
                {
                    case TermMatch t:
                        terms = [t.Term];
                        break;
                    case PhraseMatch p:
                        terms = [.. p.Tokens.Select(t => t.Term)];
                        break;
                    default:
                        return null;
                }

                foreach (var (field, boost) in new[] { (LuceneIndex.All, 1.0), (LuceneIndex.Title, TitleBoost) })
                {
                    // BM25's weight of a term or a phrase: the sum of its terms' idf, times the boost and (k1 + 1).
                    var idf = terms.Sum(term => Idf(TermContexts.For(reader, new Term(field, term)).DocFreq, reader.MaxDoc));
                    parts.Add((field, terms, idf * boost * (K1 + 1)));
                }
            }

            clauses.Add(parts);
        }

        var averages = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var field in new[] { LuceneIndex.All, LuceneIndex.Title })
        {
            var statistics = searcher.CollectionStatistics(field);
            averages[field] = statistics is null || statistics.SumTotalTermFreq <= 0 ? 0 : (double)(float)(statistics.SumTotalTermFreq / (double)statistics.MaxDoc);
        }

        return new QueryWeights(clauses, averages);
    }

    private static double Idf(long docFreq, long documents) => (float)Math.Log(1 + ((documents - docFreq + 0.5D) / (docFreq + 0.5D)));

    internal sealed class QueryWeights(List<List<(string Field, IReadOnlyList<string> Terms, double Weight)>> clauses, Dictionary<string, double> averages)
    {
        public List<List<(string Field, IReadOnlyList<string> Terms, double Weight)>> Clauses { get; } = clauses;

        public double Average(string field) => averages[field];
    }

    /// <summary>
    /// A segment's tables per field and term, built on first use (one pass over the term's postings
    /// and norms). All segments' tables together are kept within <see cref="Budget"/> values; a
    /// segment whose next table would exceed it drops its own first. Keyed by the segment's core,
    /// which the readers of a segment share (one opened after a deletion too), so each use passes
    /// its own reader.
    /// </summary>
    private sealed class SegmentTables
    {
        /// <summary>32 MB of values and document numbers in all.</summary>
        private const long Budget = 1L << 23;
        private static long _kept;
        private static readonly TermTable Missing = new([], [int.MaxValue]);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Field, string Term), TermTable> _tables = new();
        private readonly Dictionary<string, double> _averages = new(StringComparer.Ordinal);

        // Only common words of the index (at most CommonWords.MaxTerms), so not within the budget: like their kept bits.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DocumentTable> _documents = new(StringComparer.Ordinal);

        /// <summary>The common word's values per document in the combined field, built on first use from its postings and norms.</summary>
        public DocumentTable ForDocuments(AtomicReader reader, string term, double average, long[] bits) =>
            _documents.GetOrAdd(term, t => BuildDocuments(reader, t, average, bits));

        public (TermTable Table, double Average) For(AtomicReader reader, string field, string term)
        {
            var average = Average(reader, field);
            if (_tables.TryGetValue((field, term), out var table))
            {
                return (table, average);
            }

            table = Build(reader, field, term, average);
            lock (_tables)
            {
                if (Interlocked.Read(ref _kept) + Size(table) > Budget)
                {
                    Interlocked.Add(ref _kept, -_tables.Values.Sum(Size));
                    _tables.Clear();
                }

                if (_tables.TryAdd((field, term), table))
                {
                    Interlocked.Add(ref _kept, Size(table));
                }
            }

            return (table, average);
        }

        /// <summary>A closed segment's tables leave the budget with it.</summary>
        ~SegmentTables() => Interlocked.Add(ref _kept, -_tables.Values.Sum(Size));

        private static long Size(TermTable table) => table.Values.Length + table.Blocks.Length + table.Docs.Length;

        private double Average(AtomicReader reader, string field)
        {
            lock (_averages)
            {
                if (!_averages.TryGetValue(field, out var average))
                {
                    var terms = reader.GetTerms(field);
                    average = terms is null || terms.SumTotalTermFreq <= 0 || reader.MaxDoc == 0 ? 0 : terms.SumTotalTermFreq / (double)reader.MaxDoc;
                    _averages[field] = average;
                }

                return average;
            }
        }

        /// <summary>Per document holding the term (every one of its kept <paramref name="bits"/>), <c>f / (f + k1 · (1 − b + b · len / avgdl₀))</c> rounded up to 1/255, as <see cref="Build"/> computes it.</summary>
        private static DocumentTable BuildDocuments(AtomicReader reader, string term, double average, long[] bits)
        {
            var termsEnum = reader.GetTerms(LuceneIndex.All)?.GetEnumerator();
            if (termsEnum is null || !termsEnum.SeekExact(new BytesRef(term)))
            {
                throw new InvalidOperationException("a common word's kept bits without its postings");
            }

            var values = new byte[termsEnum.DocFreq];
            var count = 0;
            var docs = termsEnum.Docs(null, null, DocsFlags.FREQS);
            var norms = reader.GetNormValues(LuceneIndex.All);
            while (docs.NextDoc() is var doc && doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                double f = docs.Freq;
                var norm = norms is null || average <= 0 ? K1 : K1 * ((1 - B) + (B * NormLength[(byte)norms.Get(doc)] / average));
                var value = (float)(f / (f + norm));
                values[count++] = (byte)Math.Min(255, Math.Ceiling(value * 255.0));
            }

            return new DocumentTable(bits, values);
        }

        /// <summary>Per range, the largest <c>f / (f + k1 · (1 − b + b · len / avgdl₀))</c>, and for the title the documents; empty when the segment lacks the term.</summary>
        private static TermTable Build(AtomicReader reader, string field, string term, double average)
        {
            var termsEnum = reader.GetTerms(field)?.GetEnumerator();
            if (termsEnum is null || !termsEnum.SeekExact(new BytesRef(term)))
            {
                return Missing;
            }

            var table = new float[(reader.MaxDoc >> Shift) + 1];

            // Only the title clause needs to know which documents hold the term (a text table of a common word would otherwise keep hundreds of thousands of them).
            var keepDocs = field == LuceneIndex.Title;
            var docList = new int[keepDocs ? termsEnum.DocFreq + 1 : 1];
            var count = 0;
            var docs = termsEnum.Docs(null, null, DocsFlags.FREQS);
            var norms = reader.GetNormValues(field);
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                double f = docs.Freq;
                var norm = norms is null || average <= 0 ? K1 : K1 * ((1 - B) + (B * NormLength[(byte)norms.Get(doc)] / average));
                var value = (float)(f / (f + norm));
                ref var slot = ref table[doc >> Shift];
                if (value > slot)
                {
                    slot = value;
                }

                if (keepDocs)
                {
                    docList[count++] = doc;
                }
            }

            docList[count] = int.MaxValue;
            return new TermTable(table, count + 1 == docList.Length ? docList : docList[..(count + 1)]);
        }
    }
}

/// <summary>
/// The top k by score in document order, as Lucene's in-order <see cref="TopScoreDocCollector"/>
/// picks them (a later document with an equal score does not displace an earlier one), counting
/// every match, but scoring a match only when its range's bound (<see cref="ScoreBounds"/>) exceeds
/// the lowest score of a full top k.
/// </summary>
internal sealed class BoundedTopScoreCollector(int size, ScoreBounds.QueryWeights? weights) : ICollector
{
    private readonly float[] _scores = [.. Enumerable.Repeat(float.NegativeInfinity, size)];
    private readonly int[] _docs = [.. Enumerable.Repeat(int.MaxValue, size)];
    private readonly List<float> _lowers = [];
    private float _floor = float.NegativeInfinity;
    private Scorer? _scorer;
    private ScoreBounds.SegmentBounds? _bounds;
    private int _titled;
    private int _range;
    private float _withTitle;
    private float _withoutTitle;
    private int _docBase;

    public int TotalHits { get; private set; }

    /// <summary>Matches scored (for tests and measurements).</summary>
    public int Scored { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;


    public void SetNextReader(AtomicReaderContext context)
    {
        _docBase = context.DocBase;
        _bounds = weights is null ? null : ScoreBounds.ForSegment(weights, context);
        _titled = 0;
        _range = -1;
    }

    public void Collect(int doc)
    {
        TotalHits++;
        if (size > 0 && MayEnter(doc))
        {
            Offer(doc, _scorer!.GetScore());
        }
    }

    /// <summary>
    /// Raises the floor of the top k from the segment's matches among its bounds' candidates
    /// (<see cref="ScoreBounds.SegmentBounds.Candidates"/>), before <see cref="CollectMatches"/>: once k
    /// matches (of any segment so far) have lower bounds of their scores, the k-th best score is at
    /// least the k-th highest of them, so a match whose bound is at most that cannot enter and is
    /// neither scored nor visited by the scorer. Nothing is scored here.
    /// </summary>
    public void RaiseFloor(int[] matches, int count)
    {
        if (size == 0 || _bounds is not { PerDocument: true } bounds)
        {
            return;
        }

        var at = 0;
        foreach (var doc in bounds.Candidates)
        {
            // Both in order: only a counted match is sure to be scored at least its lower bound.
            while (at < count && matches[at] < doc)
            {
                at++;
            }

            if (at == count)
            {
                break;
            }

            if (matches[at] == doc && bounds.Lower(doc) is var lower and > 0)
            {
                _lowers.Add(lower);
            }
        }

        if (_lowers.Count >= size)
        {
            _lowers.Sort();
            _lowers.RemoveRange(0, _lowers.Count - size);
            _floor = Math.Max(_floor, _lowers[0]);
        }
    }

    /// <summary>
    /// Finds the top k among a segment's matches, counted beforehand (<see cref="MatchCounter"/>):
    /// the segment's scorer (<paramref name="scorerOf"/>, made when the first match is to be scored) is
    /// advanced only to the matches whose bound can enter the top k, so the others are neither scored
    /// nor visited by it. <see cref="TotalHits"/> then counts the given matches.
    /// </summary>
    public void CollectMatches(int[] matches, int count, Func<Scorer?> scorerOf)
    {
        TotalHits += count;
        if (size == 0)
        {
            return;
        }

        // The scorer is made when the first match is to be scored: often none of a small segment's is.
        Scorer? scorer = null;
        var block = -1;
        for (var i = 0; i < count; i++)
        {
            var doc = matches[i];
            if (_bounds is { } bounds && doc >> (ScoreBounds.Shift + ScoreBounds.BlockShift) != block)
            {
                // A block of ranges none of whose matches can enter: pass over all of its matches.
                block = doc >> (ScoreBounds.Shift + ScoreBounds.BlockShift);
                if (bounds.Block(block) <= Threshold)
                {
                    var blockEnd = (block + 1) << (ScoreBounds.Shift + ScoreBounds.BlockShift);
                    while (i + 1 < count && matches[i + 1] < blockEnd)
                    {
                        i++;
                    }

                    continue;
                }
            }

            if (MayEnter(doc))
            {
                scorer ??= _scorer = scorerOf();
                if (scorer is null)
                {
                    // No scorer for the segment (as before the counting: it has nothing to score).
                    return;
                }

                if (scorer.DocID < doc)
                {
                    scorer.Advance(doc);
                }

                // Every counted match is one of the query's (MatchCounterTests), so the scorer stands on it.
                System.Diagnostics.Debug.Assert(scorer.DocID == doc, "a counted match the query does not match");
                Offer(doc, scorer.GetScore());
            }
            else if (_withTitle <= Threshold)
            {
                // No match of this range can enter: pass over the rest of its matches.
                var end = (_range + 1) << ScoreBounds.Shift;
                while (i + 1 < count && matches[i + 1] < end)
                {
                    i++;
                }
            }
        }
    }

    /// <summary>Whether the match at <paramref name="doc"/> may enter the top k by its bound (a later match of the segment than the last asked about).</summary>
    private bool MayEnter(int doc)
    {
        if (_bounds is not { } bounds)
        {
            return true;
        }

        // The documents arrive in order: the next document with a title match is read forward.
        var titles = bounds.TitleDocs;
        while (titles[_titled] < doc)
        {
            _titled++;
        }

        if (doc >> ScoreBounds.Shift != _range)
        {
            _range = doc >> ScoreBounds.Shift;
            (_withTitle, _withoutTitle) = bounds.Range(_range);
        }

        var titled = titles[_titled] == doc;
        var threshold = Threshold;
        return (titled ? _withTitle : _withoutTitle) > threshold && (!bounds.PerDocument || bounds.Document(doc, _range, titled) > threshold);
    }

    /// <summary>What a match's bound must exceed to be scored: the lowest score of the top k, or the floor under the k-th best score when higher (<see cref="RaiseFloor"/>).</summary>
    private float Threshold => Math.Max(_scores[0], _floor);

    private void Offer(int doc, float score)
    {
        Scored++;
        var global = doc + _docBase;

        // In document order an equal score never enters; after the candidates, a lower document with the lowest score does.
        if (!Lower(0, score, global))
        {
            return;
        }

        // Replace the lowest (the heap's top) and sift it down: lower score, or on equal scores the later document, is lower.
        var at = 0;
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && Lower(child + 1, child))
            {
                child++;
            }

            if (!Lower(child, score, global))
            {
                break;
            }

            _scores[at] = _scores[child];
            _docs[at] = _docs[child];
            at = child;
        }

        _scores[at] = score;
        _docs[at] = global;
    }

    /// <summary>The hits from <paramref name="start"/>, at most <paramref name="count"/>, best first (on equal scores the lower document first).</summary>
    public TopDocs GetTopDocs(int start, int count)
    {
        var filled = Math.Min(TotalHits, size);
        var order = Enumerable.Range(0, size).Where(i => _docs[i] != int.MaxValue || _scores[i] != float.NegativeInfinity)
            .OrderByDescending(i => _scores[i]).ThenBy(i => _docs[i]).Take(filled).ToList();
        var page = order.Skip(start).Take(Math.Max(0, count)).Select(i => new ScoreDoc(_docs[i], _scores[i])).ToArray();
        return new TopDocs(TotalHits, page, order.Count > 0 ? _scores[order[0]] : float.NaN);
    }

    private bool Lower(int a, int b) => Lower(a, _scores[b], _docs[b]);

    private bool Lower(int a, float score, int doc) => _scores[a] < score || (_scores[a] == score && _docs[a] > doc);
}
