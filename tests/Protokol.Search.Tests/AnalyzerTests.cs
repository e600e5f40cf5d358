using Protokol.Core.Search;
using Protokol.Search.Analysis;

namespace Protokol.Search.Tests;

public sealed class AnalyzerTests
{
    private static string[] Terms(string text) => DanishSearchAnalyzer.Instance.Tokens(text).Select(t => t.Term).ToArray();

    [Fact]
    public void Inflections_share_one_stem_and_stop_words_are_dropped()
    {
        var stems = Terms("hjemløse hjemløs hjemløses").Distinct().ToArray();
        Assert.Single(stems);
        Assert.Empty(Terms("og i at det"));
    }

    [Fact]
    public void Aa_is_read_as_å_while_æ_ø_å_stay_distinct()
    {
        Assert.Equal(Terms("Åbenrå"), Terms("Aabenraa"));
        Assert.NotEqual(Terms("får"), Terms("far"));
        Assert.NotEqual(Terms("sø"), Terms("så"));
        Assert.NotEqual(Terms("bær"), Terms("bar"));
    }

    [Fact]
    public void Snippets_mark_every_inflection_and_centre_on_the_densest_passage()
    {
        var query = AnalyzedQuery.Analyze(SearchQueryParser.Parse("hjemløse ensomhed"));
        var highlighter = QueryHighlighter.For(query);
        var text = string.Concat(Enumerable.Repeat("Et afsnit om noget helt andet. ", 30)) + "En hjemløs mand talte om ensomhed blandt hjemløses venner." + string.Concat(Enumerable.Repeat(" Mere tekst.", 30));
        var snippet = highlighter.Snippet(text);
        Assert.StartsWith("…", snippet[0].Text, StringComparison.Ordinal);
        Assert.Equal(["hjemløs", "ensomhed", "hjemløses"], snippet.Where(p => p.Match).Select(p => p.Text));
        Assert.True(string.Concat(snippet.Select(p => p.Text)).Length < 300);
        Assert.Equal("Ensomhed", highlighter.Mark("Ensomhed i byen").Single(p => p.Match).Text);
    }
}
