using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Agenda or minutes, on fictional samples: an agenda lists whom it invites and names the minutes it will approve, and a motion
/// on it may carry the decision it proposes; none of that makes it minutes.
/// </summary>
public sealed class DocumentKindTests
{
    private static ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("sample.txt", text));

    [Fact]
    public void An_agenda_with_its_invited_members_and_the_approval_of_the_last_minutes_is_an_agenda()
    {
        var m = Parse("""
            Dagsorden
            Forum: Havnerådet
            Tid: 4. marts 2024, kl. 15.00
            Deltagere: Karen Holt, Per Vinding, Sara Lund
            1. Godkendelse af referat og dagsorden
            2. Nyt fra formanden
            3. Stier langs kysten
            Sagsfremstilling: Forvaltningen har sendt et forslag til nye stier.
            """);

        Assert.Equal(MeetingKind.Agenda, m.Kind);
    }

    [Fact]
    public void A_motion_s_proposed_decision_on_one_item_of_an_agenda_does_not_make_it_minutes()
    {
        var items = string.Join('\n', Enumerable.Range(1, 6).Select(n => $"{n}. Sag nummer {n}\nForvaltningen orienterer om sagen.\n"));
        var m = Parse($"""
            Dagsorden
            Havnerådet 4. marts 2024 kl. 15.00
            {items}
            7. Forslag om en ny badebro
            Beslutning:
            Rådet beslutter at undersøge en ny badebro ved stranden.
            """);

        Assert.Equal(MeetingKind.Agenda, m.Kind);
    }

    [Fact]
    public void Decisions_on_most_items_make_minutes_of_a_document_headed_Dagsorden()
    {
        var items = string.Join('\n', Enumerable.Range(1, 4).Select(n => $"{n}. Sag nummer {n}\nForvaltningen orienterede.\nBeslutning:\nTaget til efterretning.\n"));
        var m = Parse($"""
            Dagsorden
            Havnerådet 4. marts 2024 kl. 15.00
            {items}
            """);

        Assert.Equal(MeetingKind.Minutes, m.Kind);
        Assert.Equal(4, m.Items.Count(i => i.Decision == "Taget til efterretning."));
    }
}
