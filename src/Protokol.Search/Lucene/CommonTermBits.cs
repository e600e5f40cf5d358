using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Protokol.Search.Analysis;

namespace Protokol.Search.Lucene;

/// <summary>
/// A segment's documents holding a common word (<see cref="CommonWords"/> of the index, kept in its
/// commit data) in the combined field, as one bit per document, read from the postings the first
/// time a count asks for it and kept with the segment's core, as Lucene keeps cached filters. Two
/// common words' documents are then intersected a machine word (64 documents) at a time instead of
/// advancing one word's postings to each of the other's documents. Deleted documents are in the
/// bits (the core's postings never change); the counter leaves them out by the live documents.
/// Data of the index, not of results: at most <see cref="CommonWords.MaxTerms"/> words per segment,
/// a bit per document each (≤ 1.6 MB at 100,000 documents, ≤ 16 MB at 1,000,000), and only the
/// common words searched for.
/// </summary>
internal static class CommonTermBits
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, long[]>> Kept = new();
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, MatchCounter.WordFacets>> KeptFacets = new();

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, StrongBox<int>>> KeptCounts = new();

    /// <summary>How many documents the word's kept <paramref name="bits"/> hold (its document frequency in the segment), counted once.</summary>
    public static int Count(AtomicReaderContext leaf, string term, long[] bits)
    {
        var kept = KeptCounts.GetValue(leaf.AtomicReader.CoreCacheKey, _ => new ConcurrentDictionary<string, StrongBox<int>>(StringComparer.Ordinal));
        return kept.GetOrAdd(term, _ => new StrongBox<int>(bits.Sum(b => System.Numerics.BitOperations.PopCount((ulong)b)))).Value;
    }

    /// <summary>
    /// The facets of every document of the segment's core holding the common word (its <paramref name="bits"/>
    /// from <see cref="For"/>), deleted ones included, counted the first time they are asked for and kept
    /// with the core as the bits are: a few hundred bytes per word.
    /// </summary>
    public static MatchCounter.WordFacets FacetsOf(AtomicReaderContext leaf, string term, long[] bits)
    {
        var reader = leaf.AtomicReader;
        var kept = KeptFacets.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, MatchCounter.WordFacets>(StringComparer.Ordinal));
        return kept.GetOrAdd(term, _ => MatchCounter.WordFacets.Of(bits, SegmentValues.For(reader)));
    }

    /// <summary>
    /// The bits of <paramref name="term"/>'s documents in the segment (deleted ones included), or null
    /// when the term is not one of the index's common words or the segment does not hold it.
    /// </summary>
    public static long[]? For(AtomicReaderContext leaf, IndexReader top, string term)
    {
        if (!PairedPhraseQuery.WordsOf(top).Contains(term))
        {
            return null;
        }

        var reader = leaf.AtomicReader;
        var kept = Kept.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, long[]>(StringComparer.Ordinal));
        if (kept.TryGetValue(term, out var bits))
        {
            return bits.Length == 0 ? null : bits;
        }

        bits = Read(leaf, top, term);
        kept.TryAdd(term, bits);
        return bits.Length == 0 ? null : bits;
    }

    /// <summary>The term's documents as bits (an empty array when the segment does not hold it).</summary>
    private static long[] Read(AtomicReaderContext leaf, IndexReader top, string term)
    {
        var termsEnum = leaf.AtomicReader.GetTerms(LuceneIndex.All)?.GetEnumerator();
        if (termsEnum is null)
        {
            return [];
        }

        var bytes = new BytesRef(term);
        if (TermContexts.Find(top, new Term(LuceneIndex.All, bytes)) is { } context)
        {
            if (context.Get(leaf.Ord) is not { } state)
            {
                return [];
            }

            termsEnum.SeekExact(bytes, state);
        }
        else if (!termsEnum.SeekExact(bytes))
        {
            return [];
        }

        var bits = new long[(leaf.AtomicReader.MaxDoc + 63) >> 6];
        var docs = termsEnum.Docs(null, null, DocsFlags.NONE);
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            bits[doc >> 6] |= 1L << doc;
        }

        return bits;
    }
}
