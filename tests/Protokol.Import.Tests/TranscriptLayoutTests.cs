using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Parsing.Segmenting;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Web transcripts of case-system PDFs (docplayer of Acadre minutes), on fictional samples: a label table flattened into one
/// line with its values moved, name lists that lost their separators, and a table of contents that lost its numbers.
/// </summary>
public sealed class TranscriptLayoutTests
{
    private const string Transcript =
        "Referat Havnerådet\n\nTranskript\n\n"
        + "1 Referat Havnerådet Mødedato: Tirsdag den 3. marts 2026 Mødetidspunkt: Kl. 9:00 Sluttidspunkt: Kl. 11:30 Mødested: Bemærkninger: "
        + "Medlemmer: Søren Vibholm (A) Mette Kragh (V) Ole Brink Jensen Anne Marie Tofte Peter Lauridsen Deltagere: Jonas Riis "
        + "Fraværende: Mette Kragh Peter Lauridsen Lokale 4, Havnehuset Birgitte Sand deltog som suppleant for Peter Lauridsen. "
        + "Sagsoversigt Side 01. Godkendelse af dagsorden Status på havnebadet Lukket - Salg af grund ved Havnby Strand Meddelelser og eventuelt...9 Bilagsliste...10\n\n2\n\n"
        + "3 Havnerådet Mødedato Side Godkendelse af dagsorden Åben sag Sagsnr.: Sagen afgøres i: Bilag: Havnerådet Indstilling Sekretariatet indstiller: "
        + "At dagsordenen godkendes Beslutninger Havnerådet den Ikke til stede: Mette Kragh, Peter Lauridsen Dagsordenen blev godkendt med en tilføjelse om havnebadet.\n\n"
        + "4 Havnerådet Mødedato Side Status på havnebadet Åben sag Sagsnr.: Sagen afgøres i: Bilag: 26/1234 Havnerådet Indledning/Baggrund Havnebadet har været lukket siden januar";

    private static ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("sample.txt", text));

    [Fact]
    public void Names_run_together_are_parted_by_party_letters_known_names_and_given_names()
    {
        var m = Parse(Transcript);

        Assert.Equal(["Søren Vibholm", "Ole Brink Jensen", "Anne Marie Tofte", "Jonas Riis", "Birgitte Sand"], m.Attendees);
        Assert.Equal(["Mette Kragh", "Peter Lauridsen"], m.Absent);
    }

    [Fact]
    public void A_place_left_inside_the_list_of_the_absent_is_the_meetings_place_when_the_place_label_is_empty()
    {
        var m = Parse(Transcript);

        Assert.Equal("Lokale 4, Havnehuset", m.Location);
        Assert.DoesNotContain(m.Attendees.Concat(m.Absent), n => n.Contains("Havnehuset", StringComparison.Ordinal));
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(11, 30)), (m.Start, m.End));
    }

    [Fact]
    public void A_table_of_contents_that_lost_its_numbers_gives_the_items_and_the_first_items_decision()
    {
        var m = Parse(Transcript);

        Assert.Equal(
            [("1", "Godkendelse af dagsorden"), (null, "Status på havnebadet"), (null, "Lukket - Salg af grund ved Havnby Strand"), (null, "Meddelelser og eventuelt")],
            m.Items.Select(i => (i.Number, i.Title)));
        Assert.Equal("Dagsordenen blev godkendt med en tilføjelse om havnebadet.", m.Items[0].Decision);
    }

    [Theory]
    [InlineData("Anna Holm Bo Berg Carl Otto Lund", "Anna Holm|Bo Berg|Carl Otto Lund")]
    [InlineData("Karen Ellegaard Hansen Jens Peter Bonde", "Karen Ellegaard Hansen|Jens Peter Bonde")]
    [InlineData("Inge Marie Sørensen", "Inge Marie Sørensen")]
    [InlineData("Lars Mikkelsen Bo", "Lars Mikkelsen")]
    public void A_run_of_names_is_parted_where_a_given_name_follows_a_surname(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), RunTogetherNames.Read(text, [], sentenceMayFollow: false).Names);
    }

    [Fact]
    public void A_name_known_from_elsewhere_in_the_document_wins_over_the_given_names()
    {
        var (names, end) = RunTogetherNames.Read("Duygu Aksoy Nanna Holm Rådhuset 2", ["Duygu Aksoy", "Nanna Holm"], sentenceMayFollow: false);

        Assert.Equal(["Duygu Aksoy", "Nanna Holm"], names);
        Assert.Equal("Duygu Aksoy Nanna Holm ".Length, end);
    }

    [Fact]
    public void A_single_name_of_four_words_in_a_list_stays_one_name()
    {
        var m = Parse("Referat af Havnerådets møde den 3. marts 2026\nDeltagere: Bo Berg, Anne Marie Holm Sørensen\nAfbud: Carl Otto Lund\n1. Godkendelse af dagsorden\nGodkendt.\n");

        Assert.Equal(["Bo Berg", "Anne Marie Holm Sørensen"], m.Attendees);
        Assert.Equal(["Carl Otto Lund"], m.Absent);
    }

    [Theory]
    [InlineData("Godkendelse af dagsorden Valg af formand for Havnerådet Status på budget for Havnby Kommune Eventuelt...6 Bilagsliste...7",
        "Godkendelse af dagsorden|Valg af formand for Havnerådet|Status på budget for Havnby Kommune Eventuelt")]
    [InlineData("Orientering om Havnerådets arbejde i året der gik Lukket - Køb af ejendom ved havnen Meddelelser og eventuelt fra formanden...12",
        "Orientering om Havnerådets arbejde i året der gik|Lukket - Køb af ejendom ved havnen|Meddelelser og eventuelt fra formanden")]
    public void A_run_on_index_is_parted_where_a_sentence_case_title_begins(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), RunOnIndex.Titles(text));
    }

    [Fact]
    public void A_long_first_title_of_an_index_with_its_numbers_is_one_title()
    {
        const string title = "Orientering om forslag til ny lokalplan for Havnby Nord med tilhørende kommuneplantillæg og miljørapport";
        var m = Parse($"Havnerådet\nReferat af mødet den 2. marts 2026\nIndholdsfortegnelse\n1. {title}\n2. Eventuelt\n1. {title}\nTaget til efterretning.\n2. Eventuelt\nIntet.\n");

        Assert.Equal([("1", title), ("2", "Eventuelt")], m.Items.Select(i => (i.Number!, i.Title!)));
    }

    [Fact]
    public void A_short_title_is_no_run_on_index()
    {
        Assert.Empty(RunOnIndex.Titles("Godkendelse af dagsorden"));
    }

    [Fact]
    public void An_item_titled_as_a_hearing_is_a_hearing_also_without_a_deadline()
    {
        var m = Parse("Referat af Havnerådets møde den 3. marts 2026\n1. Høring af forslag til ny havneplan\nRådet drøftede forslaget.\n");

        var hearing = Assert.Single(m.Hearings);
        Assert.Equal("Forslag til ny havneplan", hearing.Subject);
        Assert.Null(hearing.Deadline);
    }
}
