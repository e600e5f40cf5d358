using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Protokol.Search.Lucene;

/// <summary>
/// Where each segment's postings of a term start (Lucene's <see cref="TermContext"/>: one term
/// dictionary seek per segment), looked up once per reader and kept as long as the reader is, so
/// the score bounds' document frequencies and the query's term weights of a common word do not seek
/// the term dictionary of every segment again on each search. Data of the reader's immutable view
/// of the index, not of results: a refreshed reader has its own. At most
/// <see cref="MaximumPerReader"/> terms per reader are kept; later ones are looked up each time.
/// </summary>
internal static class TermContexts
{
    /// <summary>The most terms kept per reader (each a few hundred bytes per segment).</summary>
    public const int MaximumPerReader = 2048;

    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<Term, TermContext>> Kept = new();

    /// <summary>The term's context in <paramref name="reader"/> (the searcher's top reader, whose context the query's weights are made in).</summary>
    public static TermContext For(IndexReader reader, Term term)
    {
        var kept = Kept.GetValue(reader, _ => new ConcurrentDictionary<Term, TermContext>());
        if (kept.TryGetValue(term, out var context))
        {
            return context;
        }

        context = TermContext.Build(reader.Context, term);
        if (kept.Count < MaximumPerReader)
        {
            kept.TryAdd(term, context);
        }

        return context;
    }

    /// <summary>
    /// The term's kept context in <paramref name="reader"/>, looked up and kept now when there is
    /// room; null when the reader's table is full and does not hold it (the caller then seeks the
    /// term where it needs it, instead of in every segment).
    /// </summary>
    public static TermContext? Find(IndexReader reader, Term term)
    {
        var kept = Kept.GetValue(reader, _ => new ConcurrentDictionary<Term, TermContext>());
        if (kept.TryGetValue(term, out var context))
        {
            return context;
        }

        return kept.Count < MaximumPerReader ? For(reader, term) : null;
    }
}
