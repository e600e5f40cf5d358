using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Da;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Protokol.Search.Analysis;

/// <summary>
/// Danish text as both engines read it: words split on Unicode boundaries, lower case (æ, ø, å kept
/// distinct), "aa" read as "å" so old spellings meet new ones, Danish stop words dropped, and
/// Snowball's Danish stemmer, so "hjemløse", "hjemløs" and "hjemløses" become one term. The stemmer
/// runs twice (<see cref="DanishStems"/>): once, it leaves "budget" and "budgettet", "plads" and
/// "pladser", "indsats" and "indsatserne" apart.
/// </summary>
public sealed class DanishSearchAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static DanishSearchAnalyzer Instance { get; } = new();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => Chain(reader, null);

    /// <summary>
    /// The chain; <paramref name="afterFold"/> may drop tokens after folding, before the stop words
    /// and the stemmer (the highlighter keeps only words that can stem to a term it looks for).
    /// </summary>
    internal static TokenStreamComponents Chain(TextReader reader, Func<TokenStream, TokenStream>? afterFold)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new AaFoldFilter(stream);
        if (afterFold is not null)
        {
            stream = afterFold(stream);
        }

        stream = new StopFilter(Version, stream, DanishAnalyzer.DefaultStopSet);
        stream = new DanishStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>A title and a text added as two values of one field never form a phrase across the seam.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    /// <summary>The analyzed terms of a text with their positions and where they stand in the text.</summary>
    public IReadOnlyList<AnalyzedToken> Tokens(string text, string field = "text")
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    /// <summary>Each word of a text where it stands (offsets into the text) and folded, neither stop words dropped nor stemmed.</summary>
    internal static IReadOnlyList<(int Start, int End, string Word)> WordSpans(string text)
    {
        var spans = new List<(int, int, string)>();
        using var tokenizer = new StandardTokenizer(Version, new StringReader(text));
        using TokenStream stream = new AaFoldFilter(new LowerCaseFilter(Version, tokenizer));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            spans.Add((offset.StartOffset, offset.EndOffset, term.ToString()));
        }

        stream.End();
        return spans;
    }

    /// <summary>Lower case and "aa" as "å", without stemming: how a prefix is compared with indexed terms.</summary>
    public static string Fold(string word) => word.ToLowerInvariant().Replace("aa", "å", StringComparison.Ordinal);
}

public readonly record struct AnalyzedToken(string Term, int Position, int Start, int End);

/// <summary>Rewrites "aa" to "å" in each (lower-cased) term.</summary>
internal sealed class AaFoldFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public AaFoldFilter(TokenStream input)
        : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        var write = 0;
        for (var read = 0; read < length; read++)
        {
            if (read + 1 < length && buffer[read] == 'a' && buffer[read + 1] == 'a')
            {
                buffer[write++] = 'å';
                read++;
            }
            else
            {
                buffer[write++] = buffer[read];
            }
        }

        _term.SetLength(write);
        return true;
    }
}

/// <summary>Replaces each term by its stem (<see cref="DanishStems.Of"/>).</summary>
internal sealed class DanishStemFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public DanishStemFilter(TokenStream input)
        : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var word = _term.ToString();
        var stem = DanishStems.Of(word);
        if (!ReferenceEquals(stem, word))
        {
            _term.SetEmpty().Append(stem);
        }

        return true;
    }
}
