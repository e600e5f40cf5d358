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
    private readonly (string Field, string[] Terms)[] _required;
    private readonly (string Field, string[] Terms)[] _excluded;
    private readonly int _from;
    private readonly int _to;

    private MatchCounter((string, string[])[] required, (string, string[])[] excluded, int from, int to)
    {
        _required = required;
        _excluded = excluded;
        _from = from;
        _to = to;
    }

    /// <summary>The counter of the query with the request's filters, or null when its shape is not one of single terms.</summary>
    public static MatchCounter? For(AnalyzedQuery query, SearchRequest request)
    {
        var required = new List<(string, string[])>();
        var excluded = new List<(string, string[])>();
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

            var terms = clause.Alternatives.Select(a => ((TermMatch)a).Term).ToArray();
            (clause.Excluded ? excluded : required).Add((LuceneIndex.All, terms));
        }

        if (required.Count == 0)
        {
            return null;
        }

        if (request.Organizations.Count > 0)
        {
            required.Add((LuceneIndex.Organization, [.. request.Organizations]));
        }

        if (request.PersonId is { } person)
        {
            required.Add((LuceneIndex.Person, [person.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }

        if (request.Kind is { } kind)
        {
            required.Add((LuceneIndex.Kind, [SearchEngine.KindName(kind)]));
        }

        if (request.HasDecision)
        {
            required.Add((LuceneIndex.Decision, ["1"]));
        }

        if (request.Type is { } type)
        {
            required.Add((LuceneIndex.DocType, [SearchEngine.TypeName(type)]));
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
    /// pool when it is too small; the caller returns it); returns their number. Terms held by at least
    /// <paramref name="share"/> of the segment's documents are read from their bit sets
    /// (<see cref="TermBits"/>); when every required clause is, the matches are found word by word.
    /// </summary>
    public int Count(AtomicReader reader, FacetCounts facets, ref int[] matches, double share = TermBits.DefaultShare)
    {
        var live = reader.LiveDocs;
        var required = new Clause[_required.Length];
        var everyBits = true;
        for (var i = 0; i < _required.Length; i++)
        {
            if (Open(reader, live, _required[i], share) is not { } clause)
            {
                return 0;
            }

            required[i] = clause;
            everyBits &= clause.Sets is not null;
        }

        // The rarest clause leads; the others are advanced to its documents. It has at most its cost of matches.
        Array.Sort(required, (a, b) => a.Cost.CompareTo(b.Cost));
        var most = required[0].Cost;
        if (matches.Length < most)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(matches);
            matches = System.Buffers.ArrayPool<int>.Shared.Rent((int)most);
        }

        var excluded = _excluded.Select(c => Open(reader, live, c, share)).OfType<Clause>().ToArray();
        var excludedIterators = excluded.Where(c => c.Iterator is not null).Select(c => c.Iterator!).ToArray();
        var excludedSets = excluded.Where(c => c.Sets is not null).Select(c => c.Sets!).ToArray();
        var values = SegmentValues.For(reader);
        var collector = new Kept(this, values, facets, matches);
        if (everyBits && required.Length == 1 && required[0].Sets!.Length == 1 && excluded.Length == 0 && _from == int.MinValue && _to == int.MaxValue)
        {
            return CountSet(reader, required[0].Sets![0], values, facets, matches);
        }

        if (everyBits)
        {
            CountWords(reader, [.. required.Select(c => c.Sets!)], excludedSets, excludedIterators, ref collector);
            return collector.Total;
        }

        var iterators = required.Where(c => c.Iterator is not null).Select(c => c.Iterator!).ToArray();
        var requiredSets = required.Where(c => c.Sets is not null).Select(c => c.Sets!).ToArray();
        var lead = iterators[0];
        var doc = lead.NextDoc();
        while (doc != DocIdSetIterator.NO_MORE_DOCS)
        {
            var next = Agree(iterators, requiredSets, excludedSets, excludedIterators, doc);
            if (next != doc)
            {
                doc = next == DocIdSetIterator.NO_MORE_DOCS ? next : lead.Advance(next);
                continue;
            }

            collector.Add(doc);
            doc = lead.NextDoc();
        }

        return collector.Total;
    }

    /// <summary>
    /// A single term's set, nothing excluded, no dates: the facets are the set's (counted once per
    /// segment) less its deleted documents', and the matches its live documents.
    /// </summary>
    private static int CountSet(AtomicReader reader, TermBits.Set set, SegmentValues values, FacetCounts facets, int[] matches)
    {
        var kept = set.FacetsOf(values);
        var years = facets.YearCounts;
        var counts = facets.OrganizationCounts();
        for (var i = 0; i < kept.Years.Length; i++)
        {
            years[i] += kept.Years[i];
        }

        for (var i = 0; i < kept.Organizations.Length; i++)
        {
            counts[i] += kept.Organizations[i];
        }

        var live = TermBits.LiveWords(reader);
        var words = set.Words;
        var total = 0;
        for (var w = 0; w < words.Length; w++)
        {
            var x = words[w];
            if (live is not null && (x & ~live[w]) is var deleted and not 0)
            {
                // Deleted documents holding the term: taken out of the counts.
                x &= live[w];
                for (; deleted != 0; deleted &= deleted - 1)
                {
                    var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(deleted);
                    var year = (values.Dates[doc] / 10000) - FacetCounts.FirstYear;
                    if ((uint)year < (uint)years.Length)
                    {
                        years[year]--;
                    }

                    if (values.OrganizationOf[doc] >= 0)
                    {
                        counts[values.OrganizationOf[doc]]--;
                    }
                }
            }

            for (; x != 0; x &= x - 1)
            {
                matches[total++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(x);
            }
        }

        return total;
    }

    /// <summary>Every required clause a bit set: the matches of each word of 64 documents at once, the live documents' word ANDed in.</summary>
    private static void CountWords(AtomicReader reader, TermBits.Set[][] required, TermBits.Set[][] excludedSets, DocIdSetIterator[] excludedIterators, ref Kept collector)
    {
        var live = TermBits.LiveWords(reader);
        var words = (reader.MaxDoc + 63) >> 6;
        for (var w = 0; w < words; w++)
        {
            var x = live is null ? -1L : live[w];
            for (var i = 0; i < required.Length && x != 0; i++)
            {
                x &= Word(required[i], w);
            }

            if (x == 0)
            {
                continue;
            }

            foreach (var sets in excludedSets)
            {
                x &= ~Word(sets, w);
            }

            while (x != 0)
            {
                var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(x);
                x &= x - 1;
                if (excludedIterators.Length == 0 || !AnyHolds(excludedIterators, doc))
                {
                    collector.Add(doc);
                }
            }
        }
    }

    /// <summary>The word of a clause of one or more terms' sets (any of them).</summary>
    private static long Word(TermBits.Set[] sets, int w)
    {
        var x = sets[0].Words[w];
        for (var i = 1; i < sets.Length; i++)
        {
            x |= sets[i].Words[w];
        }

        return x;
    }

    private static bool AnyHolds(TermBits.Set[] sets, int doc)
    {
        foreach (var set in sets)
        {
            if (set.Get(doc))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyHolds(DocIdSetIterator[] iterators, int doc)
    {
        foreach (var iterator in iterators)
        {
            var at = iterator.DocID;
            if (at < doc)
            {
                at = iterator.Advance(doc);
            }

            if (at == doc)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="doc"/> when every other required clause holds it and no excluded one does; otherwise a later document to go on from (or none left).</summary>
    private static int Agree(DocIdSetIterator[] required, TermBits.Set[][] requiredSets, TermBits.Set[][] excludedSets, DocIdSetIterator[] excluded, int doc)
    {
        for (var i = 1; i < required.Length; i++)
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

        foreach (var sets in requiredSets)
        {
            if (!AnyHolds(sets, doc))
            {
                return doc + 1;
            }
        }

        foreach (var sets in excludedSets)
        {
            if (AnyHolds(sets, doc))
            {
                return doc + 1;
            }
        }

        return AnyHolds(excluded, doc) ? doc + 1 : doc;
    }

    /// <summary>
    /// The documents holding any of the clause's terms: their bit sets when every present term has
    /// one, otherwise their postings (deleted documents left out), with their number before
    /// deletions; null when none of the terms is in the segment.
    /// </summary>
    private static Clause? Open(AtomicReader reader, IBits? live, (string Field, string[] Terms) clause, double share)
    {
        var termsEnum = reader.GetTerms(clause.Field)?.GetEnumerator();
        if (termsEnum is null)
        {
            return null;
        }

        var sets = new List<TermBits.Set>(clause.Terms.Length);
        long cost = 0;
        DocsEnum? single = null;
        var missing = false;
        foreach (var term in clause.Terms)
        {
            var bytes = new BytesRef(term);
            if (TermBits.For(reader, clause.Field, term, bytes, termsEnum, share, out var present) is { } set)
            {
                sets.Add(set);
                cost += set.Count;
            }
            else if (present)
            {
                missing = true;
                cost += termsEnum.DocFreq;
                if (clause.Terms.Length == 1)
                {
                    single = termsEnum.Docs(live, null, DocsFlags.NONE);
                }
            }
        }

        if (!missing)
        {
            return sets.Count == 0 ? null : new Clause(null, [.. sets], cost);
        }

        if (single is not null)
        {
            return new Clause(single, null, cost);
        }

        // Some terms have sets and some not: the postings of every term.
        var found = new List<DocsEnum>();
        foreach (var term in clause.Terms)
        {
            if (termsEnum.SeekExact(new BytesRef(term)))
            {
                found.Add(termsEnum.Docs(live, null, DocsFlags.NONE));
            }
        }

        return new Clause(found.Count == 1 ? found[0] : new Union([.. found], cost), null, cost);
    }

    /// <summary>A clause's documents: from its postings or from its terms' bit sets (any of them).</summary>
    private sealed record Clause(DocIdSetIterator? Iterator, TermBits.Set[]? Sets, long Cost);

    /// <summary>Keeps a segment's matches in the date range and counts them by year and organization.</summary>
    private struct Kept(MatchCounter counter, SegmentValues values, FacetCounts facets, int[] matches)
    {
        private readonly int[] _dates = values.Dates;
        private readonly int[] _organizations = values.OrganizationOf;
        private readonly int[] _years = facets.YearCounts;
        private readonly int[] _counts = facets.OrganizationCounts();
        private readonly bool _checkDates = counter._from != int.MinValue || counter._to != int.MaxValue;
        private readonly int _from = counter._from;
        private readonly uint _span = (uint)(counter._to - (long)counter._from);

        public int Total { get; private set; }

        public void Add(int doc)
        {
            var date = _dates[doc];
            if (_checkDates && (uint)(date - _from) > _span)
            {
                return;
            }

            matches[Total++] = doc;
            var year = (date / 10000) - FacetCounts.FirstYear;
            if ((uint)year < (uint)_years.Length)
            {
                _years[year]++;
            }

            var organization = _organizations[doc];
            if (organization >= 0)
            {
                _counts[organization]++;
            }
        }
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

    /// <summary>How many years from <see cref="FirstYear"/> are counted.</summary>
    public const int YearSpan = 400;

    private int[] _organizationCounts = new int[64];

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
