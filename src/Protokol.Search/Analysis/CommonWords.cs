using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Protokol.Search.Analysis;

/// <summary>
/// The analyzed terms an index counts as common: every occurrence of two of them side by side (no
/// stop word between them, in one title or one text) is also indexed as one pair term, so a phrase of
/// two common words reads one short postings list instead of two long lists' positions. The set is
/// chosen from the documents when an index is built in full and kept in that index's commit data;
/// every later writer of the index and every search of it uses the kept set, so a word that becomes
/// common later only makes its phrases slower until the next full build, never their results different.
/// </summary>
public sealed class CommonWords
{
    /// <summary>A term is common when at least this share of the sampled documents holds it.</summary>
    public const double DefaultShare = 0.05;

    /// <summary>At most this many terms, the most frequent first, so the pairs stay few.</summary>
    public const int MaxTerms = 128;

    /// <summary>How many documents of a full build the set is chosen from.</summary>
    public const int SampleSize = 20_000;

    private readonly HashSet<string> _terms;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private CommonWords(IEnumerable<string> terms)
    {
        _terms = new HashSet<string>(terms, StringComparer.Ordinal);
        _lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static CommonWords None { get; } = new([]);

    public int Count => _terms.Count;

    public IReadOnlyCollection<string> Terms => _terms;

    public bool Contains(string term) => _terms.Contains(term);

    public bool Contains(ReadOnlySpan<char> term) => _lookup.Contains(term);

    /// <summary>The pair term of two adjacent terms (analyzed terms never hold a space).</summary>
    public static string Pair(string first, string second) => first + " " + second;

    /// <summary>The kept form: the terms separated by spaces, in ordinal order.</summary>
    public string Serialize() => string.Join(' ', _terms.Order(StringComparer.Ordinal));

    public static CommonWords Parse(string? kept) =>
        string.IsNullOrWhiteSpace(kept) ? None : new CommonWords(kept.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static CommonWords Of(IEnumerable<string> terms) => new(terms);

    /// <summary>
    /// The terms at least <paramref name="share"/> of the texts hold (each text a document's title
    /// and text), at most <see cref="MaxTerms"/> of them, the most frequent first.
    /// </summary>
    public static CommonWords Choose(IReadOnlyCollection<(string Title, string Text)> documents, double share = DefaultShare)
    {
        if (documents.Count == 0)
        {
            return None;
        }

        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (title, text) in documents)
        {
            seen.Clear();
            foreach (var value in new[] { title, text })
            {
                foreach (var token in DanishSearchAnalyzer.Instance.Tokens(value))
                {
                    if (seen.Add(token.Term))
                    {
                        frequency[token.Term] = frequency.GetValueOrDefault(token.Term) + 1;
                    }
                }
            }
        }

        var least = Math.Max(2, (int)Math.Ceiling(share * documents.Count));
        return new CommonWords(frequency.Where(f => f.Value >= least)
            .OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(MaxTerms).Select(f => f.Key));
    }

    /// <summary>
    /// The pair terms a phrase's matches all hold: one for each two of its terms that stand side by
    /// side (no gap for a stop word) and are both common.
    /// </summary>
    public IReadOnlyList<string> PairsOf(IReadOnlyList<AnalyzedToken> phrase)
    {
        List<string>? pairs = null;
        for (var i = 0; i + 1 < phrase.Count; i++)
        {
            if (phrase[i + 1].Position == phrase[i].Position + 1 && Contains(phrase[i].Term) && Contains(phrase[i + 1].Term))
            {
                (pairs ??= []).Add(Pair(phrase[i].Term, phrase[i + 1].Term));
            }
        }

        return pairs is null ? [] : pairs.Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// Put at the end of the analysis chain of the pairs field: passes on only the pair terms, one for
/// each two common terms whose positions follow each other (every term at a position pairs with every
/// term at the one before, should a filter ever put two at one).
/// </summary>
internal sealed class WordPairFilter : TokenFilter
{
    private readonly CommonWords _words;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly Queue<string> _pending = new();
    private List<string> _before = [];
    private List<string> _here = [];

    public WordPairFilter(TokenStream input, CommonWords words)
        : base(input)
    {
        _words = words;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        while (true)
        {
            if (_pending.Count > 0)
            {
                var pair = _pending.Dequeue();
                ClearAttributes();
                _term.SetEmpty().Append(pair);
                _increment.PositionIncrement = 1;
                return true;
            }

            if (!m_input.IncrementToken())
            {
                return false;
            }

            var increment = _increment.PositionIncrement;
            if (increment > 0)
            {
                // The terms of the position before are a pair's first terms only right next to this one.
                (_before, _here) = (_here, _before);
                _here.Clear();
                if (increment > 1)
                {
                    _before.Clear();
                }
            }

            var term = _term.Buffer.AsSpan(0, _term.Length);
            if (_words.Contains(term))
            {
                var text = term.ToString();
                foreach (var first in _before)
                {
                    _pending.Enqueue(CommonWords.Pair(first, text));
                }

                _here.Add(text);
            }
        }
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _before.Clear();
        _here.Clear();
    }
}
