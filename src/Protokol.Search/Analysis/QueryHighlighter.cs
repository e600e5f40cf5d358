using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Protokol.Core.Search;

namespace Protokol.Search.Analysis;

/// <summary>
/// Marks the words a query found, whatever their inflection, and picks the passage of a long text
/// that holds most of them. Both engines use it, so a hit looks the same whichever engine found it.
/// </summary>
public sealed class QueryHighlighter
{
    /// <summary>Longer texts are read this far for a snippet.</summary>
    private const int MaxScan = 30_000;

    private readonly HashSet<string> _terms;
    private readonly string[] _prefixes;

    /// <summary>The prefixes' shorter stems (<see cref="PrefixMatch.Stems"/>), whole terms kept apart from <see cref="_terms"/>, whose count the snippet decisions rely on.</summary>
    private readonly HashSet<string> _prefixStems;

    private QueryHighlighter(HashSet<string> terms, string[] prefixes, HashSet<string> prefixStems)
    {
        _terms = terms;
        _prefixes = prefixes;
        _prefixStems = prefixStems;
        _starts = [.. terms.Concat(prefixes).Concat(prefixStems).Select(DanishStems.WordStart).Distinct(StringComparer.Ordinal)];
        _keys = Keys(_starts);
    }

    /// <summary>
    /// What a folded word must start with to stem to a term looked for, one per term, prefix and prefix stem: the term, or
    /// the term less a final "l" after a consonant (<see cref="DanishStems.WordStart"/>: "regel" is indexed as "regl").
    /// </summary>
    private readonly string[] _starts;

    /// <summary>
    /// What a lower-cased word must start with to stem to a term looked for, one per term, prefix and
    /// prefix stem: its <see cref="_starts">start</see> before the first "å" (which the word may spell "aa"). Null when one is
    /// shorter than <see cref="MinimumKeyLength"/>: it would be found so often that analysing the whole
    /// text is as quick.
    /// </summary>
    private readonly string[]? _keys;

    private const int MinimumKeyLength = 3;

    /// <summary>Texts up to this long are analysed whole: finding their words first saves nothing.</summary>
    private const int WholeUpTo = 160;

    private static string[]? Keys(IEnumerable<string> looked)
    {
        var keys = new List<string>();
        foreach (var term in looked)
        {
            var fold = term.IndexOf('å', StringComparison.Ordinal);
            var key = fold < 0 ? term : term[..fold];
            if (key.Length < MinimumKeyLength)
            {
                return null;
            }

            keys.Add(key);
        }

        // A key that starts with another finds nothing the other does not.
        return [.. keys.Distinct(StringComparer.Ordinal).Where(k => !keys.Any(o => o.Length < k.Length && k.StartsWith(o, StringComparison.Ordinal)))];
    }

    public static QueryHighlighter For(AnalyzedQuery query)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        var prefixStems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in query.Required.SelectMany(c => c.Alternatives))
        {
            switch (term)
            {
                case TermMatch t:
                    terms.Add(t.Term);
                    break;
                case PhraseMatch p:
                    terms.UnionWith(p.Tokens.Select(t => t.Term));
                    break;
                case PrefixMatch p:
                    prefixes.Add(p.Prefix);
                    prefixStems.UnionWith(p.Stems);
                    break;
                default:
                    break;
            }
        }

        return new QueryHighlighter(terms, [.. prefixes], prefixStems);
    }

    /// <summary>The (stemmed) terms looked for, without the prefixes.</summary>
    public IReadOnlyCollection<string> Terms => _terms;

    internal bool Matches(string term) => _terms.Contains(term) || _prefixStems.Contains(term) || _prefixes.Any(p => term.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// Whether a folded, unstemmed word can stem to a term looked for. Danish stemming only removes letters from a
    /// word's end, and the syncope step (<see cref="DanishStems.Syncope"/>) at most takes letters out before a final
    /// "l" too, so a word whose stem is a term, or starts with a prefix, starts with that term's or prefix's
    /// <see cref="DanishStems.WordStart"/>: a word that starts with none of them cannot match, and is not stemmed at all.
    /// </summary>
    private bool CanMatch(ReadOnlySpan<char> folded)
    {
        foreach (var start in _starts)
        {
            if (folded.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The whole (short) text with its matches marked: for titles.</summary>
    public IReadOnlyList<SnippetPart> Mark(string text) => Parts(text, 0, text.Length, Matching(text));

    /// <summary>
    /// What <see cref="Mark"/> gives, from the text's <paramref name="matches"/> of the terms looked
    /// for (in the order of their offsets, as the index holds them: the words tokenizing it finds).
    /// Only when <see cref="TakesSnippetsFromMatches"/> (no prefix looked for).
    /// </summary>
    public IReadOnlyList<SnippetPart> MarkMatches(string text, List<AnalyzedToken> matches) => Parts(text, 0, text.Length, matches);

    /// <summary>A passage of about <paramref name="length"/> characters around the densest matches, with them marked.</summary>
    public IReadOnlyList<SnippetPart> Snippet(string text, int length = 240)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var scanned = text.Length > MaxScan ? text[..MaxScan] : text;
        return Window(scanned, text.Length, Matching(scanned), length)!;
    }

    /// <summary>Whether <see cref="SnippetOfMatches"/> can take a text's snippet from its matches: not for a prefix looked for, nor a text longer than a snippet scans.</summary>
    public bool TakesSnippetsFromMatches(int textLength) => _prefixes.Length == 0 && textLength <= MaxScan;

    /// <summary>
    /// The snippet <see cref="Snippet"/> would take from the whole text, given every match of the
    /// terms looked for in it (<paramref name="matches"/>, in the order of their offsets, as the index
    /// holds them: the same words a tokenization of the text finds) and the text's start
    /// (<paramref name="source"/>; the whole text when it has <paramref name="textLength"/>
    /// characters). Null when the passage reaches past the start, so the rest of the text is needed.
    /// Only when <see cref="TakesSnippetsFromMatches"/>.
    /// </summary>
    public IReadOnlyList<SnippetPart>? SnippetOfMatches(ReadOnlySpan<char> source, int textLength, List<AnalyzedToken> matches, int length = 240)
    {
        if (source.Length >= textLength && source.IsWhiteSpace())
        {
            return [];
        }

        return Window(source, textLength, matches, length);
    }

    /// <summary>
    /// The passage around the densest matches of a text of <paramref name="textLength"/> characters,
    /// from <paramref name="text"/>, the whole text or a start of it cut before white space; null when
    /// the passage needs characters past that start.
    /// </summary>
    private static List<SnippetPart>? Window(ReadOnlySpan<char> text, int textLength, List<AnalyzedToken> matches, int length)
    {
        var whole = text.Length >= Math.Min(textLength, MaxScan);
        if (matches.Count == 0)
        {
            if (!whole && text.Length <= length)
            {
                return null;
            }

            var end = WordEnd(text, Math.Min(text.Length, length));
            return Parts(text, 0, end, matches, ellipsisAfter: end < textLength);
        }

        var best = BestStart(matches, length - 40);
        var scanned = Math.Min(textLength, MaxScan);
        if (!whole && (matches[best].Start >= text.Length || Math.Min(scanned, WordStart(text, Math.Max(0, matches[best].Start - 40)) + length) >= text.Length))
        {
            return null;
        }

        var start = WordStart(text, Math.Max(0, matches[best].Start - 40));
        var stop = WordEnd(text, Math.Min(text.Length, start + length));
        return Parts(text, start, stop, matches, ellipsisBefore: start > 0, ellipsisAfter: stop < textLength);
    }

    /// <summary>
    /// The first match whose window (it and the matches after it, up to the first that ends more
    /// than <paramref name="reach"/> characters after its start) holds the most distinct terms.
    /// One pass with a window sliding over the matches (its end only moves forward, as the matches
    /// are in the order of their starts), instead of counting each match's window anew.
    /// </summary>
    internal static int BestStart(List<AnalyzedToken> matches, int reach)
    {
        var best = 0;
        var bestScore = -1;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = 0;
        var end = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            // The window is the matches [i, end).
            end = Math.Max(end, i);
            while (end < matches.Count && matches[end].End - matches[i].Start <= reach)
            {
                var term = matches[end].Term;
                counts.TryGetValue(term, out var count);
                counts[term] = count + 1;
                distinct += count == 0 ? 1 : 0;
                end++;
            }

            if (distinct > bestScore)
            {
                bestScore = distinct;
                best = i;
            }

            if (i < end)
            {
                var term = matches[i].Term;
                var left = counts[term] - 1;
                counts[term] = left;
                distinct -= left == 0 ? 1 : 0;
            }
        }

        return best;
    }

    /// <summary>
    /// The start of a text a snippet is usually taken from: the text itself when it has at most
    /// <paramref name="length"/> characters, else its longest start of at most that many characters
    /// that is followed by white space (so no word is cut, and the words in it are the text's own).
    /// </summary>
    public static string SnippetSource(string text, int length = SnippetSourceLength)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var end = length;
        while (end > 0 && !char.IsWhiteSpace(text[end]))
        {
            end--;
        }

        return text[..end];
    }

    /// <summary>How many characters of a text <see cref="SnippetSource"/> keeps by default.</summary>
    public const int SnippetSourceLength = 2_000;

    /// <summary>
    /// The snippet <see cref="Snippet"/> would take from the whole text, computed from its start
    /// (<paramref name="source"/>, from <see cref="SnippetSource"/>) alone, or null when the rest of
    /// the text could change it: when the start holds no match, when a prefix is looked for, or when
    /// the start's best passage does not hold every term looked for (a later one could hold more) or
    /// does not lie wholly in the start. <paramref name="textLength"/> is the whole text's length.
    /// </summary>
    public IReadOnlyList<SnippetPart>? SnippetOfStart(string source, int textLength, int length = 240)
    {
        if (source.Length >= textLength)
        {
            return Snippet(source, length);
        }

        if (_prefixes.Length > 0 || source.Length > MaxScan)
        {
            return null;
        }

        if (_terms.Count == 0)
        {
            // Nothing to mark (a search by filters alone): the text's start, as from the whole text.
            return string.IsNullOrWhiteSpace(source) || length > source.Length ? null : Parts(source, 0, WordEnd(source, length), [], ellipsisAfter: true);
        }

        var matches = Matching(source);
        var best = -1;
        var bestScore = -1;
        var distinct = new HashSet<string>(StringComparer.Ordinal);

        // A passage starting at a match is known only when every match it may hold ends inside the start.
        for (var i = 0; i < matches.Count && matches[i].Start + length - 40 <= source.Length; i++)
        {
            distinct.Clear();
            for (var j = i; j < matches.Count && matches[j].End - matches[i].Start <= length - 40; j++)
            {
                distinct.Add(matches[j].Term);
            }

            if (distinct.Count > bestScore)
            {
                bestScore = distinct.Count;
                best = i;
            }
        }

        // Only a passage holding every term looked for cannot be beaten by a later one (a tie keeps the first).
        if (best < 0 || bestScore < _terms.Count)
        {
            return null;
        }

        var start = WordStart(source, Math.Max(0, matches[best].Start - 40));
        if (start + length > source.Length)
        {
            return null;
        }

        var stop = WordEnd(source, start + length);
        return Parts(source, start, stop, matches, ellipsisBefore: start > 0, ellipsisAfter: true);
    }

    /// <summary>
    /// The words of <paramref name="text"/> that match, with where they stand: the same as analysing the
    /// whole text and keeping the matching terms, but only words that can match are stemmed and kept, and in a
    /// longer text only the stretches that hold such words are analysed (<see cref="Windows"/>).
    /// </summary>
    internal List<AnalyzedToken> Matching(string text)
    {
        var matches = new List<AnalyzedToken>();
        if (_terms.Count == 0 && _prefixes.Length == 0)
        {
            return matches;
        }

        if (_keys is not null && text.Length > WholeUpTo && Windows(text) is { } windows)
        {
            foreach (var (start, end) in windows)
            {
                Analyse(text.Substring(start, end - start), start, matches);
            }

            return matches;
        }

        Analyse(text, 0, matches);
        return matches;
    }

    /// <summary>The whole analysis of <see cref="Matching"/>, for the tests that compare the two.</summary>
    internal List<AnalyzedToken> MatchingWhole(string text)
    {
        var matches = new List<AnalyzedToken>();
        if (_terms.Count > 0 || _prefixes.Length > 0)
        {
            Analyse(text, 0, matches);
        }

        return matches;
    }

    /// <summary>
    /// The stretches of <paramref name="text"/> between white space (start, end) that hold every word that can match, in
    /// order; null when analysing the whole text is as quick (they cover much of it) or the text holds a character outside the
    /// Basic Multilingual Plane (which the analysis lower-cases as one code point, not as two halves) or one of <see cref="Uncased"/>.
    /// A matching word's folded form starts with a term looked for, so the word, lower-cased, starts with the term's
    /// <see cref="_keys">key</see>: the word is found from the key's occurrences (ignoring case), and only the stretch around each
    /// is analysed. Words never cross white space (Unicode's word boundaries always fall on both sides of a space, a tab or a line
    /// break), so a stretch bounded by it splits into the same words as the whole text does there.
    /// </summary>
    private List<(int Start, int End)>? Windows(string text)
    {
        var span = text.AsSpan();
        if (span.ContainsAnyInRange('\uD800', '\uDFFF') || span.ContainsAny(Uncased))
        {
            return null;
        }

        var windows = new List<(int Start, int End)>();
        var covered = 0;
        foreach (var key in _keys!)
        {
            for (var at = span.IndexOf(key, StringComparison.OrdinalIgnoreCase); at >= 0;)
            {
                var start = span[..at].LastIndexOfAny(Breaks) + 1;
                var end = span[(at + key.Length)..].IndexOfAny(Breaks) is var after and >= 0 ? at + key.Length + after : text.Length;
                windows.Add((start, end));
                covered += end - start;
                if (covered > text.Length / 2)
                {
                    return null;
                }

                var next = span[end..].IndexOf(key, StringComparison.OrdinalIgnoreCase);
                at = next < 0 ? -1 : end + next;
            }
        }

        if (windows.Count <= 1)
        {
            return windows;
        }

        // Stretches between white space are the same or apart: one of each, in order.
        windows.Sort();
        var distinct = new List<(int Start, int End)>(windows.Count) { windows[0] };
        foreach (var window in windows)
        {
            if (window.Start >= distinct[^1].End)
            {
                distinct.Add(window);
            }
        }

        return distinct;
    }

    /// <summary>
    /// The characters whose lower case (as the analysis makes it, the invariant culture's) an ordinal comparison that ignores
    /// case does not take as equal to them, such as the Kelvin sign (lower case "k", upper case "K"): a text that holds one is
    /// analysed whole, as the keys are looked for ignoring case, not in a lower-cased copy of the text.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> Uncased = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => !char.IsSurrogate(c) && char.ToLowerInvariant(c) is var lower && lower != c
            && !new ReadOnlySpan<char>(in c).Equals(new ReadOnlySpan<char>(in lower), StringComparison.OrdinalIgnoreCase)).ToArray());

    /// <summary>The white space that bounds the stretches analysed (ASCII only: every one is a word boundary on both sides).</summary>
    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create(" \t\n\r\f\v");

    /// <summary>Analyses <paramref name="text"/> (which starts at <paramref name="offset"/> in the text it is taken from) and adds its matching words.</summary>
    private void Analyse(string text, int offset, List<AnalyzedToken> matches)
    {
        CandidateAnalyzer.Current = this;
        try
        {
            using var stream = CandidateAnalyzer.Instance.GetTokenStream("text", text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var position = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var stemmed = term.ToString();
                if (Matches(stemmed))
                {
                    // Positions are not needed for marking; only the offsets are.
                    matches.Add(new AnalyzedToken(stemmed, 0, offset + position.StartOffset, offset + position.EndOffset));
                }
            }

            stream.End();
        }
        finally
        {
            CandidateAnalyzer.Current = null;
        }
    }

    private static List<SnippetPart> Parts(ReadOnlySpan<char> text, int start, int end, List<AnalyzedToken> matches, bool ellipsisBefore = false, bool ellipsisAfter = false)
    {
        var parts = new List<SnippetPart>();
        var before = ellipsisBefore;
        var at = start;
        for (var i = 0; i < matches.Count; i++)
        {
            var match = matches[i];
            if (match.Start < start || match.End > end || match.Start < at)
            {
                continue;
            }

            if (before || match.Start > at)
            {
                parts.Add(new SnippetPart(Squeeze(text.Slice(at, match.Start - at), before, false), false));
                before = false;
            }

            parts.Add(new SnippetPart(text[match.Start..match.End].ToString(), true));
            at = match.End;
        }

        if (before || ellipsisAfter || end > at)
        {
            parts.Add(new SnippetPart(Squeeze(text.Slice(at, end - at), before, ellipsisAfter), false));
        }

        return parts;
    }

    /// <summary>
    /// Line breaks and Markdown emphasis mean nothing in a one-line snippet: the text without its
    /// "**" (taken out left to right) and with each run of white space as one space, between an
    /// ellipsis before and after when asked. Written out in one pass (a regular expression over a
    /// copy cost a match object per part).
    /// </summary>
    internal static string Squeeze(ReadOnlySpan<char> text, bool ellipsisBefore, bool ellipsisAfter)
    {
        var length = text.Length + (ellipsisBefore ? 1 : 0) + (ellipsisAfter ? 1 : 0);
        var buffer = length <= 512 ? stackalloc char[length] : new char[length];
        var n = 0;
        if (ellipsisBefore)
        {
            buffer[n++] = '…';
        }

        var inSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    buffer[n++] = ' ';
                    inSpace = true;
                }

                continue;
            }

            inSpace = false;
            buffer[n++] = c;
        }

        if (ellipsisAfter)
        {
            buffer[n++] = '…';
        }

        return new string(buffer[..n]);
    }

    private static int WordStart(ReadOnlySpan<char> text, int index)
    {
        while (index > 0 && !char.IsWhiteSpace(text[index - 1]))
        {
            index--;
        }

        return index;
    }

    private static int WordEnd(ReadOnlySpan<char> text, int index)
    {
        while (index < text.Length && !char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }

    /// <summary>
    /// The Danish analysis with a filter after folding that drops the words the highlighter on this
    /// thread cannot match (tokenizing runs synchronously on one thread; the chain is reused per thread).
    /// </summary>
    private sealed class CandidateAnalyzer : Analyzer
    {
        public static readonly CandidateAnalyzer Instance = new();

        [ThreadStatic]
        private static QueryHighlighter? _current;

        public static QueryHighlighter? Current
        {
            get => _current;
            set => _current = value;
        }

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
            DanishSearchAnalyzer.Chain(reader, stream => new CandidateFilter(stream));
    }

    private sealed class CandidateFilter : FilteringTokenFilter
    {
        private readonly ICharTermAttribute _term;

        public CandidateFilter(TokenStream input)
            : base(DanishSearchAnalyzer.Version, input) => _term = AddAttribute<ICharTermAttribute>();

        protected override bool Accept() => CandidateAnalyzer.Current is { } highlighter && highlighter.CanMatch(_term.Buffer.AsSpan(0, _term.Length));
    }
}
