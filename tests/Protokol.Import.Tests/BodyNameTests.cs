using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>The council's name from the title lines of fictional minutes, in the shapes municipalities' systems print it.</summary>
public sealed class BodyNameTests
{
    private static string? BodyOf(string heading) =>
        MeetingParser.Default.Parse(SourceText.FromString("havnby.txt", heading + """


            Dato: 4. februar 2025
            Tid: Kl. 14:00
            Sted: Byrådssalen, Havnby Rådhus

            1. Godkendelse af dagsorden
            Beslutning
            Godkendt.

            2. Høring om sundhedspolitik
            Handicaprådets møde den 1. marts og Økonomiudvalget blev nævnt.
            Beslutning
            Rådet tog orienteringen til efterretning.
            """)).Body;

    [Theory]
    [InlineData("REFERAT Havnby Byråd d. 04-02-2025", "Havnby Byråd")]
    [InlineData("Referat Handicaprådet", "Handicaprådet")]
    [InlineData("4. februar 2025 - referat fra Udsatterådet", "Udsatterådet")]
    [InlineData("Dagsorden for Social- og Sundhedsudvalget", "Social- og Sundhedsudvalget")]
    [InlineData("Beslutningsprotokol fra mødet i Kulturudvalget", "Kulturudvalget")]
    public void A_title_names_the_council_after_the_kind_of_document(string heading, string body) =>
        Assert.Equal(body, BodyOf(heading));

    [Theory]
    [InlineData("Referat af Seniorrådets møde den 4. februar 2025", "Seniorrådet")]
    [InlineData("Referater af Udsatterådets møder i 2025", "Udsatterådet")]
    [InlineData("Børne- og Ungeudvalgets ordinære møde", "Børne- og Ungeudvalget")]
    public void A_council_named_in_the_genitive_before_its_meeting(string heading, string body) =>
        Assert.Equal(body, BodyOf(heading));

    [Theory]
    [InlineData("Social- og Sundhedsudvalget tirsdag den 4. februar 2025 kl. 14.00", "Social- og Sundhedsudvalget")]
    [InlineData("Udsatterådet 4. februar 2025", "Udsatterådet")]
    public void A_council_named_before_the_date(string heading, string body) =>
        Assert.Equal(body, BodyOf(heading));

    [Theory]
    [InlineData("Referat fra Ældrerådsmøde tirsdag den 4. februar 2025", "Ældrerådet")]
    [InlineData("Referat fra ekstraordinært SeniorRådsmøde", "Seniorrådet")]
    [InlineData("Ungerådsmøde d. 4. februar 2025", "Ungerådet")]
    [InlineData("Referat af Miljøudvalgsmøde", "Miljøudvalget")]
    public void A_council_named_in_a_compound_of_its_meeting(string heading, string body) =>
        Assert.Equal(body, BodyOf(heading));

    [Theory]
    [InlineData("Det rådgivende Havneudvalg", "Det rådgivende Havneudvalg")]
    [InlineData("Den lokale Beskæftigelsesråd", "Den lokale Beskæftigelsesråd")]
    public void A_heading_line_of_the_councils_name_after_an_article_and_an_adjective(string heading, string body) =>
        Assert.Equal(body, BodyOf(heading));

    /// <summary>Session 43: headings a tester wrote as other municipalities print them (fictional names).</summary>
    [Theory]
    [InlineData("Klimarådet — referat", "Klimarådet")]
    [InlineData("Tørvemose Kommune · Børne- og Familieudvalget", "Børne- og Familieudvalget")]
    [InlineData("Udsatterådet Strandmose", "Udsatterådet")]
    [InlineData("Strandmose Udsatteråd", "Strandmose Udsatteråd")]
    [InlineData("Seniorrådet i Bakkedal", "Seniorrådet")]
    [InlineData("EGESKOV UNGERÅD / EGESKOV YOUTH COUNCIL", "Egeskov Ungeråd")]
    [InlineData("Skolebestyrelsen", "Skolebestyrelsen")]
    [InlineData("Referat af bestyrelsesmøde i Kulturrådet Ravnsbjerg onsdag d. 7/9-2022", "Kulturrådet")]
    public void A_heading_naming_the_council_with_its_town_a_separator_or_in_capitals(string heading, string body) =>
        Assert.Equal(body, BodyOf(heading));

    [Fact]
    public void Minutes_that_begin_with_an_item_are_named_by_the_line_that_dates_the_meeting()
    {
        var parsed = MeetingParser.Default.Parse(SourceText.FromString("havnby.txt", """
            1. Bemærkninger til dagsordenen

            Sagsnr.: 11-2019-123

            Havneudvalgets møde den 3. maj 2019:

            Formanden bød velkommen. Handicaprådets møde den 1. marts blev nævnt.

            2. Orientering om havnebadet

            Havneudvalgets møde den 3. maj 2019:

            Udvalget tog orienteringen til efterretning.
            """));
        Assert.Equal(new DateOnly(2019, 5, 3), parsed.Date);
        Assert.Equal("Havneudvalget", parsed.Body);
    }

    [Theory]
    [InlineData("Referat")]
    [InlineData("Mødet blev holdt i Byrådssalen")]
    [InlineData("Referat af mødet den 4. februar 2025")]
    public void No_council_in_the_title_is_no_name_not_one_named_further_down(string heading) =>
        Assert.Null(BodyOf(heading));
}
