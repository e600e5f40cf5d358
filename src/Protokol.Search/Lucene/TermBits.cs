using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Protokol.Search.Lucene;

/// <summary>
/// The documents of a segment's frequent terms as bit sets (one bit per document of the segment,
/// deleted ones included), built from the term's postings the first time a count asks for the term
/// and kept as long as the segment's core is (as Lucene's own caches of filters keep theirs): this is
/// data derived from an immutable segment, not a cache of results, so it holds after every commit
/// and reopen. Deleted documents are left out when counting, by <see cref="LiveWords"/> of the reader
/// at hand. A count of common words is then a word-wise AND of their sets instead of an advance of
/// one word's postings to each document of another's (<see cref="MatchCounter"/>).
/// <para>
/// Only terms held by at least <see cref="DefaultShare"/> of a segment's documents get a set (below
/// that a set is larger than the postings, and the postings are cheap to step), and a segment keeps
/// at most <see cref="MaximumTermsPerSegment"/> sets, so the sets take at most that many eighths of a
/// byte per document of the index: 128 × 112,000 / 8 ≈ 1.8 MB at 100,000 agenda items and 18 MB at
/// 1,000,000.
/// </para>
/// </summary>
internal static class TermBits
{
    /// <summary>The share of a segment's documents a term must be in to get a set (a set costs one bit per document; a posting about one byte).</summary>
    public const double DefaultShare = 1.0 / 32;

    /// <summary>The most sets a segment keeps; later frequent terms are counted from their postings.</summary>
    public const int MaximumTermsPerSegment = 128;

    private static readonly ConditionalWeakTable<object, Segment> Segments = new();
    private static readonly ConditionalWeakTable<object, long[]> Lives = new();

    /// <summary>
    /// The set of the term in the segment, or null when the term is not in it (<paramref name="present"/>
    /// false) or is held by fewer than <paramref name="share"/> of its documents (or the segment keeps as
    /// many sets as it may). <paramref name="termsEnum"/> is the field's terms of the segment; it is
    /// moved only when the set is not kept yet, and when null is returned for a present term it stands
    /// on that term.
    /// </summary>
    public static Set? For(AtomicReader reader, string field, string term, BytesRef bytes, TermsEnum termsEnum, double share, out bool present)
    {
        var segment = Segments.GetValue(reader.CoreCacheKey, _ => new Segment());
        var key = (field, term);
        if (segment.Sets.TryGetValue(key, out var kept))
        {
            present = true;
            return kept;
        }

        present = termsEnum.SeekExact(bytes);
        if (!present)
        {
            return null;
        }

        var frequency = termsEnum.DocFreq;
        if (frequency < share * reader.MaxDoc || Volatile.Read(ref segment.Count) >= MaximumTermsPerSegment)
        {
            return null;
        }

        var words = new long[(reader.MaxDoc + 63) >> 6];
        var docs = termsEnum.Docs(null, null, DocsFlags.NONE);
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            words[doc >> 6] |= 1L << doc;
        }

        var set = new Set(words, frequency);
        if (Interlocked.Increment(ref segment.Count) > MaximumTermsPerSegment)
        {
            Interlocked.Decrement(ref segment.Count);
            return set;
        }

        var added = segment.Sets.GetOrAdd(key, set);
        if (!ReferenceEquals(added, set))
        {
            // Another count built it at the same time.
            Interlocked.Decrement(ref segment.Count);
        }

        return added;
    }

    /// <summary>The live documents of the reader as words of bits (null when none is deleted), kept as long as its view of the deletions is.</summary>
    public static long[]? LiveWords(AtomicReader reader)
    {
        var live = reader.LiveDocs;
        if (live is null)
        {
            return null;
        }

        return Lives.GetValue(reader.CombinedCoreAndDeletesKey, _ =>
        {
            var words = new long[(reader.MaxDoc + 63) >> 6];
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (live.Get(doc))
                {
                    words[doc >> 6] |= 1L << doc;
                }
            }

            return words;
        });
    }

    /// <summary>How many sets the segment of <paramref name="reader"/> keeps (for tests).</summary>
    internal static int Kept(AtomicReader reader) => Segments.TryGetValue(reader.CoreCacheKey, out var segment) ? segment.Sets.Count : 0;

    /// <summary>A term's documents in a segment, one bit each, and their number (deleted ones included).</summary>
    internal sealed record Set(long[] Words, int Count)
    {
        private Facets? _facets;

        public bool Get(int doc) => (Words[doc >> 6] & (1L << doc)) != 0;

        /// <summary>The set's documents (deleted ones included) counted by year and organization, from the segment's values; counted the first time they are asked for.</summary>
        public Facets FacetsOf(SegmentValues values)
        {
            if (Volatile.Read(ref _facets) is { } kept)
            {
                return kept;
            }

            var years = new int[FacetCounts.YearSpan];
            var organizations = new int[SegmentValues.OrganizationIndexes];
            var dates = values.Dates;
            var organizationOf = values.OrganizationOf;
            for (var w = 0; w < Words.Length; w++)
            {
                for (var x = Words[w]; x != 0; x &= x - 1)
                {
                    var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(x);
                    var year = (dates[doc] / 10000) - FacetCounts.FirstYear;
                    if ((uint)year < (uint)years.Length)
                    {
                        years[year]++;
                    }

                    if (organizationOf[doc] >= 0)
                    {
                        organizations[organizationOf[doc]]++;
                    }
                }
            }

            var facets = new Facets(years, organizations);
            Volatile.Write(ref _facets, facets);
            return facets;
        }
    }

    /// <summary>A set's documents per year (from <see cref="FacetCounts.FirstYear"/>) and per organization index.</summary>
    internal sealed record Facets(int[] Years, int[] Organizations);

    private sealed class Segment
    {
        public readonly ConcurrentDictionary<(string Field, string Term), Set> Sets = new();
        public int Count;
    }
}
