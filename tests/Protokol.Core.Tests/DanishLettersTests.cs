using Protokol.Core.Search;

namespace Protokol.Core.Tests;

public sealed class DanishLettersTests
{
    [Theory]
    [InlineData("hoering", "høring")]
    [InlineData("Aeldreraadet", "Ældreraadet")]
    [InlineData("HOERINGSSVAR", "HØRINGSSVAR")]
    [InlineData("\"groen omstilling\" kaer", "\"grøn omstilling\" kær")]
    [InlineData("Oe", "Ø")]
    public void Oe_and_ae_become_the_Danish_letters_in_their_case(string typed, string restored) =>
        Assert.Equal(restored, DanishLetters.Restore(typed));

    [Theory]
    [InlineData("høring")]
    [InlineData("budget")]
    [InlineData("o")]
    [InlineData("")]
    public void A_query_without_oe_or_ae_has_nothing_to_restore(string typed) => Assert.Null(DanishLetters.Restore(typed));
}
