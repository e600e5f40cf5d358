using Protokol.Import.Parsing;

namespace Protokol.Import.Tests;

public sealed class DanishDateParserTests
{
    [Theory]
    [InlineData("Referat af mødet d. 3. marts 2020", "2020-03-03")]
    [InlineData("mødet den 11. juni 2012 i rådet", "2012-06-11")]
    [InlineData("Strategien er i høring indtil 1.7.12.", "2012-07-01")]
    [InlineData("Møde 03-11-2015 på rådhuset", "2015-11-03")]
    [InlineData("Torsdag d.10.09.15 kl. 16", "2015-09-10")]
    [InlineData("Tirsdag d. 5. jan. 2021", "2021-01-05")]
    [InlineData("den 24/12/2019", "2019-12-24")]
    [InlineData("d. 1. februar 2024", "2024-02-01")]
    [InlineData("Mødedato: Onsdag 13/3 2024", "2024-03-13")]
    public void Finds_dates_in_the_forms_minutes_use(string text, string expected) =>
        Assert.Equal(expected, DanishDateParser.FindDates(text)[0].Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("2.2 Trafik ved Solgården")]
    [InlineData("Rådet drøftede sagen.\n1.3 Nyt fra formanden")]
    public void A_decimal_item_number_at_the_start_of_a_line_is_no_date(string text) =>
        Assert.Empty(DanishDateParser.FindDates(text, 2024));

    [Theory]
    [InlineData("kl. 15.30 – 17.30", 15, 30, 17, 30)]
    [InlineData("Kl. 15-18, Tolderlundsvej 2", 15, 0, 18, 0)]
    [InlineData("kl. 15.00 – 18.00", 15, 0, 18, 0)]
    [InlineData("fra 15.30 – 17.30", 15, 30, 17, 30)]
    [InlineData("kl. 9.00-11.30", 9, 0, 11, 30)]
    [InlineData("klokken 16:00 til 18:00", 16, 0, 18, 0)]
    public void Finds_time_ranges(string text, int sh, int sm, int eh, int em)
    {
        var (start, end) = DanishDateParser.FindTimeRange(text);
        Assert.Equal(new TimeOnly(sh, sm), start);
        Assert.Equal(new TimeOnly(eh, em), end);
    }

    [Fact]
    public void A_start_time_alone_has_no_end()
    {
        var (start, end) = DanishDateParser.FindTimeRange("Mødet begynder kl. 14");
        Assert.Equal(new TimeOnly(14, 0), start);
        Assert.Null(end);
    }

    [Theory]
    [InlineData("§ 17.4 i loven")]
    [InlineData("1,5-2 år")]
    [InlineData("kl. 15.30")]
    [InlineData("31.2.2020")]
    public void Does_not_mistake_other_numbers_for_dates(string text) =>
        Assert.DoesNotContain(DanishDateParser.FindDates(text), d => d.HadYear);

    [Fact]
    public void A_date_without_a_year_takes_the_context_year()
    {
        var found = DanishDateParser.FindDates("senest den 21. juni klokken 12", 2012);
        Assert.Equal(new DateOnly(2012, 6, 21), found.Single().Date);
        Assert.False(found.Single().HadYear);
        Assert.Empty(DanishDateParser.FindDates("senest den 21. juni"));
    }
}
