using System.Text;
using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>Fictional minutes, one per layout variant other municipalities use.</summary>
public sealed class LayoutTests
{
    private static ParsedMeeting Parse(string spec) =>
        MeetingParser.Default.Parse(SourceText.FromString(spec, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", spec))));

    private static IEnumerable<ParsedItem> Flat(IEnumerable<ParsedItem> items) => items.SelectMany(i => new[] { i }.Concat(Flat(i.Children ?? [])));

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static (string?, string?) Times(ParsedMeeting m) =>
        (m.Start?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), m.End?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Upper_case_labels_on_their_own_line_and_items_numbered_on_from_earlier_meetings()
    {
        var m = Parse("aelderaad-referat.txt");

        Assert.Equal(MeetingKind.Minutes, m.Kind);
        Assert.Equal("Ældrerådet", m.Body);
        Assert.Equal("2015-09-10", Iso(m.Date));
        Assert.Equal(("16:00", "18:00"), Times(m));
        Assert.Equal("Havnby Rådhus, mødelokale 3, Torvet 1, 7990 Havnby", m.Location);
        Assert.Equal(["Karen Lund", "Ole Mikkelsen", "Birgit Aa. Holm", "Jens Peter Skov"], m.Attendees);
        Assert.Equal(["Lise Kragh"], m.Absent);
        Assert.Equal(["41", "42", "43", "44"], m.Items.Select(i => i.Number));
        Assert.Equal("Orientering om den nye bustrafik mellem bydelene og plejecentrene i den nordlige del af kommunen", m.Items[1].Title);
        Assert.Equal("Godkendt", m.Items[0].Decision);
        Assert.Equal("Taget til efterretning", m.Items[1].Decision);
        var hearing = Assert.Single(m.Hearings);
        Assert.Equal(("Sundhedspolitik", "2015-10-01"), (hearing.Subject, Iso(hearing.Deadline)));
        var action = Assert.Single(m.Actions);
        Assert.Equal(("43", "Ole Mikkelsen"), (action.Item, action.Owners.Single()));
        Assert.Contains("ole.mikkelsen@havnby.example", m.PersonalData);
        Assert.Contains("12 34 56 78", m.PersonalData);
    }

    [Fact]
    public void An_agenda_is_told_from_minutes_by_its_content()
    {
        var m = Parse("handicapraad-dagsorden.txt");

        Assert.Equal(MeetingKind.Agenda, m.Kind);
        Assert.Equal("Handicaprådet", m.Body);
        Assert.Equal("2025-02-04", Iso(m.Date));
        Assert.Equal(("09:30", "12:00"), Times(m));
        Assert.Equal("Kulturhuset, Lille Sal, Strandgade 2, 7990 Havnby", m.Location);
        Assert.Empty(m.Attendees);
        Assert.Equal(["1", "2", "3", "3a", "3b", "4"], Flat(m.Items).Select(i => i.Number));
        Assert.All(Flat(m.Items), i => Assert.Null(i.Decision));
        Assert.Equal("Badebro ved lystbådehavnen", m.Items[2].Children![1].Title);
    }

    [Fact]
    public void Names_wrapped_over_lines_guests_withdrawn_items_and_a_meeting_plan()
    {
        var m = Parse("integrationsraad-referat.txt");

        Assert.Equal("Integrationsrådet", m.Body);
        Assert.Equal(("17:00", "19:00"), Times(m));
        Assert.Equal("Foreningen Broen, Havnegade 9, 7990 Havnby", m.Location);
        Assert.Equal(["Amira Said", "Thomas Bech", "Sanne Friis", "Jonas Ravn-Holm"], m.Attendees);
        Assert.Equal(["Mustafa Yilmaz", "Lone Dahl"], m.Absent);
        Assert.Equal(("Gitte Vang", "2"), (m.Guests.Single().Name, m.Guests.Single().Items.Single()));
        Assert.Equal("Temadag om foreningsliv", m.Items[2].Title);
        Assert.True(m.Items[2].Withdrawn);
        Assert.True(m.Items[4].Withdrawn);
        Assert.False(m.Items[1].Withdrawn);
        var action = Assert.Single(m.Actions);
        Assert.Equal(("2", "Thomas Bech", "2023-09-01"), (action.Item, action.Owners.Single(), action.Due));
        Assert.Equal(["2023-09-14", "2023-11-09"], m.UpcomingMeetings.Select(u => Iso(u.Date)));
        Assert.Equal(["Foreningen Broen", "Rådhuset"], m.UpcomingMeetings.Select(u => u.Host));
    }

    [Fact]
    public void Windows_1252_text_keeps_its_Danish_letters()
    {
        var text = "Referat af møde i Ældrerådet den 2. marts 2021\nTil stede: Søren Æbelø, Åse Høj\n\n1. Godkendelse af dagsorden\nGodkendt\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var decoded = PlainTextReader.Decode(Encoding.GetEncoding(1252).GetBytes(text));

        Assert.Equal(text, decoded);
        var m = MeetingParser.Default.Parse(SourceText.FromString("ansi.txt", decoded));
        Assert.Equal(["Søren Æbelø", "Åse Høj"], m.Attendees);
    }

    [Fact]
    public void Utf8_with_a_byte_order_mark_is_read_as_utf8()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Møde i Ældrerådet")).ToArray();
        Assert.Equal("Møde i Ældrerådet", PlainTextReader.Decode(bytes));
    }

    [Fact]
    public void The_interchange_json_round_trips_with_the_format_names()
    {
        var m = Parse("integrationsraad-referat.txt");
        var json = m.ToJson();

        Assert.Contains("\"upcoming_meetings\"", json, StringComparison.Ordinal);
        Assert.Contains("\"carry_to_next_meeting\"", json, StringComparison.Ordinal);
        Assert.Contains("Ravn-Holm", json, StringComparison.Ordinal);
        Assert.Equal(m.Items.Select(i => i.Title), ParsedMeeting.FromJson(json).Items.Select(i => i.Title));
    }
}

public sealed class TextReflowTests
{
    private static string? Reflow(string text) => Parsing.TextReflow.ToMarkdown(SourceText.FromString("x.txt", text).Lines);

    [Fact]
    public void Lines_of_a_paragraph_are_joined_and_paragraphs_kept_apart() =>
        Assert.Equal("Rådet drøftede sagen og besluttede at vente.\n\nNæste afsnit.", Reflow("Rådet drøftede sagen og\nbesluttede at vente.\n\nNæste afsnit."));

    [Fact]
    public void A_sentence_runs_on_over_a_blank_line() =>
        Assert.Equal("Med kursiv er teksten, og nedenfor er en opsamling på emnet.", Reflow("Med kursiv er teksten, og nedenfor er en opsamling\n\npå emnet."));

    [Fact]
    public void Bullets_become_a_list_and_wrapped_bullets_stay_whole() =>
        Assert.Equal("Punkter:\n\n- Første punkt der fortsætter\n- Andet punkt", Reflow("Punkter:\n• Første punkt der\nfortsætter\n• Andet punkt"));

    [Fact]
    public void A_short_heading_line_stays_its_own_paragraph() =>
        Assert.Equal("Borgere i hjemløshed\n\nDer har været et tema i pressen om\nsamarbejdet.".Replace("om\nsamarbejdet", "om samarbejdet", StringComparison.Ordinal),
            Reflow("Borgere i hjemløshed\nDer har været et tema i pressen om\nsamarbejdet."));

    [Fact]
    public void Empty_text_is_none() => Assert.Null(Reflow("\n  \n"));
}
