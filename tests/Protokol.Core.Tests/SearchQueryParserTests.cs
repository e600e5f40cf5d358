using Protokol.Core.Search;

namespace Protokol.Core.Tests;

public sealed class SearchQueryParserTests
{
    [Theory]
    [InlineData("hjemløse ensomhed", "hjemløse ensomhed")]
    [InlineData("\"socialt udsatte\" bolig", "\"socialt udsatte\" bolig")]
    [InlineData("hjemløse -vinter", "hjemløse -vinter")]
    [InlineData("ensomhed OR hjemløse budget", "ensomhed OR hjemløse budget")]
    [InlineData("ensomhed ELLER hjemløse", "ensomhed OR hjemløse")]
    [InlineData("hjem*", "hjem*")]
    [InlineData("covid-19", "\"covid 19\"")]
    [InlineData("title:hjemløse", "title hjemløse")]
    [InlineData("(a OR b)^2", "a OR b 2")]
    [InlineData("OR hjemløse OR", "hjemløse")]
    [InlineData("AND hjemløse && x", "hjemløse x")]
    [InlineData("\u201Csocialt udsatte\u201D", "\"socialt udsatte\"")]
    [InlineData("hjemløse hjemløse", "hjemløse")]
    public void Reads_the_query_language(string input, string expected) =>
        Assert.Equal(expected, SearchQueryParser.Parse(input).ToString());

    [Fact]
    public void An_unbalanced_quote_runs_to_the_end_with_a_notice()
    {
        var query = SearchQueryParser.Parse("bolig \"socialt udsatte");
        Assert.Equal("bolig \"socialt udsatte\"", query.ToString());
        Assert.Single(query.Notices);
    }

    [Fact]
    public void Short_prefixes_are_words_and_long_queries_are_cut_with_notices()
    {
        var prefix = SearchQueryParser.Parse("h*");
        Assert.Equal([new WordTerm("h")], prefix.Clauses.Single().Alternatives);
        Assert.NotEmpty(prefix.Notices);

        var longQuery = SearchQueryParser.Parse(new string('a', 10_000));
        Assert.Equal(SearchQueryParser.MaxLength, ((WordTerm)longQuery.Clauses.Single().Alternatives.Single()).Text.Length);
        Assert.NotEmpty(longQuery.Notices);

        var many = SearchQueryParser.Parse(string.Join(' ', Enumerable.Range(0, 100).Select(i => "ord" + i)));
        Assert.Equal(SearchQueryParser.MaxTerms, many.Clauses.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("-")]
    [InlineData("* ** ***")]
    [InlineData("\u0000\u0001\u001f")]
    [InlineData("\ud800")]
    [InlineData("😀")]
    public void Nothing_to_search_for_is_an_empty_query(string input) => Assert.True(SearchQueryParser.Parse(input).IsEmpty);

    [Fact]
    public void Only_exclusions_say_so()
    {
        var query = SearchQueryParser.Parse("-hjemløse -bolig");
        Assert.True(query.OnlyExclusions);
        Assert.Contains(query.Notices, n => n.Contains("udelukkelser", StringComparison.Ordinal));
    }

    [Fact]
    public void Control_characters_separate_words_and_composed_letters_are_one()
    {
        Assert.Equal("hjem løse", SearchQueryParser.Parse("hjem\u0000løse").ToString());
        Assert.Equal("år", SearchQueryParser.Parse("a\u030Ar").ToString());
    }
}
