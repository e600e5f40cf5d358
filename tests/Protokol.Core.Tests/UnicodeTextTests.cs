using Protokol.Core.Text;

namespace Protokol.Core.Tests;

public sealed class UnicodeTextTests
{
    [Theory]
    [InlineData("Høring\uFFFE om\uFFFF budget", "Høring om budget", "Høring om budget")]
    [InlineData("side 1\fside 2\u0001", "side 1 side 2 ", "side 1\fside 2\u0001")]
    [InlineData("emoji 😀 and \uFDD0 x", "emoji 😀 and  x", "emoji 😀 and  x")]
    [InlineData("tab\tand\r\nlines", "tab\tand\r\nlines", "tab\tand\r\nlines")]
    public void Invalid_characters_go_controls_become_spaces_only_outside_the_importer(string text, string stored, string imported)
    {
        Assert.Equal(stored, UnicodeText.WithoutInvalid(text));
        Assert.Equal(imported, UnicodeText.WithoutNoncharacters(text));
        Assert.Equal(stored == text, UnicodeText.IsClean(text));
    }

    [Fact]
    public void Lone_surrogates_go_and_pairs_stay()
    {
        // Built here: a lone surrogate does not survive as test-case data.
        var text = "lone " + '\uD800' + " high, lone " + '\uDC00' + " low, pair \uD83D\uDE00";
        Assert.Equal("lone  high, lone  low, pair 😀", UnicodeText.WithoutInvalid(text));
        Assert.Equal("lone  high, lone  low, pair 😀", UnicodeText.WithoutNoncharacters(text));
        Assert.False(UnicodeText.IsClean(text));
    }

    [Fact]
    public void Clean_text_is_returned_as_it_is()
    {
        var text = "Rådet for Socialt Udsatte 😀";
        Assert.Same(text, UnicodeText.WithoutInvalid(text));
        Assert.Same(text, UnicodeText.WithoutNoncharacters(text));
        Assert.Null(UnicodeText.WithoutInvalidOrNull(null));
    }
}
