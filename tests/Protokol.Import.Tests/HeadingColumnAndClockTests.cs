using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Protokol.Import.Cleaning;
using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Layouts of other councils' minutes, on fictional text: items as Word heading styles or a web page's h2/h3 headings, a
/// two-column label/value front page, English meeting lines (also on the 12-hour clock), "Mødet sluttede kl." under the last
/// decision, and attendance written as "everyone came".
/// </summary>
public sealed class HeadingColumnAndClockTests
{
    private static readonly DocumentReader Reader = new(new ImportLimits());

    private static ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("skovby.txt", text));

    private static ParsedMeeting Read(string fileName, byte[] bytes) =>
        MeetingParser.Default.Parse(Reader.Read(fileName, Path.GetExtension(fileName), bytes));

    [Fact]
    public void Word_heading_styles_without_numbers_are_items_and_their_sub_items()
    {
        // Danish Word names its heading styles "Overskrift1"; the style's name ("heading 1") says what it is.
        var docx = HeadingDocx(
            ("Overskrift1", "Referat"),
            (null, "Møde i Skovby Naturråd den 3. juni 2025 kl. 16.00"),
            ("Overskrift1", "Velkomst"),
            (null, "Formanden bød velkommen til de nye medlemmer."),
            ("Overskrift1", "Stier i skoven"),
            ("Overskrift2", "Nye skilte ved søen"),
            (null, "Beslutning: Godkendt."),
            ("Overskrift2", "Bænke langs stien"),
            (null, "Rådet ønsker tre bænke."),
            ("Overskrift1", "Eventuelt"),
            (null, "Intet."));

        var m = Read("naturraad.docx", docx);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal(["Velkomst", "Stier i skoven", "Eventuelt"], m.Items.Select(i => i.Title));
        Assert.Equal(["2a", "2b"], (m.Items[1].Children ?? []).Select(c => c.Number));
        Assert.Equal(["Nye skilte ved søen", "Bænke langs stien"], (m.Items[1].Children ?? []).Select(c => c.Title));
        Assert.Equal(new DateOnly(2025, 6, 3), m.Date);
    }

    [Fact]
    public void A_web_page_whose_items_are_h2_headings_with_h3_sub_items()
    {
        const string html = "<html><body><nav>Forside</nav><main><h1>Referat</h1><p>Møde i Skovby Naturråd den 3. juni 2025 kl. 16.00</p>"
            + "<h2>Velkomst</h2><p>Formanden bød velkommen.</p>"
            + "<h2>Stier i skoven</h2><h3>Nye skilte ved søen</h3><p>Beslutning: Godkendt.</p><h3>Bænke langs stien</h3><p>Rådet ønsker tre bænke.</p>"
            + "<h2>Eventuelt</h2><p>Intet.</p></main></body></html>";

        var m = Read("naturraad.html", Encoding.UTF8.GetBytes(html));

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal(["Velkomst", "Stier i skoven", "Eventuelt"], m.Items.Select(i => i.Title));
        Assert.Equal(["2a", "2b"], (m.Items[1].Children ?? []).Select(c => c.Number));
        Assert.Equal("Bænke langs stien", m.Items[1].Children![1].Title);
    }

    [Fact]
    public void A_two_column_front_page_reads_each_label_with_its_value_over_several_lines()
    {
        var lines = new[]
        {
            "Referat",
            "Dato          12. august 2025",
            "Mødested      Fuglestationen,",
            "              Engvej 12, Lundby",
            "Deltagere     Rikke Holt",
            "              Søren Mygind",
            "              Tove Bang",
            "Afbud         Ulla Krog",
            string.Empty,
            "1. Velkomst",
            "Intet.",
            string.Empty,
            "2. Eventuelt",
            "Intet.",
        };

        var cleaned = new JoinLabelColumn().Apply(SourceText.FromString("lundby.txt", string.Join('\n', lines)).Lines);
        Assert.Contains(cleaned, l => l.Text == "Mødested: Fuglestationen, Engvej 12, Lundby");

        var m = Parse(string.Join('\n', lines));
        Assert.Equal(new DateOnly(2025, 8, 12), m.Date);
        Assert.Equal("Fuglestationen, Engvej 12, Lundby", m.Location);
        Assert.Equal(["Rikke Holt", "Søren Mygind", "Tove Bang"], m.Attendees);
        Assert.Equal(["Ulla Krog"], m.Absent);
    }

    [Fact]
    public void An_english_meeting_line_gives_date_time_and_place_and_the_next_meeting_named_in_an_item()
    {
        var m = Parse("Minutes of the Harbour Council meeting held on May 20, 2025 at 10:00 in Harbour House, Room 2\n"
            + "Present: Nora Vik, Oskar Dahl\n\n1. Approval of the agenda\nDecision: Approved.\n\n2. Any other business\n"
            + "The next meeting will be held on June 17, 2025.\n");

        Assert.Equal(new DateOnly(2025, 5, 20), m.Date);
        Assert.Equal(new TimeOnly(10, 0), m.Start);
        Assert.Equal("Harbour House, Room 2", m.Location);
        Assert.Contains(m.UpcomingMeetings, u => u.Date == new DateOnly(2025, 6, 17));
    }

    [Fact]
    public void The_next_meeting_named_in_a_danish_item_is_planned()
    {
        var m = Parse("Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\n\n1. Velkomst\nIntet.\n\n2. Mødeform\nRådet drøftede mødeformen. Næste møde holdes den 9. september 2025.\n");

        Assert.Contains(m.UpcomingMeetings, u => u.Date == new DateOnly(2025, 9, 9));
    }

    [Fact]
    public void The_end_of_the_meeting_right_under_the_last_decision_is_not_part_of_it()
    {
        var m = Parse("Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\n\n1. Velkomst\nBeslutning: Taget til efterretning.\n\n2. Eventuelt\nBeslutning:\nIntet.\nMødet sluttede kl. 17.40\n");

        Assert.Equal("Intet.", m.Items[1].Decision);
        Assert.Equal(new TimeOnly(17, 40), m.End);
    }

    [Theory]
    [InlineData("Time: 2:30 p.m. – 4 p.m.", 14, 30, 16, 0)]
    [InlineData("Time: 10 am - 12 pm", 10, 0, 12, 0)]
    [InlineData("Time: 11–1 pm", 11, 0, 13, 0)]
    [InlineData("Time: 9:15 A.M. to 11:45 A.M.", 9, 15, 11, 45)]
    [InlineData("Time: 12:30 pm", 12, 30, -1, 0)]
    public void Twelve_hour_times_in_a_time_field(string field, int startHour, int startMinute, int endHour, int endMinute)
    {
        var m = Parse($"Minutes\nHarbour Council\nDate: June 3, 2025\n{field}\nPresent: Nora Vik, Oskar Dahl\n\n1. Approval of the agenda\nDecision: Approved.\n\n2. Any other business\nNone.\n");

        Assert.Equal(new TimeOnly(startHour, startMinute), m.Start);
        Assert.Equal(endHour < 0 ? null : new TimeOnly(endHour, endMinute), m.End);
    }

    [Fact]
    public void Twelve_hour_times_in_the_meeting_line_start_and_end_labels_and_the_closing_line()
    {
        var heading = Parse("Minutes of the Harbour Council meeting held on June 3, 2025 at 2pm in Harbour House\nPresent: Nora Vik, Oskar Dahl\n\n"
            + "1. Approval of the agenda\nDecision: Approved.\n\n2. Any other business\nDecision: None.\nThe meeting closed at 4:15 p.m.\n");
        Assert.Equal((new TimeOnly(14, 0), new TimeOnly(16, 15)), (heading.Start, heading.End));
        Assert.Equal("Harbour House", heading.Location);
        Assert.Equal("None", heading.Items[1].Decision);

        var labels = Parse("Minutes\nHarbour Council\nDate: June 3, 2025\nStart time: 10 am\nEnd time: 12:15 pm\n\n1. Approval of the agenda\nDecision: Approved.\n\n2. Any other business\nNone.\n");
        Assert.Equal((new TimeOnly(10, 0), new TimeOnly(12, 15)), (labels.Start, labels.End));

        // Without "a.m." or "p.m." a number is no time of the 12-hour clock.
        Assert.Equal(((TimeOnly?)null, (TimeOnly?)null), TimeText.Range("Punkt 2 a m.fl. er udsat til 3"));
    }

    [Fact]
    public void Everyone_present_takes_the_members_the_document_lists_in_danish_and_english()
    {
        var danish = Parse("Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\n\nRådets medlemmer: Rikke Holt, Søren Mygind og Tove Bang\n\nAlle var mødt.\n\n1. Velkomst\nIntet.\n\n2. Eventuelt\nIntet.\n");
        Assert.Equal(["Rikke Holt", "Søren Mygind", "Tove Bang"], danish.Attendees);

        var english = Parse("Minutes of the Harbour Council meeting held on June 3, 2025 at 10:00\nMembers: Nora Vik, Oskar Dahl, Pia Lund\n"
            + "All members were present except Pia Lund.\n\n1. Approval of the agenda\nDecision: Approved.\n\n2. Any other business\nNone.\n");
        Assert.Equal(["Nora Vik", "Oskar Dahl"], english.Attendees);
        Assert.Equal(["Pia Lund"], english.Absent);
    }

    [Theory]
    [InlineData("Alle var mødt.")]
    [InlineData("Alle medlemmer var til stede.")]
    [InlineData("Til stede: Alle medlemmer")]
    [InlineData("All members were present.")]
    [InlineData("Present: All Members")]
    public void Everyone_present_without_a_member_list_names_no_one_and_asks_for_a_review(string sentence)
    {
        var m = Parse($"Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\n{sentence}\n\n1. Velkomst\nBeslutning: Godkendt.\n\n2. Eventuelt\nIntet.\n");

        Assert.Empty(m.Attendees);
        Assert.Empty(m.Absent);
        Assert.True(m.OthersPresent);
        Assert.Contains(m.Review, r => r.Field == "attendees" && r.Line == 3);
        Assert.Equal("Skovby Naturråd", m.Body);
        Assert.Equal(["Velkomst", "Eventuelt"], m.Items.Select(i => i.Title));
    }

    [Fact]
    public void Apologies_alone_say_the_others_came_and_a_named_list_or_an_agenda_does_not()
    {
        var apologies = Parse("Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\nAfbud: Tove Bang\n\n1. Velkomst\nBeslutning: Godkendt.\n\n2. Eventuelt\nIntet.\n");
        Assert.True(apologies.OthersPresent);
        Assert.Equal(["Tove Bang"], apologies.Absent);
        Assert.Contains("\"others_present\": true", apologies.ToJson(), StringComparison.Ordinal);

        var named = Parse("Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\nTil stede: Rikke Holt, Søren Mygind\nAfbud: Tove Bang\n\n1. Velkomst\nBeslutning: Godkendt.\n");
        Assert.False(named.OthersPresent);
        Assert.DoesNotContain("others_present", named.ToJson(), StringComparison.Ordinal);

        var agenda = Parse("Dagsorden\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\nAfbud: Tove Bang\n\n1. Velkomst\n\n2. Eventuelt\n");
        Assert.False(agenda.OthersPresent);
    }

    [Fact]
    public void Everyone_present_in_a_decision_is_not_part_of_the_decision()
    {
        var m = Parse("Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\n\n1. Velkomst\nBeslutning:\nAlle medlemmer var til stede.\nDagsordenen blev godkendt.\n\n"
            + "2. Stier i skoven\nBeslutning: Alle var mødt. Rådet støtter forslaget om nye skilte.\n\n3. Eventuelt\nIntet.\n");

        Assert.Equal("Dagsordenen blev godkendt.", m.Items[0].Decision);
        Assert.Equal("Rådet støtter forslaget om nye skilte", m.Items[1].Decision);

        var english = Parse("Minutes of the Harbour Council meeting held on June 3, 2025 at 10:00\n\n1. Approval of the agenda\nDecision: All members were present. The agenda was approved.\n\n2. Any other business\nNone.\n");
        Assert.Equal("The agenda was approved", english.Items[0].Decision);
    }

    /// <summary>A Word document of paragraphs, each in the paragraph style given (null: none), with "Overskrift1"/"Overskrift2" defined as Word's "heading 1"/"heading 2".</summary>
    private static byte[] HeadingDocx(params (string? Style, string Text)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal" },
                new Style(new StyleName { Val = "heading 1" }, new BasedOn { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Overskrift1" },
                new Style(new StyleName { Val = "heading 2" }, new BasedOn { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Overskrift2" });
            var body = new Body();
            foreach (var (style, text) in paragraphs)
            {
                var paragraph = new Paragraph(new Run(new Text(text)));
                if (style is not null)
                {
                    paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
                }

                body.Append(paragraph);
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }
}
