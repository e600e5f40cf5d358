using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Session 43: layouts a tester wrote as other municipalities publish them (fictional text): ligatures from PDFs, a withdrawal
/// under a committee system's decision label, a hearing's deadline in its item's title.
/// </summary>
public sealed class UnseenLayoutTests
{
    private static Model.ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("referat.txt", text));

    [Fact]
    public void Typographic_ligatures_are_read_as_the_letters_they_join()
    {
        var m = Parse("""
            Referat af møde i Trafikrådet
            Dato: 4. marts 2024 kl. 16.00
            Til stede: Mette Lund Kristoﬀersen, Soﬁe Bundgaard

            1. Traﬁkplan for midtbyen
            Rådet drøftede planen.
            """);

        Assert.Equal(["Mette Lund Kristoffersen", "Sofie Bundgaard"], m.Attendees);
        Assert.Equal("Trafikplan for midtbyen", m.Items[0].Title);
    }

    [Fact]
    public void An_item_withdrawn_under_a_decision_label_is_withdrawn()
    {
        var m = Parse("""
            Referat af møde i Social- og Sundhedsudvalget
            Dato: 3. marts 2020 kl. 16.00

            1. Godkendelse af dagsorden
            Beslutning Social- og Sundhedsudvalget den 03-03-2020:
            Godkendt.

            2. Plan for hjemmeplejen
            Beslutning Social- og Sundhedsudvalget den 03-03-2020:
            Trukket.

            3. Tilsyn med plejecentrene
            Beslutning i Social- og Sundhedsudvalget den 03-03-2020:
            Sagen blev trukket af forvaltningen.

            4. Budget for træning
            Beslutning i Social- og Sundhedsudvalget den 03-03-2020:
            Udvalget godkendte budgettet. Det trukket beløb tilbageføres.
            """);

        Assert.Equal([false, true, true, false], m.Items.Select(i => i.Withdrawn));
    }

    [Fact]
    public void A_hearing_s_deadline_in_its_item_title_is_its_deadline_and_not_part_of_its_subject()
    {
        var m = Parse("""
            Referat af møde i Handicaprådet
            Dato: 1. juni 2023 kl. 16.00

            1. Godkendelse af dagsorden
            Godkendt.

            2. Høring om forslag til ny skolestruktur, høringsfrist 12. juni 2023
            Rådet afgiver høringssvar.
            """);

        var hearing = Assert.Single(m.Hearings);
        Assert.Equal(new DateOnly(2023, 6, 12), hearing.Deadline);
        Assert.Equal("Forslag til ny skolestruktur", hearing.Subject);
    }

    [Fact]
    public void Items_numbered_without_a_full_stop_are_items_in_their_sequence()
    {
        var m = Parse("""
            Referat af møde i Seniorrådet
            Dato: 9. maj 2018 kl. 10.00
            Til stede: Lis Bjerre, Poul Kamp

            1 Godkendelse af dagsorden
            Godkendt.

            2 Madservice
            Rådet drøftede maden. 3 borgere havde klaget.

            3 Eventuelt
            Intet.
            """);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal(["Godkendelse af dagsorden", "Madservice", "Eventuelt"], m.Items.Select(i => i.Title));
        Assert.Equal("Godkendt", m.Items[0].Decision?.TrimEnd('.'));
    }

    [Fact]
    public void A_follow_up_as_labelled_lines_names_its_owner_and_deadline()
    {
        var m = Parse("""
            Referat af møde i Klimarådet
            Dato: 19. september 2024 kl. 16.30
            Til stede: Rikke Falster, Ole Brink

            1. Cykelstier
            Rådet drøftede oversigten.
            Opfølgning: Klima og Miljø sender oversigten til rådets medlemmer.
            Ansvarlig: Rikke Falster
            Frist: 1. oktober 2024

            2. Eventuelt
            Intet.
            """);

        var action = Assert.Single(m.Actions);
        Assert.Equal("1", action.Item);
        Assert.Equal(["Rikke Falster"], action.Owners);
        Assert.Equal("Klima og Miljø sender oversigten til rådets medlemmer", action.Text);
        Assert.Equal("2024-10-01", action.Due);
    }
}
