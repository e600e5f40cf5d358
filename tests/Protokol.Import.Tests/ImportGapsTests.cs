using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>Layouts of other councils' minutes, on fictional text: decimal items, prose attendance, labels without a colon, English minutes.</summary>
public sealed class ImportGapsTests
{
    private static Model.ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("fjordby.txt", text));

    [Fact]
    public void Decimal_items_ending_in_zero_carry_their_sub_items()
    {
        var m = Parse("Referat\nDato: 4. november 2025\n\n1.0 Velkomst\nIntet.\n\n2.0 Tilskud\n2.1 Tilskud til lokaler\nBeslutning: Bevilget.\n2.2 Tilskud til kurser\nPunktet blev trukket af forvaltningen.\n\n3.0 Eventuelt\n");
        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal(["2.1", "2.2"], m.Items[1].Children!.Select(c => c.Number));
        Assert.True(m.Items[1].Children![1].Withdrawn);
    }

    [Fact]
    public void Prose_attendance_names_the_absent_and_the_other_members()
    {
        var m = Parse("Referat\nMøde den 7. maj 2025 kl. 13.30\n\nRådets medlemmer: Åse Tvede, Bent Ulv, Cilla Yde\n\nSamtlige medlemmer var mødt, bortset fra Bent Ulv.\n\n1. Velkomst\nIntet.\n\n2. Eventuelt\nIntet.\n\nMødet sluttede kl. 15.45.\n");
        Assert.Equal(["Åse Tvede", "Cilla Yde"], m.Attendees);
        Assert.Equal(["Bent Ulv"], m.Absent);
        Assert.Equal(new TimeOnly(15, 45), m.End);
    }

    [Fact]
    public void A_member_list_alone_is_not_attendance()
    {
        var m = Parse("Dagsorden\nMødedato: 19. august 2025\n\nRådet består af: Åse Tvede, Bent Ulv, Cilla Yde\n\n1. Velkomst\n2. Eventuelt\n");
        Assert.Empty(m.Attendees);
        Assert.Empty(m.Absent);
    }

    [Fact]
    public void Place_labels_without_a_colon_are_read()
    {
        Assert.Equal("Rådhuset, lokale 2", Parse("Referat\nMødedato 9. oktober 2025\nMødested Rådhuset, lokale 2\n\n1. Velkomst\nIntet.\n\n2. Eventuelt\n").Location);
        Assert.Equal("Ungdomshuset, Stationsvej 8", Parse("Referat\nDato: 9. oktober 2025\nLokation\nUngdomshuset, Stationsvej 8\n\n1. Velkomst\nIntet.\n\n2. Eventuelt\n").Location);
    }

    [Fact]
    public void English_minutes_give_date_decision_and_follow_up()
    {
        var m = Parse("Minutes\nDate: 14 May 2025\nPresent: Ivy Lark, Tom Reed\nApologies: Una Moss\n\n1. Approval of the agenda\nDecision: Approved.\n\n2. Summer fair\nDecision: Supported.\nAction: Tom Reed to book the hall.\n");
        Assert.Equal(new DateOnly(2025, 5, 14), m.Date);
        Assert.Equal("Approved", m.Items[0].Decision);
        Assert.Contains(m.Actions, a => a.Item == "2" && a.Owners.Contains("Tom Reed"));
        Assert.Equal(new DateOnly(2025, 5, 14), DanishDateParser.FindDates("Meeting held May 14, 2025")[0].Date);
    }
}
