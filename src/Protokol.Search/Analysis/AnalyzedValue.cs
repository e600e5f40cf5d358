using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Protokol.Search.Analysis;

/// <summary>
/// One value (a title or a text) run through <see cref="DanishSearchAnalyzer"/>'s chain once and kept:
/// its terms with their position increments and offsets, and what the chain's end reports (the final
/// position increment of trailing stop words and the final offset). The index writer replays it to
/// every field that analyzes the value (the title field and the combined field) and derives the
/// value's pair terms (<see cref="CommonWords"/>) from the same tokens, exactly as
/// <see cref="WordPairFilter"/> at the end of <see cref="IndexAnalyzer"/>'s chain would: the index is
/// the same as with one analysis per field, for a third of the analysis.
/// </summary>
internal sealed class AnalyzedValue
{
    private char[] _chars;
    private int _charCount;
    private int[] _termEnds;
    private int[] _increments;
    private int[] _starts;
    private int[] _ends;
    private int _count;
    private int _finalIncrement;
    private int _finalStart;
    private int _finalEnd;
    private List<string>? _pairs;

    private AnalyzedValue(int length)
    {
        var tokens = Math.Max(4, length / 6);
        _chars = new char[Math.Max(16, length)];
        _termEnds = new int[tokens];
        _increments = new int[tokens];
        _starts = new int[tokens];
        _ends = new int[tokens];
    }

    /// <summary>A value without tokens, for a reusable stream before its first value.</summary>
    private static readonly AnalyzedValue Empty = new(0);

    /// <summary>How many tokens the chain gave.</summary>
    public int Count => _count;

    /// <summary>The value's pair terms in the order <see cref="WordPairFilter"/> gives them (none without common words).</summary>
    public IReadOnlyList<string> Pairs => _pairs ?? (IReadOnlyList<string>)[];

    /// <summary>Analyzes <paramref name="value"/> once; with <paramref name="words"/>, also its pair terms.</summary>
    public static AnalyzedValue Of(string value, CommonWords? words)
    {
        var analyzed = new AnalyzedValue(value.Length);
        using var stream = DanishSearchAnalyzer.Instance.GetTokenStream(global::Protokol.Search.Lucene.LuceneIndex.All, value);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var pairs = words is { Count: > 0 } ? new PairState(words) : null;
        while (stream.IncrementToken())
        {
            var span = term.Buffer.AsSpan(0, term.Length);
            analyzed.Add(span, increment.PositionIncrement, offset.StartOffset, offset.EndOffset);
            pairs?.Next(span, increment.PositionIncrement, ref analyzed._pairs);
        }

        stream.End();
        analyzed._finalIncrement = increment.PositionIncrement;
        analyzed._finalStart = offset.StartOffset;
        analyzed._finalEnd = offset.EndOffset;
        return analyzed;
    }

    /// <summary>A token stream giving the recorded tokens as the chain gave them (one consumer, once).</summary>
    public TokenStream Replay() => new ReplayStream().Use(this);

    /// <summary>A token stream giving the pair terms as the pairs field's chain gives them (one consumer, once).</summary>
    public TokenStream PairStream() => new PairTermStream().Use(this);

    private void Add(ReadOnlySpan<char> term, int increment, int start, int end)
    {
        if (_count == _termEnds.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _termEnds, size);
            Array.Resize(ref _increments, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _ends, size);
        }

        if (_charCount + term.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + term.Length));
        }

        term.CopyTo(_chars.AsSpan(_charCount));
        _charCount += term.Length;
        _termEnds[_count] = _charCount;
        _increments[_count] = increment;
        _starts[_count] = start;
        _ends[_count] = end;
        _count++;
    }

    /// <summary><see cref="WordPairFilter"/>'s rule over the tokens as they come.</summary>
    private sealed class PairState(CommonWords words)
    {
        private List<string> _before = [];
        private List<string> _here = [];

        public void Next(ReadOnlySpan<char> term, int increment, ref List<string>? pairs)
        {
            if (increment > 0)
            {
                (_before, _here) = (_here, _before);
                _here.Clear();
                if (increment > 1)
                {
                    _before.Clear();
                }
            }

            if (words.Contains(term))
            {
                var text = term.ToString();
                foreach (var first in _before)
                {
                    (pairs ??= []).Add(CommonWords.Pair(first, text));
                }

                _here.Add(text);
            }
        }
    }

    /// <summary>The recorded tokens of a value; reusable: <see cref="Use"/> gives it the next value to replay.</summary>
    internal sealed class ReplayStream : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private readonly IOffsetAttribute _offset;
        private AnalyzedValue _value = Empty;
        private int _next;

        public ReplayStream()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public ReplayStream Use(AnalyzedValue value)
        {
            (_value, _next) = (value, 0);
            return this;
        }

        public override bool IncrementToken()
        {
            if (_next >= _value._count)
            {
                return false;
            }

            ClearAttributes();
            var start = _next == 0 ? 0 : _value._termEnds[_next - 1];
            _term.CopyBuffer(_value._chars, start, _value._termEnds[_next] - start);
            _increment.PositionIncrement = _value._increments[_next];
            _offset.SetOffset(_value._starts[_next], _value._ends[_next]);
            _next++;
            return true;
        }

        public override void End()
        {
            base.End();
            _increment.PositionIncrement = _value._finalIncrement;
            _offset.SetOffset(_value._finalStart, _value._finalEnd);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }

    /// <summary>The pair terms of a value; reusable: <see cref="Use"/> gives it the next value.</summary>
    internal sealed class PairTermStream : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private readonly IOffsetAttribute _offset;
        private AnalyzedValue _value = Empty;
        private int _next;

        public PairTermStream()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public PairTermStream Use(AnalyzedValue value)
        {
            (_value, _next) = (value, 0);
            return this;
        }

        public override bool IncrementToken()
        {
            if (_value._pairs is not { } pairs || _next >= pairs.Count)
            {
                return false;
            }

            ClearAttributes();
            _term.SetEmpty().Append(pairs[_next++]);
            _increment.PositionIncrement = 1;
            return true;
        }

        public override void End()
        {
            base.End();
            _increment.PositionIncrement = _value._finalIncrement;
            _offset.SetOffset(_value._finalStart, _value._finalEnd);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
