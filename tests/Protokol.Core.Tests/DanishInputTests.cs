using Protokol.Core.Common;
using Protokol.Core.Text;

namespace Protokol.Core.Tests;

public sealed class DanishInputTests
{
    [Theory]
    [InlineData("3.3.2026")]
    [InlineData("03-03-2026")]
    [InlineData("2026-03-03")]
    [InlineData("3/3/2026")]
    [InlineData(" 03.03.2026 ")]
    [InlineData("3.3.26")]
    [InlineData("3. marts 2026")]
    [InlineData("3 mar 2026")]
    public void A_date_as_a_Danish_secretary_types_it(string text) =>
        Assert.Equal(new DateOnly(2026, 3, 3), DanishInput.Date(text, "Dato"));

    [Fact]
    public void A_date_without_a_year_takes_the_default_year_when_there_is_one()
    {
        Assert.Equal(new DateOnly(2027, 2, 9), DanishInput.Date("9. februar", "Dato", 2027));
        Assert.Equal(new DateOnly(2027, 2, 9), DanishInput.Date("9.2", "Dato", 2027));
        Assert.Throws<DomainRuleException>(() => DanishInput.Date("9.2", "Dato"));
    }

    [Theory]
    [InlineData("15.00", 15, 0)]
    [InlineData("15:00", 15, 0)]
    [InlineData("1500", 15, 0)]
    [InlineData("9.30", 9, 30)]
    [InlineData("930", 9, 30)]
    [InlineData("15", 15, 0)]
    [InlineData("kl. 16.15", 16, 15)]
    public void A_time_as_a_Danish_secretary_types_it(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), DanishInput.Time(text, "Starttidspunkt"));

    [Theory]
    [InlineData("31.2.2026")]
    [InlineData("i morgen")]
    [InlineData("2026-13-01")]
    [InlineData("1.1.9999")]
    [InlineData("9999-01-01")]
    [InlineData("1.1.1899")]
    public void A_date_that_is_none_is_refused_naming_the_field(string text)
    {
        var error = Assert.Throws<DomainRuleException>(() => DanishInput.Date(text, "Frist"));
        Assert.StartsWith("Frist: \"" + text + "\" er ikke en dato", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("25.00")]
    [InlineData("15.7")]
    [InlineData("kvart over")]
    [InlineData("12345")]
    public void A_time_that_is_none_is_refused_naming_the_field(string text)
    {
        var error = Assert.Throws<DomainRuleException>(() => DanishInput.Time(text, "Sluttidspunkt"));
        Assert.StartsWith("Sluttidspunkt: \"" + text + "\" er ikke et klokkeslæt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_optional_values_are_null()
    {
        Assert.Null(DanishInput.OptionalDate("  ", "Frist"));
        Assert.Null(DanishInput.OptionalTime(null, "Starttidspunkt"));
        Assert.Throws<DomainRuleException>(() => DanishInput.Date("", "Dato"));
    }
}
