using Protokol.Core.Search;

namespace Protokol.Search.Analysis;

/// <summary>A term of the query after Danish analysis; both engines build their native query from these.</summary>
public abstract record AnalyzedTerm;

/// <summary>One stemmed term.</summary>
public sealed record TermMatch(string Term) : AnalyzedTerm;

/// <summary>Stemmed terms at relative positions (a gap where a stop word stood).</summary>
public sealed record PhraseMatch(IReadOnlyList<AnalyzedToken> Tokens) : AnalyzedTerm;

/// <summary>
/// The indexed terms of the words that start with a folded, unstemmed prefix: the terms that start
/// with the prefix, and the <see cref="Stems"/> shorter than the prefix that such words are cut
/// back to ("buss*": the terms starting with "buss", and "bus" of "bussen").
/// </summary>
public sealed record PrefixMatch : AnalyzedTerm
{
    public PrefixMatch(string prefix)
    {
        Prefix = prefix;
        Stems = PrefixStems.Of(prefix);
    }

    public string Prefix { get; }

    /// <summary>The whole terms, shorter than <see cref="Prefix"/>, that words starting with it are stemmed to (see <see cref="PrefixStems"/>).</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>The prefix decides the stems, so it alone decides equality.</summary>
    public bool Equals(PrefixMatch? other) => other is not null && string.Equals(Prefix, other.Prefix, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Prefix);
}

public sealed record AnalyzedClause(IReadOnlyList<AnalyzedTerm> Alternatives, bool Excluded);

/// <summary>
/// The parsed query run through the same analyzer as the index, once, in one place: the embedded
/// and the server engine then differ only in how they execute it, never in what it means.
/// </summary>
public sealed record AnalyzedQuery(SearchQuery Source, IReadOnlyList<AnalyzedClause> Clauses, IReadOnlyList<string> Notices)
{
    public IEnumerable<AnalyzedClause> Required => Clauses.Where(c => !c.Excluded);

    public IEnumerable<AnalyzedClause> Excluded => Clauses.Where(c => c.Excluded);

    /// <summary>No words were typed: list by the filters alone.</summary>
    public bool ListsAll => Source.IsEmpty;

    /// <summary>Words were typed but none can match (only exclusions, or only stop words).</summary>
    public bool MatchesNothing => !Source.IsEmpty && !Required.Any();

    /// <summary>The longest word the analyzer keeps (the standard tokenizer's limit): a longer one is dropped.</summary>
    public const int MaxWordLength = 255;

    public static AnalyzedQuery Analyze(SearchQuery query)
    {
        var analyzer = DanishSearchAnalyzer.Instance;
        var clauses = new List<AnalyzedClause>();
        foreach (var clause in query.Clauses)
        {
            var alternatives = new List<AnalyzedTerm>();
            foreach (var term in clause.Alternatives)
            {
                switch (term)
                {
                    case WordTerm { Prefix: true } w:
                        alternatives.Add(new PrefixMatch(DanishSearchAnalyzer.Fold(w.Text)));
                        break;
                    case WordTerm w:
                        Add(alternatives, analyzer.Tokens(w.Text));
                        break;
                    case PhraseTerm p:
                        Add(alternatives, analyzer.Tokens(string.Join(' ', p.Words)));
                        break;
                    default:
                        break;
                }
            }

            if (alternatives.Count > 0)
            {
                clauses.Add(new AnalyzedClause(alternatives.Distinct().ToList(), clause.Excluded));
            }
        }

        var notices = query.Notices.ToList();
        if (!query.IsEmpty && !query.OnlyExclusions && !clauses.Any(c => !c.Excluded))
        {
            // Say why nothing was left: the words were all stop words, or a word could not be searched at all (longer than the
            // tokenizer keeps, or without a letter or digit), which is not the reader's choice of common words.
            var words = query.Clauses.Where(c => !c.Excluded).SelectMany(c => c.Alternatives)
                .SelectMany(t => t switch { WordTerm w => [w.Text], PhraseTerm p => p.Words, _ => Array.Empty<string>() });
            notices.Add(words.Any(w => w.Length > MaxWordLength || !w.Any(char.IsLetterOrDigit))
                ? $"Søgningen indeholdt intet ord, der kan søges på: et ord må højst være {MaxWordLength} tegn og skal have mindst ét bogstav eller tal."
                : "Søgningen bestod kun af meget almindelige ord (som \"og\", \"i\" og \"at\"), som ikke kan søges på alene.");
        }

        return new AnalyzedQuery(query, clauses, notices);
    }

    private static void Add(List<AnalyzedTerm> alternatives, IReadOnlyList<AnalyzedToken> tokens)
    {
        if (tokens.Count == 1)
        {
            alternatives.Add(new TermMatch(tokens[0].Term));
        }
        else if (tokens.Count > 1)
        {
            var first = tokens[0].Position;
            alternatives.Add(new PhraseMatch(tokens.Select(t => t with { Position = t.Position - first }).ToList()));
        }
    }
}
