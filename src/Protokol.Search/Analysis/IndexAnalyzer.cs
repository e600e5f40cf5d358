using Lucene.Net.Analysis;

namespace Protokol.Search.Analysis;

/// <summary>
/// The analyzer an index writer uses: <see cref="DanishSearchAnalyzer"/>'s chain for every field, and
/// for the pairs field the same chain ending in <see cref="WordPairFilter"/> with the index's
/// <see cref="CommonWords"/>, which must be set before the first document is added. The writer's own
/// documents come analyzed once per value (<see cref="AnalyzedValue"/>, the same chain replayed to each
/// field); this analyzer gives the position gap between their values and analyzes any field given as a
/// string, the reference the replayed analysis is tested against.
/// </summary>
public sealed class IndexAnalyzer(string pairsField) : Analyzer(PER_FIELD_REUSE_STRATEGY)
{
    public CommonWords Words { get; set; } = CommonWords.None;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var chain = DanishSearchAnalyzer.Chain(reader, null);
        return fieldName == pairsField ? new TokenStreamComponents(chain.Tokenizer, new WordPairFilter(chain.TokenStream, Words)) : chain;
    }

    /// <summary>As <see cref="DanishSearchAnalyzer"/>: no phrase across a title and a text.</summary>
    public override int GetPositionIncrementGap(string fieldName) => DanishSearchAnalyzer.Instance.GetPositionIncrementGap(fieldName);
}
