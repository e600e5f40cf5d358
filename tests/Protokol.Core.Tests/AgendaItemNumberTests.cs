using Protokol.Core.Meetings;

namespace Protokol.Core.Tests;

public sealed class AgendaItemNumberTests
{
    [Theory]
    [InlineData("3", "3")]
    [InlineData("3a", "3a")]
    [InlineData(" 3A ", "3a")]
    [InlineData("03", "3")]
    [InlineData("Pkt. 4", "4")]
    [InlineData("pkt 41", "41")]
    [InlineData("Punkt 12b", "12b")]
    [InlineData("10.", "10")]
    public void Parses_the_forms_agendas_use(string text, string expected)
    {
        Assert.True(AgendaItemNumber.TryParse(text, out var number));
        Assert.Equal(expected, number.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("3ab")]
    [InlineData("12345")]
    [InlineData("-1")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_number(string? text) => Assert.False(AgendaItemNumber.TryParse(text, out _));

    [Fact]
    public void Orders_numerically_with_sub_items_after_their_main_item()
    {
        var sorted = new[] { "10", "3b", "2", "3", "3a", "1" }.Select(AgendaItemNumber.Parse).Order().Select(n => n.ToString());
        Assert.Equal(["1", "2", "3", "3a", "3b", "10"], sorted);
    }
}
