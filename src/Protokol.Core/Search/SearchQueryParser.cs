using System.Text;

namespace Protokol.Core.Search;

/// <summary>
/// Reads the query language a citizen types: words (all must match), "exact phrases", -exclusion,
/// OR between alternatives and prefix*. It never fails: stray quotes, lone operators, control
/// characters and engine syntax are read as plain text, and anything cut is said in a notice.
/// </summary>
public static class SearchQueryParser
{
    /// <summary>Characters read from a query; the rest is cut with a notice.</summary>
    public const int MaxLength = 500;

    /// <summary>Words and phrases looked for; more are dropped with a notice.</summary>
    public const int MaxTerms = 24;

    /// <summary>A prefix needs this many letters, so "h*" does not expand to the whole vocabulary.</summary>
    public const int MinPrefixLength = 3;

    private const string Joiners = "-/.,'’";

    public static SearchQuery Parse(string? input)
    {
        var notices = new List<string>();
        var text = Clean(input ?? string.Empty, notices);
        var tokens = Tokenize(text, notices);

        var clauses = new List<(List<QueryTerm> Terms, bool Excluded)>();
        var pendingOr = false;
        var termCount = 0;
        foreach (var token in tokens)
        {
            if (token.IsOr)
            {
                pendingOr = clauses.Count > 0;
                continue;
            }

            if (termCount == MaxTerms)
            {
                notices.Add($"Kun de første {MaxTerms} ord og fraser er brugt.");
                break;
            }

            termCount++;
            var last = clauses.Count > 0 ? clauses[^1] : default;
            if (pendingOr && !token.Excluded && !last.Excluded)
            {
                last.Terms.Add(token.Term!);
            }
            else
            {
                clauses.Add(([token.Term!], token.Excluded));
            }

            pendingOr = false;
        }

        var result = clauses.Select(c => new QueryClause(c.Terms.Distinct().ToList(), c.Excluded)).Distinct(ClauseComparer.Instance).ToList();
        if (result.Count > 0 && result.All(c => c.Excluded))
        {
            notices.Add("Skriv mindst ét ord, der skal findes; søgningen indeholdt kun udelukkelser.");
        }

        return new SearchQuery(result, notices.Distinct().ToList());
    }

    private static string Clean(string input, List<string> notices)
    {
        if (input.Length > MaxLength)
        {
            notices.Add($"Søgningen var længere end {MaxLength} tegn og er afkortet.");
            input = input[..MaxLength];
        }

        // Noncharacters (U+FFFE) would make the normalisation below throw.
        input = global::Protokol.Core.Text.UnicodeText.WithoutInvalid(input);
        var builder = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                // A character outside the basic plane (an emoji): not a word, so a space.
                builder.Append(' ');
                i++;
                continue;
            }

            // Control characters, lone surrogates and private-use characters become spaces.
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.PrivateUse ? ' ' : c);
        }

        // Typographic quotes count as quotes; "a" + combining ring is "å".
        return builder.Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u201E', '"').Replace('\u00AB', '"').Replace('\u00BB', '"').ToString().Normalize(NormalizationForm.FormC);
    }

    private readonly record struct Token(QueryTerm? Term, bool Excluded, bool IsOr);

    private static List<Token> Tokenize(string text, List<string> notices)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var excluded = false;
            if (text[i] == '-' && i + 1 < text.Length && (text[i + 1] == '"' || char.IsLetterOrDigit(text[i + 1])))
            {
                excluded = true;
                i++;
            }

            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    notices.Add("Et citationstegn manglede sin afslutning; resten er læst som en frase.");
                    end = text.Length;
                }

                var words = Words(text[(i + 1)..end]);
                i = Math.Min(end + 1, text.Length);
                if (words.Count > 0)
                {
                    tokens.Add(new Token(words.Count == 1 ? new WordTerm(words[0]) : new PhraseTerm(words), excluded, false));
                }

                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
            {
                i++;
            }

            var chunk = text[start..i];
            if (chunk is "OR" or "ELLER" or "|" or "||")
            {
                tokens.Add(new Token(null, false, true));
                continue;
            }

            if (chunk is "AND" or "OG" or "&&" or "+")
            {
                continue;
            }

            // "covid-19", "3.5" and "og/eller" stand together as a phrase; other punctuation
            // ("title:x", "(a", "x^2") only separates words, so engine syntax is read as text.
            var pieces = chunk.SplitWhere(c => !char.IsLetterOrDigit(c) && !Joiners.Contains(c)).Select(Words).Where(w => w.Count > 0).ToList();
            for (var p = 0; p < pieces.Count; p++)
            {
                var words = pieces[p];
                var prefix = p == pieces.Count - 1 && chunk.EndsWith('*') && words.Count == 1;
                if (prefix && words[0].Length < MinPrefixLength)
                {
                    notices.Add($"Et ord med * skal have mindst {MinPrefixLength} bogstaver; \"{chunk}\" er søgt som ord.");
                    prefix = false;
                }

                QueryTerm term = words.Count == 1 ? new WordTerm(words[0], prefix) : new PhraseTerm(words);
                tokens.Add(new Token(term, excluded && p == 0, false));
            }
        }

        return tokens;
    }

    private static List<string> SplitWhere(this string text, Func<char, bool> separator)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || separator(text[i]))
            {
                if (i > start)
                {
                    pieces.Add(text[start..i]);
                }

                start = i + 1;
            }
        }

        return pieces;
    }

    /// <summary>Runs of letters and digits; everything else separates words.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }

    private sealed class ClauseComparer : IEqualityComparer<QueryClause>
    {
        public static readonly ClauseComparer Instance = new();

        public bool Equals(QueryClause? x, QueryClause? y) => x is not null && y is not null && x.Excluded == y.Excluded && x.Alternatives.SequenceEqual(y.Alternatives, TermComparer.Instance);

        public int GetHashCode(QueryClause obj) => HashCode.Combine(obj.Excluded, obj.Alternatives.Count);
    }

    private sealed class TermComparer : IEqualityComparer<QueryTerm>
    {
        public static readonly TermComparer Instance = new();

        public bool Equals(QueryTerm? x, QueryTerm? y) => (x, y) switch
        {
            (WordTerm a, WordTerm b) => a == b,
            (PhraseTerm a, PhraseTerm b) => a.Words.SequenceEqual(b.Words),
            _ => false,
        };

        public int GetHashCode(QueryTerm obj) => obj.ToString()!.GetHashCode(StringComparison.Ordinal);
    }
}
