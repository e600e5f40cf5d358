using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Protokol.Search.Analysis;

namespace Protokol.Search.Lucene;

/// <summary>
/// A phrase in the combined field that first looks at the pairs field: every document where the
/// phrase occurs holds the pair term of each two adjacent common words of it (the index was written
/// with the same <see cref="CommonWords"/>, kept in its commit data), so the phrase's own scorer,
/// which reads positions, is advanced only to the documents holding all those pair terms. It matches
/// and scores exactly as the plain <see cref="PhraseQuery"/> (its scores are that scorer's); a phrase
/// without such a pair, or an index without common words, is the plain phrase.
/// </summary>
internal sealed class PairedPhraseQuery(PhraseQuery phrase, IReadOnlyList<AnalyzedToken> tokens) : Query
{
    private static readonly ConditionalWeakTable<IndexReader, CommonWords> Kept = new();

    public PhraseQuery Phrase { get; } = phrase;

    /// <summary>The common words of the index the reader reads (none for an index without them).</summary>
    internal static CommonWords WordsOf(IndexReader reader) =>
        Kept.GetValue(reader, r => r is DirectoryReader directory
            && directory.IndexCommit.UserData.TryGetValue(LuceneIndex.CommonWordsKey, out var kept)
                ? CommonWords.Parse(kept)
                : CommonWords.None);

    public override Query Rewrite(IndexReader reader)
    {
        var rewritten = Phrase.Rewrite(reader);
        return ReferenceEquals(rewritten, Phrase) ? this : rewritten;
    }

    public override Weight CreateWeight(IndexSearcher searcher)
    {
        var inner = Phrase.CreateWeight(searcher);
        var pairs = WordsOf(searcher.IndexReader).PairsOf(tokens);
        // A phrase of two words is one pair: a document holds the pair exactly where it holds the phrase.
        return pairs.Count == 0 ? inner : new PairedWeight(this, inner, [.. pairs.Select(p => new BytesRef(p))], tokens.Count == 2);
    }

    public override void ExtractTerms(ISet<Term> terms) => Phrase.ExtractTerms(terms);

    public override string ToString(string field) => Phrase.ToString(field);

    public override bool Equals(object? obj) => obj is PairedPhraseQuery other && Phrase.Equals(other.Phrase);

    public override int GetHashCode() => Phrase.GetHashCode() ^ 0x5a17;

    private sealed class PairedWeight(PairedPhraseQuery query, Weight inner, BytesRef[] pairs, bool pairIsPhrase) : Weight
    {
        public override Query Query => query;

        public override Explanation Explain(AtomicReaderContext context, int doc) => inner.Explain(context, doc);

        public override float GetValueForNormalization() => inner.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost) => inner.Normalize(norm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var phraseScorer = inner.GetScorer(context, acceptDocs);
            if (phraseScorer is null)
            {
                return null;
            }

            var reader = context.AtomicReader;
            if (reader.FieldInfos.FieldInfo(LuceneIndex.Pairs) is null)
            {
                // A segment written without the pairs field (none of its documents had a value): the plain phrase.
                return phraseScorer;
            }

            var terms = reader.GetTerms(LuceneIndex.Pairs)?.GetEnumerator();
            if (terms is null)
            {
                return null;
            }

            var postings = new DocsEnum[pairs.Length];
            for (var i = 0; i < pairs.Length; i++)
            {
                if (!terms.SeekExact(pairs[i]))
                {
                    // No document of the segment holds the pair, so none holds the phrase.
                    return null;
                }

                postings[i] = terms.Docs(acceptDocs, null, DocsFlags.NONE);
            }

            Array.Sort(postings, (a, b) => a.GetCost().CompareTo(b.GetCost()));
            return pairIsPhrase ? new PairScorer(this, phraseScorer, postings[0]) : new PairedScorer(this, phraseScorer, postings);
        }
    }

    /// <summary>
    /// A phrase of two common words: its matches are the pair term's documents, so they are found and
    /// counted without positions, and the phrase's scorer (positions, frequency, score) is advanced only
    /// to the documents whose score is asked for.
    /// </summary>
    private sealed class PairScorer(Weight weight, Scorer phrase, DocsEnum pair) : Scorer(weight)
    {
        public override int DocID => pair.DocID;

        public override int Freq => Phrase().Freq;

        public override float GetScore() => Phrase().GetScore();

        public override long GetCost() => pair.GetCost();

        public override int NextDoc() => pair.NextDoc();

        public override int Advance(int target) => pair.Advance(target);

        private Scorer Phrase()
        {
            var doc = pair.DocID;
            if (phrase.DocID < doc)
            {
                phrase.Advance(doc);
            }

            return phrase.DocID == doc ? phrase : throw new InvalidOperationException($"The pairs field holds a pair the phrase's positions do not (document {doc}): the index must be rebuilt.");
        }
    }

    /// <summary>The documents holding every pair term (the rarest leads) where the phrase's scorer also finds the phrase.</summary>
    private sealed class PairedScorer(Weight weight, Scorer phrase, DocsEnum[] pairs) : Scorer(weight)
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int Freq => phrase.Freq;

        public override float GetScore() => phrase.GetScore();

        public override long GetCost() => pairs[0].GetCost();

        public override int NextDoc() => _doc = Align(pairs[0].NextDoc());

        public override int Advance(int target) => _doc = Align(pairs[0].Advance(target));

        private int Align(int candidate)
        {
            while (candidate != NO_MORE_DOCS)
            {
                var agreed = true;
                for (var i = 1; i < pairs.Length; i++)
                {
                    var at = pairs[i].DocID < candidate ? pairs[i].Advance(candidate) : pairs[i].DocID;
                    if (at == NO_MORE_DOCS)
                    {
                        return NO_MORE_DOCS;
                    }

                    if (at > candidate)
                    {
                        candidate = pairs[0].Advance(at);
                        agreed = false;
                        break;
                    }
                }

                if (!agreed)
                {
                    continue;
                }

                var found = phrase.DocID < candidate ? phrase.Advance(candidate) : phrase.DocID;
                if (found == candidate || found == NO_MORE_DOCS)
                {
                    return found;
                }

                candidate = pairs[0].Advance(found);
            }

            return NO_MORE_DOCS;
        }
    }
}
