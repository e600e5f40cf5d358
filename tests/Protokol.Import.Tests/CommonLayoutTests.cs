using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>Layouts common in Danish minutes outside the corpus (fictional text): item headings, labels, tables.</summary>
public sealed class CommonLayoutTests
{
    private static Model.ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("referat.txt", text));

    [Fact]
    public void Punkt_headings_with_a_dash_inline_decisions_over_lines_and_withdrawn_items_are_read()
    {
        var m = Parse("""
            Referat af møde i Grønnerådet
            Mødedato: 14-03-2024
            Start:     13:00
            Slut:      15:15
            Sted: Rådhuset

            Tilstedeværende:
            Grethe Skovbjerg, formand
            Poul Dahlmose, næstformand
            Lone Risager
            Afbud: Ingen.

            Punkt 1 - Godkendelse af dagsorden
            Beslutning: Temadagen holdes den 14. maj 2024. Puljen får 5.000 kr. mere.
            Poul Dahlmose sender programmet ud.

            Punkt 2 – Tilgængelighed på stationen
            Punktet blev trukket.

            Punkt 3 - Eventuelt
            Indstilling: Rådet godkender planen. Beslutning: Godkendt.
            """);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal("Godkendelse af dagsorden", m.Items[0].Title);
        Assert.Equal("Temadagen holdes den 14. maj 2024. Puljen får 5.000 kr. mere. Poul Dahlmose sender programmet ud.", m.Items[0].Decision);
        Assert.True(m.Items[1].Withdrawn);
        Assert.Equal("Godkendt", m.Items[2].Decision);
        Assert.Equal(new TimeOnly(13, 0), m.Start);
        Assert.Equal(new TimeOnly(15, 15), m.End);
        Assert.Equal(["Grethe Skovbjerg", "Poul Dahlmose", "Lone Risager"], m.Attendees);
        Assert.Empty(m.Absent);
    }

    [Fact]
    public void Case_number_headings_with_the_title_on_the_line_and_a_committee_s_decision_label_are_read()
    {
        var m = Parse("""
            Beslutningsprotokol
            Mødet afholdt: Tirsdag den 5. september 2023 kl. 17.00
            Mødet begyndte kl. 17.00 og sluttede kl. 19.10

            Sag nr. 41  Meddelelser
            Afgørelse:
            Orienteringen blev taget til efterretning.

            Sag nr. 42: Kvalitetsrapport
            Udvalgets beslutning:
            Indstillingen blev godkendt.
            """);

        Assert.Equal(["41", "42"], m.Items.Select(i => i.Number));
        Assert.Equal("Kvalitetsrapport", m.Items[1].Title);
        Assert.StartsWith("Orienteringen blev taget til efterretning", m.Items[0].Decision, StringComparison.Ordinal);
        Assert.StartsWith("Indstillingen blev godkendt", m.Items[1].Decision, StringComparison.Ordinal);
        Assert.Equal(new TimeOnly(19, 10), m.End);
    }

    [Fact]
    public void An_attendance_table_reads_names_from_the_first_column_and_absence_from_the_others()
    {
        var m = Parse("""
            Referat af møde i Seniorrådet den 11. januar 2024 kl. 13.00

            Fremmødte:
            | Navn               | Funktion       | Fremmøde |
            |--------------------|----------------|----------|
            | Jytte Holmgaard    | Formand        | Mødt     |
            | Kirsten Lauridsen  | Medlem         | Afbud    |
            | Bjarne Ulstrup     | Medlem         | Mødt     |

            1. Godkendelse af referat
            Beslutning: Godkendt.
            """);

        Assert.Equal(["Jytte Holmgaard", "Bjarne Ulstrup"], m.Attendees);
        Assert.Equal(["Kirsten Lauridsen"], m.Absent);
    }
}
