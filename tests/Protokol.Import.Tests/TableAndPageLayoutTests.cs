using Protokol.Import.Cleaning;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Layouts of older minutes (fictional text): tables set by spaces or as web tables, Roman item numbers, an index of the items
/// before their bodies, running page headers and footers, ISO dates, an unlabelled place and a council named with its municipality.
/// </summary>
public sealed class TableAndPageLayoutTests
{
    private static readonly DocumentReader Reader = new(new ImportLimits());

    private static Model.ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("referat.txt", text));

    private static Model.ParsedMeeting Parse(string fileName, byte[] bytes) =>
        MeetingParser.Default.Parse(Reader.Read(fileName, Path.GetExtension(fileName), bytes));

    private static SourceLine[] Lines(params string[] texts) => texts.Select((t, i) => new SourceLine(t, i + 1)).ToArray();

    private const string SpaceAlignedTable = """
        Referat af møde i Havneudvalget
        Mødedato: 5. marts 2025 kl. 17.00-19.00
        Sted: Havnekontoret

        Deltagere:
        Navn               Organisation         Fremmøde
        Birte Kornum       Sejlklubben          Mødt
        Aksel Fjordgaard   Havnelauget          Afbud
        Nanna Sildborg     Roklubben            Mødt

        1. Godkendelse af dagsorden
        Beslutning: Godkendt.
        """;

    [Fact]
    public void A_space_aligned_attendance_table_in_text_is_read_by_its_columns()
    {
        var m = Parse(SpaceAlignedTable);

        Assert.Equal(["Birte Kornum", "Nanna Sildborg"], m.Attendees);
        Assert.Equal(["Aksel Fjordgaard"], m.Absent);
    }

    [Fact]
    public void An_attendance_table_in_a_pdf_is_read_by_its_columns()
    {
        // The cells stand at their columns' edges, as a word processor sets a table; the reader sets the columns apart.
        var m = Parse("referat.pdf", Conversions.ToPdfColumns(
        [
            "Referat af møde i Havneudvalget", "Mødedato: 5. marts 2025 kl. 17.00-19.00", string.Empty, "Deltagere:",
            "Navn\tOrganisation\tFremmøde", "Birte Kornum\tSejlklubben\tMødt", "Aksel Fjordgaard\tHavnelauget\tAfbud", "Nanna Sildborg\tRoklubben",
            string.Empty, "1. Godkendelse af dagsorden", "Beslutning: Godkendt.",
        ]));

        Assert.Equal(["Birte Kornum", "Nanna Sildborg"], m.Attendees);
        Assert.Equal(["Aksel Fjordgaard"], m.Absent);
    }

    [Fact]
    public void Only_a_table_keeps_its_columns_prose_labels_and_lists_with_wide_spaces_do_not()
    {
        var lines = new NormalizeCharacters().Apply(Lines(
            "Rådet drøftede sagen.  Der var enighed om planen, og sekretariatet",
            "følger op.  Næste drøftelse bliver i foråret, når tallene foreligger.",
            string.Empty,
            "Dato:      Tirsdag 4. februar 2025",
            "Sted:      Rådhuset",
            string.Empty,
            "1.    Godkendelse af dagsorden",
            "2.    Eventuelt",
            string.Empty,
            "Navn          Parti",
            "Sune Lerche   B"));

        Assert.Equal(
            [
                "Rådet drøftede sagen. Der var enighed om planen, og sekretariatet", "følger op. Næste drøftelse bliver i foråret, når tallene foreligger.", string.Empty,
                "Dato: Tirsdag 4. februar 2025", "Sted: Rådhuset", string.Empty, "1. Godkendelse af dagsorden", "2. Eventuelt", string.Empty, "Navn\tParti", "Sune Lerche\tB",
            ],
            lines.Select(l => l.Text));
    }

    [Fact]
    public void A_web_page_s_attendance_table_is_read_by_its_cells()
    {
        const string html = """
            <!DOCTYPE html><html lang="da"><body><main>
            <h1>Referat – Skovrådet</h1>
            <p>Dato: 12. maj 2025, kl. 15.00-17.00</p>
            <p>Deltagere:</p>
            <table>
            <tr><th>Navn</th><th>Forening</th><th>Til stede</th></tr>
            <tr><td>Ejvind Lunkholm</td><td>Jægerforeningen</td><td>Ja</td></tr>
            <tr><td>Gerda Pilevang</td><td>Naturfredningen</td><td>Nej</td></tr>
            </table>
            <h2>1. Godkendelse af dagsorden</h2>
            <p>Beslutning: Godkendt.</p>
            </main></body></html>
            """;

        var m = Parse("referat.html", System.Text.Encoding.UTF8.GetBytes(html));

        Assert.Equal(["Ejvind Lunkholm"], m.Attendees);
        Assert.Equal(["Gerda Pilevang"], m.Absent);
    }

    [Fact]
    public void Rows_with_tabs_and_no_header_row_are_names_with_their_roles()
    {
        var m = Parse("Referat af møde i Havneudvalget den 5. marts 2025\n\nDeltagere:\nBirte Kornum\tFormand\nNanna Sildborg\tMedlem\n\n1. Eventuelt\nIntet.");

        Assert.Equal(["Birte Kornum", "Nanna Sildborg"], m.Attendees);
    }

    [Fact]
    public void Roman_numbered_items_after_an_index_of_them_get_their_own_decisions()
    {
        var m = Parse("""
            Referat af møde i Bibliotekrådet den 9. april 2025

            Dagsorden:
            I. Godkendelse af dagsorden
            II. Nye åbningstider
            III. Eventuelt

            I. Godkendelse af dagsorden
            Beslutning: Godkendt.

            II. Nye åbningstider
            Lederen fremlagde et forslag.
            Beslutning: Forslaget blev tiltrådt.

            III. Eventuelt
            Beslutning: Intet.
            """);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal(["Godkendelse af dagsorden", "Nye åbningstider", "Eventuelt"], m.Items.Select(i => i.Title));
        Assert.Equal(["Godkendt", "Forslaget blev tiltrådt", "Intet"], m.Items.Select(i => i.Decision));
    }

    [Fact]
    public void An_index_of_numbered_titles_before_the_bodies_does_not_shift_the_decisions()
    {
        var m = Parse("""
            Referat af møde i Bibliotekrådet den 9. april 2025

            Dagsorden:
            1. Godkendelse af dagsorden
            2. Nye åbningstider
            3. Eventuelt

            1. Godkendelse af dagsorden
            Beslutning: Godkendt.

            2. Nye åbningstider
            Beslutning: Forslaget blev tiltrådt.

            3. Eventuelt
            Beslutning: Intet.
            """);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal(["Godkendt", "Forslaget blev tiltrådt", "Intet"], m.Items.Select(i => i.Decision));
    }

    [Fact]
    public void Roman_numbered_parts_over_arabic_numbered_items_stay_parts()
    {
        var m = Parse("""
            Referat af møde i Bibliotekrådet den 9. april 2025

            I. Åbne punkter
            1. Godkendelse af dagsorden
            Beslutning: Godkendt.
            2. Nye åbningstider
            Beslutning: Tiltrådt.

            II. Lukkede punkter
            3. Personalesag
            Beslutning: Godkendt.
            """);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
    }

    [Fact]
    public void Running_page_headers_and_footers_do_not_run_into_the_decisions()
    {
        var m = Parse("""
            Vigby Kommune – Trafikudvalget                         Side 1 af 3
            Referat af møde i Trafikudvalget den 3. juni 2025

            1. Godkendelse af dagsorden
            Beslutning: Godkendt.

            Vigby Kommune – Trafikudvalget                         Side 2 af 3

            2. Cykelsti langs åen
            Beslutning: Sendes i høring.

            Side 2/5

            3. Parkering ved stationen
            Beslutning: Udsat.

            Trafikudvalget – referat – 3. juni 2025
            Side 4

            4. Busplan
            Beslutning: Godkendt.

            Trafikudvalget – referat – 3. juni 2025
            Side 5

            5. Eventuelt
            Beslutning: Intet.
            """);

        Assert.Equal(["Godkendt", "Sendes i høring", "Udsat", "Godkendt", "Intet"], m.Items.Select(i => i.Decision));
        Assert.Equal("Trafikudvalget", m.Body);
    }

    [Fact]
    public void Lines_that_repeat_in_the_text_but_not_by_page_breaks_are_kept()
    {
        var lines = new DropRunningHeaders().Apply(Lines(
            "Referat af møde i Trafikudvalget den 3. juni 2025", string.Empty,
            "1. Godkendelse af dagsorden", "Godkendt", string.Empty,
            "2. Cykelsti", "Godkendt", string.Empty,
            "3. Eventuelt", "Godkendt"));

        Assert.Equal(3, lines.Count(l => l.Text == "Godkendt"));
    }

    [Fact]
    public void An_iso_date_and_an_unlabelled_place_under_the_date_line_are_read()
    {
        var m = Parse("""
            Referat af møde i Musikrådet
            Mødet den 2025-09-16 kl. 19.00-21.00
            Kulturhuset Vestergade, mødelokale 4

            1. Eventuelt
            Beslutning: Intet.
            """);

        Assert.Equal(new DateOnly(2025, 9, 16), m.Date);
        Assert.Equal(new TimeOnly(19, 0), m.Start);
        Assert.Equal("Kulturhuset Vestergade, mødelokale 4", m.Location);
    }

    [Theory]
    [InlineData("Dato: 2025-09-16", 2025, 9, 16)]
    [InlineData("Sagsnr. 2025-1234 og 2025-13-40", 0, 0, 0)]
    public void Iso_dates_are_read_and_case_numbers_are_not_dates(string text, int year, int month, int day)
    {
        var dates = DanishDateParser.FindDates(text);

        Assert.Equal(year == 0 ? [] : [new DateOnly(year, month, day)], dates.Select(d => d.Date));
    }

    [Fact]
    public void A_council_named_with_its_municipality_after_it_is_the_council()
    {
        var m = Parse("""
            Integrationsrådet, Nørreklint Kommune
            Referat
            Dato: 1. oktober 2025

            1. Eventuelt
            Beslutning: Intet.
            """);

        Assert.Equal("Integrationsrådet", m.Body);
    }
}
