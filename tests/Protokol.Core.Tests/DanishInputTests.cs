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
    [InlineData("1.3", 2027, 3, 1)]
    [InlineData("1. marts", 2027, 3, 1)]
    [InlineData("15.12", 2026, 12, 15)]
    [InlineData("7.12", 2026, 12, 7)]
    [InlineData("6.12", 2027, 12, 6)]
    [InlineData("29.2", 2028, 2, 29)]
    [InlineData("1.3.2026", 2026, 3, 1)]
    public void A_deadline_without_a_year_is_its_next_occurrence_and_one_with_a_year_is_taken_as_written(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DanishInput.Deadline(text, "Frist", new DateOnly(2026, 12, 7)));

    [Fact]
    public void A_deadline_that_is_no_date_is_refused_at_its_field_and_an_empty_one_is_none()
    {
        var refused = Assert.Throws<DomainRuleException>(() => DanishInput.OptionalDeadline("næste uge", "Frist", new DateOnly(2026, 12, 7)));
        Assert.Equal("Frist", Assert.Single(refused.Fields).Field);
        Assert.Contains("\"næste uge\" er ikke en dato", refused.Message, StringComparison.Ordinal);
        Assert.Null(DanishInput.OptionalDeadline(" ", "Frist", new DateOnly(2026, 12, 7)));
        Assert.Throws<DomainRuleException>(() => DanishInput.Deadline("", "Frist", new DateOnly(2026, 12, 7)));
    }

    [Theory]
    [InlineData("15.00", 15, 0)]
    [InlineData("15:00", 15, 0)]
    [InlineData("15,00", 15, 0)]
    [InlineData("kl. 9,30", 9, 30)]
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
    [InlineData("29.2.2027")]
    public void A_date_that_is_none_is_refused_naming_the_field(string text)
    {
        var error = Assert.Throws<DomainRuleException>(() => DanishInput.Date(text, "Frist"));
        Assert.StartsWith("Frist: \"" + text + "\" er ikke en dato", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.1.9999", 9999)]
    [InlineData("9999-01-01", 9999)]
    [InlineData("1.1.1899", 1899)]
    [InlineData("3. marts 2300", 2300)]
    public void A_date_in_a_year_out_of_the_span_is_refused_naming_the_year_and_the_span(string text, int year)
    {
        var error = Assert.Throws<DomainRuleException>(() => DanishInput.Date(text, "Frist"));
        Assert.Equal($"Frist: \"{text}\" ligger i år {year}; en dato skal ligge mellem år 1900 og 2200.", error.Message);
    }

    [Fact]
    public void Year_plan_lines_without_a_year_ask_for_the_year_when_the_plan_gives_none()
    {
        Assert.Equal([new DateOnly(2027, 1, 9), new DateOnly(2027, 3, 13)], DanishInput.DateLines("9. januar\n13.3.2027", 2027));
        Assert.Equal([new DateOnly(2027, 3, 13)], DanishInput.DateLines("13.3.2027", null));

        var error = Assert.Throws<DomainRuleException>(() => DanishInput.DateLines("13.3.2027\n9. januar", null));
        Assert.Equal("Linje 2: \"9. januar\" har intet år. Skriv året i feltet År, eller skriv datoen med år, fx 3.3.2027.", error.Message);
        error = Assert.Throws<DomainRuleException>(() => DanishInput.DateLines("9. januar", 20270));
        Assert.Equal("År: skriv et år mellem 1900 og 2200.", error.Message);
        error = Assert.Throws<DomainRuleException>(() => DanishInput.DateLines("snart", 2028));
        Assert.Equal("Linje 1: \"snart\" er ikke en dato. Skriv fx 3.3.2028, 2028-03-03 eller 3. marts.", error.Message);
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
