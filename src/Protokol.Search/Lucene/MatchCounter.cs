using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Protokol.Core.Search;
using Protokol.Search.Analysis;

namespace Protokol.Search.Lucene;

/// <summary>
/// Counts a query's matches, and their facets, straight from the postings' document numbers,
/// without Lucene's scorer tree: no frequencies decoded, no scorer or collector call per match.
/// It handles the queries made of single terms: required clauses of one term or an OR of terms
/// (AND of clauses), excluded clauses, and the filters (councils, person, kind, decision and type
/// as terms, the date range from the segment's dates). A term matches a document exactly when the
/// query's term clause does (the title clause is optional and never decides a match), so the count
/// and the facets are those of collecting every match of the Lucene query. Any other shape (a
/// phrase, a prefix, listing by filters alone) gets <c>null</c> from <see cref="For"/>.
/// </summary>
internal sealed class MatchCounter
{
    private readonly (string Field, BytesRef[] Terms)[] _required;
    private readonly (string Field, BytesRef[] Terms)[] _excluded;
    private readonly int _from;
    private readonly int _to;

    private MatchCounter((string, BytesRef[])[] required, (string, BytesRef[])[] excluded, int from, int to)
    {
        _required = required;
        _excluded = excluded;
        _from = from;
        _to = to;
    }

    /// <summary>The counter of the query with the request's filters, or null when its shape is not one of single terms.</summary>
    public static MatchCounter? For(AnalyzedQuery query, SearchRequest request)
    {
        var required = new List<(string, BytesRef[])>();
        var excluded = new List<(string, BytesRef[])>();
        if (query.ListsAll)
        {
            return null;
        }

        foreach (var clause in query.Clauses)
        {
            if (!clause.Alternatives.All(a => a is TermMatch))
            {
                return null;
            }

            var terms = clause.Alternatives.Select(a => new BytesRef(((TermMatch)a).Term)).ToArray();
            (clause.Excluded ? excluded : required).Add((LuceneIndex.All, terms));
        }

        if (required.Count == 0)
        {
            return null;
        }

        if (request.Organizations.Count > 0)
        {
            required.Add((LuceneIndex.Organization, [.. request.Organizations.Select(s => new BytesRef(s))]));
        }

        if (request.PersonId is { } person)
        {
            required.Add((LuceneIndex.Person, [new BytesRef(person.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        }

        if (request.Kind is { } kind)
        {
            required.Add((LuceneIndex.Kind, [new BytesRef(SearchEngine.KindName(kind))]));
        }

        if (request.HasDecision)
        {
            required.Add((LuceneIndex.Decision, [new BytesRef("1")]));
        }

        if (request.Type is { } type)
        {
            required.Add((LuceneIndex.DocType, [new BytesRef(SearchEngine.TypeName(type))]));
        }

        // The same bounds as the query's NumericRangeQuery on the date (inclusive).
        var from = request.From is { } f ? SearchEngine.DateKey(f) : int.MinValue;
        var to = request.To is { } t ? SearchEngine.DateKey(t) : int.MaxValue;
        if (request.From is not null || request.To is not null)
        {
            from = Math.Max(from, 1);
        }

        return new MatchCounter([.. required], [.. excluded], from, to);
    }

    /// <summary>
    /// Whether every segment of <paramref name="reader"/> can be counted this way: a date range is
    /// checked against the dates' doc values, which the query's range reads from the indexed date;
    /// both hold the same value in every segment that has the doc values.
    /// </summary>
    public bool Handles(IndexReader reader) => (_from == int.MinValue && _to == int.MaxValue) || reader.Leaves.All(l => l.AtomicReader.FieldInfos.FieldInfo(LuceneIndex.Date)?.HasDocValues != false);

    /// <summary>
    /// Counts every match of a segment into <paramref name="facets"/> and keeps the matches' document
    /// numbers, in order, at the start of <paramref name="matches"/> (a larger array from the shared
    /// pool when it is too small; the caller returns it); returns their number. With the searcher's
    /// top reader (<paramref name="top"/>), the terms' postings are opened from their kept contexts
    /// (<see cref="TermContexts"/>), without seeking the segment's term dictionaries, and when the
    /// rarest clause is a common word of the index, the common words' documents are read from their
    /// kept bits (<see cref="CommonTermBits"/>): for two common words, 64 documents per AND instead of
    /// advancing one word's postings to each of the other's documents.
    /// </summary>
    public int Count(AtomicReaderContext leaf, FacetCounts facets, ref int[] matches, IndexReader? top = null)
    {
        var reader = leaf.AtomicReader;
        var live = reader.LiveDocs;
        var required = new DocIdSetIterator[_required.Length];
        var costs = new long[_required.Length];
        var bits = new long[]?[_required.Length];
        var commonWords = 0;
        for (var i = 0; i < _required.Length; i++)
        {
            if (top is not null && _required[i] is { Field: LuceneIndex.All, Terms: [var term] } && CommonTermBits.For(leaf, top, term.Utf8ToString()) is { } kept)
            {
                // A common word's postings are opened only if they are read (a rarer clause leads): its kept bits give its cost.
                (bits[i], costs[i]) = (kept, CommonTermBits.Count(leaf, term.Utf8ToString(), kept));
                commonWords++;
                continue;
            }

            var (iterator, cost) = Open(leaf, top, live, _required[i]);
            if (iterator is null)
            {
                return 0;
            }

            (required[i], costs[i]) = (iterator, cost);
        }

        // The rarest clause leads; the others are advanced to its documents. It has at most its cost of matches.
        var order = Enumerable.Range(0, required.Length).ToArray();
        Array.Sort(costs, order);
        if (matches.Length < costs[0])
        {
            System.Buffers.ArrayPool<int>.Shared.Return(matches);
            matches = System.Buffers.ArrayPool<int>.Shared.Rent((int)costs[0]);
        }

        var excluded = _excluded.Select(c => Open(leaf, top, live, c).Iterator).OfType<DocIdSetIterator>().ToArray();
        var counting = new Counting(SegmentValues.For(reader), facets, matches, _from, _to);

        // The rarest clause a common word: the documents are the AND of the common words' kept bits
        // (a machine word at a time), and the other clauses are advanced to those.
        if (commonWords > 0 && bits[order[0]] is not null)
        {
            var words = order.Where(i => bits[i] is not null).Select(i => bits[i]!).ToArray();
            var others = order.Where(i => bits[i] is null).Select(i => required[i]).ToArray();
            var liveWords = LiveWords.For(reader);
            if (words.Length == 1 && others.Length == 0 && excluded.Length == 0 && !counting.ChecksDates)
            {
                // One common word alone: its facets are the kept ones of all its documents, less the deleted ones'.
                var word = words[0];
                KeepDocuments(word, liveWords.Bits, ref counting);
                counting.AddKept(CommonTermBits.FacetsOf(leaf, _required[order[0]].Terms[0].Utf8ToString(), word));
                foreach (var deleted in liveWords.Deleted)
                {
                    if ((word[deleted >> 6] & (1L << deleted)) != 0)
                    {
                        counting.Remove(deleted);
                    }
                }

                return counting.Total;
            }

            CountCommonWords(words, others, excluded, liveWords.Bits, ref counting);
            return counting.Total;
        }

        for (var i = 0; i < required.Length; i++)
        {
            required[i] ??= Open(leaf, top, live, _required[i]).Iterator!;
        }

        var sorted = order.Select(i => required[i]).ToArray();
        var lead = sorted[0];
        var doc = lead.NextDoc();
        while (doc != DocIdSetIterator.NO_MORE_DOCS)
        {
            var next = Agree(sorted, 1, excluded, doc);
            if (next != doc)
            {
                doc = next == DocIdSetIterator.NO_MORE_DOCS ? next : lead.Advance(next);
                continue;
            }

            counting.Add(doc);
            doc = lead.NextDoc();
        }

        return counting.Total;
    }

    /// <summary>Counts the documents of every common word's bits (live ones: <paramref name="live"/>, null when none is deleted) that the other required clauses hold and no excluded one does.</summary>
    private static void CountCommonWords(long[][] words, DocIdSetIterator[] others, DocIdSetIterator[] excluded, long[]? live, ref Counting counting)
    {
        var first = words[0];
        var checks = others.Length > 0 || excluded.Length > 0;
        for (var w = 0; w < first.Length; w++)
        {
            var word = live is null ? first[w] : first[w] & live[w];
            for (var k = 1; k < words.Length && word != 0; k++)
            {
                word &= words[k][w];
            }

            while (word != 0)
            {
                var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (!checks || Agree(others, 0, excluded, doc) == doc)
                {
                    counting.Add(doc);
                }
            }
        }
    }

    /// <summary>Keeps the live documents of a word's bits as matches, without counting their facets.</summary>
    private static void KeepDocuments(long[] bits, long[]? live, ref Counting counting)
    {
        for (var w = 0; w < bits.Length; w++)
        {
            var word = live is null ? bits[w] : bits[w] & live[w];
            while (word != 0)
            {
                counting.Keep((w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
    }

    /// <summary>A segment's kept matches and their facets, as they are counted.</summary>
    private struct Counting(SegmentValues values, FacetCounts facets, int[] kept, int from, int to)
    {
        private readonly int[] _dates = values.Dates;
        private readonly int[] _organizations = values.OrganizationOf;
        private readonly int[] _years = facets.YearCounts;
        private readonly int[] _counts = facets.OrganizationCounts();
        private readonly bool _checkDates = from != int.MinValue || to != int.MaxValue;
        private readonly uint _span = (uint)(to - (long)from);

        public int Total { get; private set; }

        /// <summary>Whether a date range leaves documents out.</summary>
        public readonly bool ChecksDates => _checkDates;

        public void Add(int doc)
        {
            var date = _dates[doc];
            if (_checkDates && (uint)(date - from) > _span)
            {
                return;
            }

            kept[Total++] = doc;
            Facets(date, _organizations[doc], 1);
        }

        /// <summary>Keeps a match whose facets are counted apart (<see cref="AddKept"/>); only without a date range.</summary>
        public void Keep(int doc) => kept[Total++] = doc;

        /// <summary>Adds the kept facets of a word's documents, the deleted ones included (<see cref="Remove"/> takes those out).</summary>
        public readonly void AddKept(WordFacets word)
        {
            foreach (var (year, count) in word.Years)
            {
                _years[year] += count;
            }

            foreach (var (organization, count) in word.Organizations)
            {
                _counts[organization] += count;
            }
        }

        /// <summary>Takes a deleted document's facets out of those <see cref="AddKept"/> added.</summary>
        public readonly void Remove(int doc) => Facets(_dates[doc], _organizations[doc], -1);

        private readonly void Facets(int date, int organization, int by)
        {
            var year = (date / 10000) - FacetCounts.FirstYear;
            if ((uint)year < (uint)_years.Length)
            {
                _years[year] += by;
            }

            if (organization >= 0)
            {
                _counts[organization] += by;
            }
        }
    }

    /// <summary>
    /// The facets of every document of a segment's core holding a word (deleted ones included), as
    /// <see cref="Counting"/> counts them: matches per year (an index from <see cref="FacetCounts.FirstYear"/>)
    /// and per organization (<see cref="SegmentValues"/>' index), the non-zero ones.
    /// </summary>
    internal sealed class WordFacets((int Year, int Count)[] years, (int Organization, int Count)[] organizations)
    {
        public (int Year, int Count)[] Years { get; } = years;

        public (int Organization, int Count)[] Organizations { get; } = organizations;

        public static WordFacets Of(long[] bits, SegmentValues values)
        {
            var years = new Dictionary<int, int>();
            var organizations = new Dictionary<int, int>();
            for (var w = 0; w < bits.Length; w++)
            {
                var word = bits[w];
                while (word != 0)
                {
                    var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    var year = (values.Dates[doc] / 10000) - FacetCounts.FirstYear;
                    if ((uint)year < (uint)FacetCounts.YearSpan)
                    {
                        years[year] = years.GetValueOrDefault(year) + 1;
                    }

                    if (values.OrganizationOf[doc] is var organization and >= 0)
                    {
                        organizations[organization] = organizations.GetValueOrDefault(organization) + 1;
                    }
                }
            }

            return new WordFacets([.. years.Select(y => (y.Key, y.Value))], [.. organizations.Select(o => (o.Key, o.Value))]);
        }
    }

    /// <summary>
    /// A segment reader's live documents as bits (null when none is deleted) and its deleted documents,
    /// read once per reader (a reader's deletions never change; a reopened reader is another reader).
    /// </summary>
    internal sealed class LiveWords(long[]? bits, int[] deleted)
    {
        private static readonly ConditionalWeakTable<AtomicReader, LiveWords> Kept = new();
        private static readonly LiveWords All = new(null, []);

        public long[]? Bits { get; } = bits;

        public int[] Deleted { get; } = deleted;

        public static LiveWords For(AtomicReader reader) => reader.LiveDocs is null ? All : Kept.GetValue(reader, Read);

        private static LiveWords Read(AtomicReader reader)
        {
            var live = reader.LiveDocs!;
            var bits = new long[(reader.MaxDoc + 63) >> 6];
            var deleted = new List<int>();
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (live.Get(doc))
                {
                    bits[doc >> 6] |= 1L << doc;
                }
                else
                {
                    deleted.Add(doc);
                }
            }

            return new LiveWords(bits, [.. deleted]);
        }
    }

    /// <summary><paramref name="doc"/> when every required clause from <paramref name="start"/> holds it and no excluded one does; otherwise a later document to go on from (or none left).</summary>
    private static int Agree(DocIdSetIterator[] required, int start, DocIdSetIterator[] excluded, int doc)
    {
        for (var i = start; i < required.Length; i++)
        {
            var other = required[i];
            var at = other.DocID;
            if (at < doc)
            {
                at = other.Advance(doc);
            }

            if (at != doc)
            {
                return at;
            }
        }

        foreach (var exclusion in excluded)
        {
            var at = exclusion.DocID;
            if (at < doc)
            {
                at = exclusion.Advance(doc);
            }

            if (at == doc)
            {
                return doc + 1;
            }
        }

        return doc;
    }

    /// <summary>The documents holding any of the clause's terms (deleted ones left out), and their number before deletions; null when none does.</summary>
    private static (DocIdSetIterator? Iterator, long Cost) Open(AtomicReaderContext leaf, IndexReader? top, IBits? live, (string Field, BytesRef[] Terms) clause)
    {
        var termsEnum = leaf.AtomicReader.GetTerms(clause.Field)?.GetEnumerator();
        if (termsEnum is null)
        {
            return (null, 0);
        }

        var found = new List<DocsEnum>();
        long cost = 0;
        foreach (var term in clause.Terms)
        {
            if (top is not null && TermContexts.Find(top, new Term(clause.Field, term)) is { } context)
            {
                // The kept context says whether the segment holds the term, and where its postings start.
                if (context.Get(leaf.Ord) is not { } state)
                {
                    continue;
                }

                termsEnum.SeekExact(term, state);
            }
            else if (!termsEnum.SeekExact(term))
            {
                continue;
            }

            cost += termsEnum.DocFreq;
            found.Add(termsEnum.Docs(live, null, DocsFlags.NONE));
        }

        return found.Count switch
        {
            0 => (null, 0),
            1 => (found[0], cost),
            _ => (new Union([.. found], cost), cost),
        };
    }

    /// <summary>The documents of any of several postings, in order.</summary>
    private sealed class Union(DocsEnum[] parts, long cost) : DocIdSetIterator
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int NextDoc() => Advance(_doc + 1);

        public override int Advance(int target)
        {
            var least = NO_MORE_DOCS;
            foreach (var part in parts)
            {
                var at = part.DocID;
                if (at < target)
                {
                    at = part.Advance(target);
                }

                least = Math.Min(least, at);
            }

            return _doc = least;
        }

        public override long GetCost() => cost;
    }
}

/// <summary>The facet counts of a search's matches: per year, and per organization (by <see cref="SegmentValues"/>' index).</summary>
internal sealed class FacetCounts
{
    public const int FirstYear = 1900;

    private int[] _organizationCounts = new int[64];

    /// <summary>How many years from <see cref="FirstYear"/> are counted.</summary>
    public const int YearSpan = 400;

    /// <summary>Matches per year from <see cref="FirstYear"/>.</summary>
    public int[] YearCounts { get; } = new int[YearSpan];

    public IReadOnlyDictionary<int, int> Years => YearCounts.Select((count, i) => (Year: i + FirstYear, Count: count)).Where(y => y.Count > 0).ToDictionary(y => y.Year, y => y.Count);

    /// <summary>The counts per organization, large enough for every index a segment's values hold (<see cref="SegmentValues.For"/> registers them first).</summary>
    public int[] OrganizationCounts()
    {
        var largest = SegmentValues.OrganizationIndexes;
        if (largest > _organizationCounts.Length)
        {
            Array.Resize(ref _organizationCounts, Math.Max(largest, _organizationCounts.Length * 2));
        }

        return _organizationCounts;
    }

    public IReadOnlyList<(string Slug, string Name, int Count)> Organizations()
    {
        var result = new List<(string, string, int)>();
        for (var i = 0; i < _organizationCounts.Length; i++)
        {
            if (_organizationCounts[i] == 0)
            {
                continue;
            }

            var (slug, name) = SegmentValues.OrganizationParts(i);
            result.Add((slug, name, _organizationCounts[i]));
        }

        return result;
    }
}
