using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>The layout families of other municipalities' publishing systems, on small fictional samples.</summary>
public sealed class LayoutFamilyTests
{
    private static ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("sample.txt", text));

    private static ParsedMeeting ParseHtml(string html) => new DocumentReader(new ImportLimits()) is var reader
        ? MeetingParser.Default.Parse(reader.Read("sample.txt", ".txt", System.Text.Encoding.UTF8.GetBytes(html)))
        : throw new InvalidOperationException();

    [Fact]
    public void Items_without_numbers_or_titles_are_the_blocks_between_repeated_sections()
    {
        var m = Parse("Referat fra Havnerådet 12. marts 2025\n\nÅben\n\nBeslutning\n\nDagsorden godkendes\n\nÅben\n\nBeslutning\n\nDer er enighed om en ny mødeplan.\no Møderne holdes på havnekontoret.\n");

        Assert.Equal(new DateOnly(2025, 3, 12), m.Date);
        Assert.Equal(2, m.Items.Count);
        Assert.All(m.Items, i => Assert.Null(i.Number));
        Assert.Equal("Dagsorden godkendes", m.Items[0].Decision);
        Assert.Equal("Der er enighed om en ny mødeplan.\no Møderne holdes på havnekontoret.", m.Items[1].Decision);
    }

    [Fact]
    public void An_agenda_index_is_the_item_list_and_the_bodies_are_matched_to_it()
    {
        var m = Parse("UDVALG\nHavneudvalget\nSTED\nHavnegade 1, lokale 2\nSTARTTIDSPUNKT\n04-06-2020 09:00:00\nSLUTTIDSPUNKT\n04-06-2020 11:00:00\nPUNKTER\n"
            + "12. Godkendelse af dagsorden\n13. Status på havnebadet\n14. Eventuelt\n12. Godkendelse af dagsorden\nBeslutning i Havneudvalget den 04-06-2020\nGodkendt\n"
            + "13. Status på havnebadet\nIndstilling\nAt status tages til efterretning.\n");

        Assert.Equal(["12", "13", "14"], m.Items.Select(i => i.Number));
        Assert.Equal("Status på havnebadet", m.Items[1].Title);
        Assert.Equal("Godkendt", m.Items[0].Decision);
        Assert.Equal("Havnegade 1, lokale 2", m.Location);
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(11, 0)), (m.Start, m.End));
    }

    [Fact]
    public void A_flattened_index_table_gives_one_item_per_number_cell()
    {
        var m = Parse("Havnerådet\nReferat af mødet den 2. november 2011 fra kl. 16:00\ni mødelokale 1, Havnegade 2, Havnby.\nINDHOLDSFORTEGNELSE:\nPkt. nr.\nSag\nSidetal\n1.\n\nVelkomst\n3\n2.\nValg af formand\n\n4\n3.\nEventuelt\n5\n");

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal("Valg af formand", m.Items[1].Title);
        Assert.Equal("mødelokale 1, Havnegade 2, Havnby", m.Location);
        Assert.Equal(new TimeOnly(16, 0), m.Start);
    }

    [Fact]
    public void A_title_printed_before_its_case_number_is_the_items_title()
    {
        var m = Parse("Havneudvalget\n05-04-2022\nMedlemmer\nFormand Anna Holm (A)\nBo Berg (C)\nSager 24 - 25\nMeddelelser\nSag nr. 24\nBeslutning\nTaget til efterretning.\nNy havneplan\nSag nr. 25\nBeslutning\nGodkendt.\n");

        Assert.Equal([("24", "Meddelelser"), ("25", "Ny havneplan")], m.Items.Select(i => (i.Number!, i.Title!)));
        Assert.Equal(["Anna Holm", "Bo Berg"], m.Attendees);
        Assert.Equal("Godkendt.", m.Items[1].Decision);
    }

    [Fact]
    public void Bullet_headings_followed_by_a_decision_are_unnumbered_items()
    {
        var m = Parse("Referat af Havnerådets møde den 20. januar 2026\nDeltagerer\nFormand Anna Holm, næstformand Bo Berg og Carl\nDahl\nAfbud:\nDorte Eng\n- Godkendelse af dagsorden\nBeslutning\nDagsordenen blev godkendt.\n- Høringer\nBeslutning\nTaget til efterretning.\n");

        Assert.Equal([(null, "Godkendelse af dagsorden"), (null, "Høringer")], m.Items.Select(i => (i.Number, i.Title)));
        Assert.Equal(["Anna Holm", "Bo Berg", "Carl Dahl"], m.Attendees);
        Assert.Equal(["Dorte Eng"], m.Absent);
    }

    [Fact]
    public void A_run_on_absence_line_ends_the_last_name_at_its_full_stop_and_keeps_initials()
    {
        var m = Parse("Referat af Havnerådets møde den 20. januar 2026\nDeltagere: Anna Holm, Bo Berg\nAfbud: Carl H.S. Dahl, Dorte Eng og Erik Friis. Uden afbud Finn Gram.\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n");

        Assert.Equal(["Carl H.S. Dahl", "Dorte Eng", "Erik Friis"], m.Absent.Take(3));
        Assert.DoesNotContain("Erik Friis.", m.Absent);
        Assert.Equal(["Anna Holm", "Bo Berg"], m.Attendees);
    }

    [Fact]
    public void An_absence_label_run_on_inside_the_attendance_line_starts_the_absence_list()
    {
        var m = Parse("Referat af Havnerådets møde den 20. januar 2026\nTilstede var: Anna Holm (AH), Bo K. Berg (BB) Afbud: Carl Dahl Mødet blev holdt som planlagt.\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n");

        Assert.Equal(["Anna Holm", "Bo K. Berg"], m.Attendees);
        Assert.Equal(["Carl Dahl"], m.Absent);
    }

    [Fact]
    public void Names_in_columns_spaced_apart_are_one_name_a_column()
    {
        var m = Parse("Referat af Havnerådets møde den 20. januar 2026\nFraværende med afbud:\nAnna Holm (A)\u00a0\u00a0\u00a0\u00a0 Bo Berg (C)\u00a0\u00a0\u00a0 Carl  Dahl (B)\nDorte Eng (V)\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n");

        Assert.Equal(["Anna Holm", "Bo Berg", "Carl Dahl", "Dorte Eng"], m.Absent);
    }

    [Fact]
    public void A_heading_wrapped_onto_the_next_line_is_completed_from_the_table_of_contents()
    {
        var m = Parse("Referat\nHavnerådet\nMødedato: 20. januar 2026, kl. 16.00\nIndhold\nGodkendelse af dagsorden.............................................3\nSvar på forslag om at sikre havnebadets fremtid på Nordkajen..........4\nOrientering om ny 2030-fremskrivning for havnen......................5\nPunkt 1: Godkendelse af dagsorden\nBeslutning\nGodkendt.\nPunkt 2: Svar på forslag om at sikre havnebadets\nfremtid på Nordkajen\nSag 2026-17\nBeslutning\nTiltrådt.\nPunkt 3: Orientering om ny 2030fremskrivning for havnen\nBeslutning\nTaget til efterretning.\n");

        Assert.Equal(["Godkendelse af dagsorden", "Svar på forslag om at sikre havnebadets fremtid på Nordkajen", "Orientering om ny 2030-fremskrivning for havnen"], m.Items.Select(i => i.Title));
        Assert.DoesNotContain("fremtid på Nordkajen", m.Items[1].Text ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("Tiltrådt.", m.Items[1].Decision);
    }

    [Fact]
    public void Bullets_inside_an_items_summary_are_no_headings_when_another_section_comes_before_the_decision()
    {
        var m = Parse("Dagsorden\nTorsdag 10. nov 2026 kl. 10:30\nHavnerådet\nReferat\nResumé\nFormanden orienterer om nyt.\n- Havnebadet\n- Cykelparkering\nSagen behandles i\nHavnerådet (orientering).\nBeslutning Havnerådet den 10-11-2026\nTaget til efterretning.\nResumé\nOrientering fra underudvalget.\nSagen behandles i\nHavnerådet (orientering).\nBeslutning Havnerådet den 10-11-2026\nUnderudvalget fortsætter arbejdet.\n");

        Assert.Equal(2, m.Items.Count);
        Assert.All(m.Items, i => Assert.Null(i.Title));
        Assert.Equal(["Taget til efterretning.", "Underudvalget fortsætter arbejdet."], m.Items.Select(i => i.Decision));
    }

    [Fact]
    public void A_chair_label_ends_the_absence_list_and_a_person_named_twice_attends_once()
    {
        var m = Parse("Referat af Havnerådets møde den 20. januar 2026\nDeltagere\nFormand Anna Holm, næstformand Bo Berg, Carl Dahl\nAfbud:\nDorte Eng\nOrdstyrer:\nNæstformand Bo Berg\nReferent:\nCarl Dahl\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n");

        Assert.Equal(["Dorte Eng"], m.Absent);
        Assert.Equal(["Anna Holm", "Bo Berg", "Carl Dahl"], m.Attendees);
    }

    [Fact]
    public void Those_elected_chair_or_minute_taker_attend_and_the_council_itself_is_no_attendee()
    {
        var labelled = Parse("Referat af Havnerådets møde den 20. januar 2026\nDeltagere: Havnerådet, Anna Holm og Bo Berg\n1. Valg af referent\nBeslutning\nFormanden\n2. Valg af ordstyrer\nBeslutning\nErik\n3. Valg af dirigent\nBeslutning\nAnna\n4. Havnebadet\nBeslutning\nGodkendt.\n");
        var inline = Parse("Referat af Havnerådets møde den 20. januar 2026\n1. Valg af mødeleder og ordstyrer, Erik mødeleder og Finn Gram ordstyrer\n2. Valg af referent, Gitte referent denne gang\n3. Godkendelse af dagsorden, godkendt uden bemærkninger\n");

        Assert.Equal(["Anna Holm", "Bo Berg", "Erik"], labelled.Attendees);
        Assert.Equal(["Erik", "Finn Gram", "Gitte"], inline.Attendees);
    }

    [Fact]
    public void A_document_flattened_onto_one_line_is_split_at_its_labels_and_item_numbers()
    {
        var m = Parse("Dagsorden Forum: Havnerådet Tid: 14. marts 2018, kl Sted: Mødelokale 9, Blok C Deltagere: Anna Holm, Bo Berg Afbud: Referent: Carl Dahl "
            + "1. Godkendelse af referat og dagsorden 2. Valg af formand Dato: 13. februar 2018 Sagsbehandler: abc 3. Orientering om havnebadet Sagsfremstilling: Badet åbner til sommer, og der er indkøbt nye stiger.");

        Assert.Equal(new DateOnly(2018, 3, 14), m.Date);
        Assert.Equal("Mødelokale 9, Blok C", m.Location);
        Assert.Equal(["Anna Holm", "Bo Berg", "Carl Dahl"], m.Attendees);
        Assert.Equal(["Godkendelse af referat og dagsorden", "Valg af formand", "Orientering om havnebadet"], m.Items.Select(i => i.Title));
    }

    [Fact]
    public void Labels_glued_to_their_value_or_on_their_own_line_are_read()
    {
        var m = Parse("Referat\nTorsdag d. 7 april 2022, kl. 11:00\nMødestedMødelokale 1, Rådhuset\nUdvalgHavnerådet\nAfbud: Bo Berg.\nResume\nRådet skal godkende dagsordenen.\nBeslutning\nDeltog ikke: Bo Berg.\nDagsordenen blev godkendt.\n");

        Assert.Equal("Mødelokale 1, Rådhuset", m.Location);
        Assert.Equal("Havnerådet", m.Body);
        Assert.Equal(new TimeOnly(11, 0), m.Start);
        Assert.Equal(["Bo Berg"], m.Absent);
        Assert.Equal("Dagsordenen blev godkendt.", Assert.Single(m.Items).Decision);
    }

    [Fact]
    public void Nested_lists_are_sub_items_of_an_agenda_and_a_list_restarting_at_one_goes_on()
    {
        var m = Parse("Indkaldelse til møde i Havnerådet\nTorsdag den 10 juni 2021 kl. 9.00 + frokost 12.00-13.00\nDagsorden:\n 1. Valg af ordstyrer\n 2. Meddelelser\n  1. Herunder nyt fra formanden\n  2. Herunder nyt fra sekretæren\n 3. Høringssvar\n 1. Nyt fra arbejdsgrupper\n 2. Næste møde\n");

        Assert.Equal(MeetingKind.Agenda, m.Kind);
        Assert.Equal(new TimeOnly(9, 0), m.Start);
        Assert.Null(m.End);
        Assert.Equal(["1", "2", "3", "1", "2"], m.Items.Select(i => i.Number));
        Assert.Equal(["Herunder nyt fra formanden", "Herunder nyt fra sekretæren"], m.Items[1].Children!.Select(c => c.Title));
    }

    [Fact]
    public void Minutes_written_after_the_title_on_the_items_line_are_its_decision()
    {
        var m = Parse("Dagsorden:\n 1. Valg af referent, Jens referent denne gang\n 2. Godkendelse af dagsorden, godkendt\n 3. Høringssvar. Der var ingen bemærkninger.\n 4. Meddelelser fra formand, sekretær og medlemmer.\n");

        Assert.Equal(MeetingKind.Minutes, m.Kind);
        Assert.Equal(["Valg af referent", "Godkendelse af dagsorden", "Høringssvar", "Meddelelser fra formand, sekretær og medlemmer"], m.Items.Select(i => i.Title));
        Assert.Equal(["Jens referent denne gang", "godkendt", "Der var ingen bemærkninger."], m.Items.Take(3).Select(i => i.Decision));
    }

    [Fact]
    public void Absences_in_decisions_count_and_quoted_ones_from_other_sections_do_not()
    {
        var m = Parse("Havneudvalget - Referat - 11. november 2019\n293. Godkendelse af dagsorden (B)\nSagsforløb\nFraværende: Eva From\nBeslutning i Havneudvalget den 11. november 2019:\nFraværende: Anna Holm (A)\nGodkendt.\n294. Budget (E)\nBeslutning\nAnna Holm og Bo Berg var fraværende.\nTaget til efterretning.\n");

        Assert.Equal(["Anna Holm", "Bo Berg"], m.Absent);
        Assert.Equal(["Godkendt.", "Taget til efterretning."], m.Items.Select(i => i.Decision));
        Assert.Equal("Godkendelse af dagsorden (B)", m.Items[0].Title);
    }

    [Fact]
    public void One_who_sent_apologies_and_came_late_after_all_attended()
    {
        var m = Parse("Referat af møde i Idrætsrådet den 4. maj 2021\n1. Godkendelse af dagsorden\nBeslutning\nI mødet deltog:\nBorgerrepræsentanter:\n"
            + "Ulla Bak, Bo Ravn (ankom under behandlingen af punkt 3) og Ane Holm (kom kl. 17.10)\nFra forvaltningen:\nPer Lund (gik efter punkt 2)\n"
            + "Følgende havde meldt afbud:\nBo Ravn, Ane Holm og Ib Dahl.\nDagsordenen blev godkendt.\n2. Eventuelt\nBeslutning\nIntet.\n");

        Assert.Equal(["Ulla Bak", "Bo Ravn", "Ane Holm", "Per Lund"], m.Attendees);
        Assert.Equal(["Ib Dahl"], m.Absent);
    }

    [Theory]
    [InlineData("På Kildegården dvs fysisk møde", "Kildegården")]
    [InlineData("I mødelokale 2, Rådhuset, d.v.s. ikke online", "mødelokale 2, Rådhuset")]
    [InlineData("På Havnehuset - altså ikke på rådhuset", "Havnehuset")]
    public void A_place_ends_before_an_explanation_after_it(string placeLine, string place)
    {
        var m = Parse($"Indkaldelse til møde i Ældrerådet\nTirsdag den 8. juni 2021 kl. 10.00\n{placeLine}\nDagsorden:\n1. Godkendelse af dagsorden\n2. Eventuelt\n");

        Assert.Equal(place, m.Location);
    }

    [Fact]
    public void A_member_the_attendance_item_says_took_part_in_some_items_attended()
    {
        var m = Parse("Ungerådet - Referat\nDato: 2. februar 2021\n\n1. Fraværende\nBeslutning\nIb Dahl var fraværende.\nEva Kjær deltog under pkt. 1-3 og delvis under pkt. 4.\n"
            + "Bo Ravn deltog fra kl. 17.30.\n\n2. Skolernes trivsel\nBeslutning\nTaget til efterretning.\n");

        Assert.Equal(["Eva Kjær", "Bo Ravn"], m.Attendees);
        Assert.Equal(["Ib Dahl"], m.Absent);
        Assert.Empty(m.Guests);
    }

    [Fact]
    public void Members_named_in_a_vote_attended_and_parties_that_vote_are_not_people()
    {
        var m = Parse("Referat af møde i Miljøudvalget den 6. oktober 2025\n1. Cykelstier\nBeslutning\nEt flertal kunne tiltræde indstillingen. Eva Kjær, Bo Ravn (A) og Ane Holm kunne tiltræde indstillingen. "
            + "Ib Dahl tog forbehold.\nPer Lund kunne ikke tiltræde indstillingen.\nUlla Bak var forhindret i at deltage.\n"
            + "2. Budget\nBeslutning\nRadikale Venstre tog forbehold. Dansk Folkepartis og Venstres grupper samt Lis Bech kunne ikke tiltræde indstillingen. Socialdemokratiet stemte imod. Direktør Eva Lund anbefalede en ny plan.\n");

        Assert.Equal(["Eva Kjær", "Bo Ravn", "Ane Holm", "Ib Dahl", "Per Lund"], m.Attendees);
    }

    [Theory]
    [InlineData("Til stede var: Ane Holm, Bo Ravn og Eva Kjær", "Ane Holm|Bo Ravn|Eva Kjær", "")]
    [InlineData("Deltog: Ane Holm, Bo Ravn", "Ane Holm|Bo Ravn", "")]
    [InlineData("Mødt: Ane Holm og Bo Ravn", "Ane Holm|Bo Ravn", "")]
    [InlineData("Øvrige deltagere: Ane Holm", "Ane Holm", "")]
    [InlineData("Deltagere fra forvaltningen: Ane Holm", "Ane Holm", "")]
    [InlineData("Sekretær: Ane Holm, Sundhedsafdelingen", "Ane Holm", "")]
    [InlineData("Forfald: Ane Holm og Bo Ravn", "", "Ane Holm|Bo Ravn")]
    [InlineData("Ikke mødt: Ane Holm", "", "Ane Holm")]
    [InlineData("Mødt: Eva Kjær Forfald: Ane Holm", "Eva Kjær", "Ane Holm")]
    public void Attendance_labels_of_many_councils_are_read(string line, string attendees, string absent)
    {
        var m = Parse($"Referat af møde i Ældrerådet den 4. maj 2021 kl. 10.00\n{line}\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n");

        Assert.Equal(attendees.Split('|', StringSplitOptions.RemoveEmptyEntries), m.Attendees);
        Assert.Equal(absent.Split('|', StringSplitOptions.RemoveEmptyEntries), m.Absent);
    }

    [Fact]
    public void A_web_page_kept_as_text_is_read_as_html_with_a_table_row_per_item()
    {
        var m = ParseHtml("<!DOCTYPE html><html><body><h1>Referat 1. oktober 2025 kl. 15.45</h1><table><tr><td><span>1</span></td><td><button><h2>Referat fra sidste møde</h2></button>"
            + "<div><h3>Beslutninger</h3><div>Ingen bemærkninger.</div></div></td></tr><tr><td><span>2</span></td><td><button><h2>Eventuelt</h2></button></td></tr></table></body></html>");

        Assert.Equal([("1", "Referat fra sidste møde"), ("2", "Eventuelt")], m.Items.Select(i => (i.Number!, i.Title!)));
        Assert.Equal("Ingen bemærkninger.", m.Items[0].Decision);
        Assert.Equal(new TimeOnly(15, 45), m.Start);
    }

    [Fact]
    public void A_document_without_a_date_gives_a_record_with_a_null_date_and_a_review_note()
    {
        var m = Parse("1. Godkendelse af dagsorden\nBeslutning\nDagsordenen blev godkendt.\n");

        Assert.Null(m.Date);
        Assert.Contains(m.Review, r => r.Field == "date");
        Assert.Equal("Dagsordenen blev godkendt.", Assert.Single(m.Items).Decision);
        Assert.Contains("\"date\": null", m.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_document_with_no_meeting_in_it_is_refused()
    {
        var e = Assert.Throws<ImportException>(() => Parse("Velkommen til vores hjemmeside.\nHer kan du læse om kommunen.\n"));
        Assert.Contains("ligner ikke", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_typed_record_keeps_the_interchange_format()
    {
        var m = Parse("Referat af møde i Havnerådet den 3. marts 2020\nKl. 15.30 – 17.30\n\n1. Godkendelse af dagsorden\nGodkendt\n");
        var json = m.ToJson();

        Assert.Contains("\"kind\": \"minutes\"", json, StringComparison.Ordinal);
        Assert.Contains("\"date\": \"2020-03-03\"", json, StringComparison.Ordinal);
        Assert.Contains("\"start\": \"15:30\"", json, StringComparison.Ordinal);
        Assert.Contains("\"end\": \"17:30\"", json, StringComparison.Ordinal);
        var back = ParsedMeeting.FromJson(json);
        Assert.Equal((m.Kind, m.Date, m.Start, m.End), (back.Kind, back.Date, back.Start, back.End));
        Assert.Throws<System.Text.Json.JsonException>(() => ParsedMeeting.FromJson(json.Replace("\"15:30\"", "\"halv fire\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_web_page_s_pop_up_menu_of_page_actions_is_not_part_of_the_decision()
    {
        var m = ParseHtml("<!DOCTYPE html><html><body><h1>Referat 1. oktober 2025 kl. 15.45</h1><table><tr><td><span>1</span></td><td><button><h2>Cykelparkering ved stationen</h2></button>"
            + "<div><h3>Beslutninger</h3><div>Udvalget tog orienteringen til efterretning.</div></div></td><td><ul class=\"dropdown-menu\" role=\"menu\"><li><a role=\"menuitem\" href=\"#\">Hent som PDF</a></li>"
            + "<li><a role=\"menuitem\" href=\"#\">Kopier link</a></li></ul></td></tr><tr><td><span>2</span></td><td><button><h2>Eventuelt</h2></button><div hidden>Skjult tekst</div></td></tr></table></body></html>");

        Assert.Equal("Udvalget tog orienteringen til efterretning.", m.Items[0].Decision);
        Assert.DoesNotContain("Skjult", m.Items[1].Text ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("• Hent som PDF\n• Kopier link\n")]
    [InlineData("Skriv et svar\nDin e-mailadresse vil ikke blive publiceret. Krævede felter er markeret med *\n")]
    [InlineData("\n\nSe referat fra Ældrerådets møde 4. maj i pdf format\n")]
    [InlineData("\nHent referatet som PDF\n\n")]
    public void Page_actions_and_a_comment_form_after_the_last_decision_are_dropped(string furniture)
    {
        var m = Parse("Referat af møde i Ældrerådet den 4. maj 2021 kl. 10.00\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n2. Kassebeholdning\nBeslutning\nRådet får en lille kassebeholdning til udlæg.\n" + furniture);

        Assert.Equal("Rådet får en lille kassebeholdning til udlæg.", m.Items[1].Decision);
    }

    [Fact]
    public void A_sentence_of_the_minutes_about_a_pdf_file_is_kept()
    {
        var m = Parse("Referat af møde i Ældrerådet den 4. maj 2021 kl. 10.00\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n2. Folder\nBeslutning\nFolderen godkendt.\n"
            + "Se den færdige folder i pdf-format\n\n3. Eventuelt\nBeslutning\nIntet.\n");

        // Neither between blank lines nor the document's end: a line of the decision, not the page's link.
        Assert.StartsWith("Folderen godkendt.", m.Items[1].Decision, StringComparison.Ordinal);
        Assert.EndsWith("Se den færdige folder i pdf-format", m.Items[1].Decision, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_cut_in_the_middle_of_a_recurring_heading_does_not_end_its_last_decision_with_the_fragment()
    {
        var m = Parse("Referat af møde i Ældrerådet den 4. maj 2021 kl. 10.00\n\n1. Nyt fra formanden\nBeslutning\nTaget til efterretning.\n\nBaggrund\n\nFormanden orienterer.\n\n"
            + "2. Nyt fra udvalgene\nBeslutning\nTaget til efterretning.\n\nBaggrund\n\nUdvalgene orienterer.\n\n3. Bisidderne\nBeslutning\nTaget til efterretning.\n\nBag\n");

        Assert.Equal("Taget til efterretning.", m.Items[2].Decision);
    }

    [Fact]
    public void A_last_decision_of_one_word_is_kept_when_no_heading_begins_with_it()
    {
        var m = Parse("Referat af møde i Ældrerådet den 4. maj 2021 kl. 10.00\n\n1. Nyt fra formanden\nBeslutning\nGodkendt\n\n2. Eventuelt\nBeslutning\nDrøftet\n");

        Assert.Equal("Drøftet", m.Items[1].Decision);
    }

    [Fact]
    public void The_case_s_record_number_before_a_closed_item_s_decision_is_not_part_of_it()
    {
        var m = Parse("Referat af Byrådets møde den 4. maj 2021 kl. 10.00\n\nPunkt 1: Godkendelse af dagsorden\nSAG-2021-001234\n\nBeslutninger\nGodkendt.\n\n"
            + "Punkt 2: Lukket: Salg af grund\nSAG-2021-004321\nTilbagesendes forvaltningen med bemærkning, at byrådet har vedtaget indstillingen.\n");

        Assert.Equal("Tilbagesendes forvaltningen med bemærkning, at byrådet har vedtaget indstillingen.", m.Items[1].Decision);
    }

    [Fact]
    public void An_office_a_council_or_its_members_own_what_they_promise()
    {
        var m = Parse("Referat af Havnerådets møde den 3. marts 2025\nDeltagere: Anna Holm, Bo Berg\n\n"
            + "1. Ny havneplan\nBeslutning\nForvaltningen for Havn og Strand udarbejder et notat til næste møde.\n\n"
            + "2. Bænke på kajen\nBeslutning\nHavnerådets medlemmer hjælper til med at tælle bænkene.\n\n"
            + "3. Høring om parkering\nBeslutning\nHavnerådet bad om, at Havnerådets Trafikudvalg udarbejder et svar på høringen.\n\n"
            + "4. Arrangementer\nBeslutning\nFormanden vil fremover sende invitationerne.\n\n"
            + "5. Godkendelse af dagsorden\nHavnerådet skal godkende dagsordenen. Udvalget tager orienteringen til efterretning. Havnerådet drøftede sagen.\n");

        Assert.Equal(
            [("1", "Forvaltningen for Havn og Strand"), ("2", "Havnerådets medlemmer"), ("3", "Havnerådets Trafikudvalg"), ("4", "Formanden")],
            m.Actions.Select(a => (a.Item!, a.Owners.Single())));
    }

    [Fact]
    public void The_minute_taker_chosen_in_an_item_owns_what_he_promises_later()
    {
        var m = Parse("Referat af Havnerådets møde den 3. marts 2025\n\nDagsorden:\n\n 1. Valg af mødeleder, Anna mødeleder\n 2. Valg af referent, Jens referent\n"
            + " 3. Godkendelse af dagsorden, godkendt\n 4. Meddelelser.\n\n         Bo havde sendt regnskabet rundt. Jens foranlediger et møde med havnefogeden. Nøglerne ligger på kontoret.\n\n"
            + " 5. Økonomi\n\n         Udvalget noterede sig tallene, og det blev aftalt, at Jens skal gennemgå budgettet igen.\n");

        Assert.Contains("Jens", m.Attendees);
        Assert.Equal([("4", "Jens"), ("5", "Jens")], m.Actions.Select(a => (a.Item!, a.Owners.Single())));
    }

    [Fact]
    public void An_attendance_list_under_the_first_decision_label_is_not_the_decision()
    {
        var m = Parse("1. Godkendelse af dagsorden\n\nBeslutning\n\nI mødet deltog:\n\nFra bestyrelsen:\n\nAnna Holm, Bo Berg (ankom under punkt 3) og Carl Dam.\n\n"
            + "Fra forvaltningen:\n\nDitte Lund (referent)\n\nFølgende havde meldt afbud:\n\nEsben Krog.\n\nDagsordenen blev vedtaget uden ændringer.\n\n"
            + "2. Havnebadet\n\nBeslutning\n\nDeltagere:\nRådet vil gerne have badet åbnet i maj.\n");

        Assert.Equal("Dagsordenen blev vedtaget uden ændringer.", m.Items[0].Decision);
        Assert.Equal("Deltagere: Rådet vil gerne have badet åbnet i maj.", m.Items[1].Decision);
    }

    [Fact]
    public void Guests_are_people_named_with_their_post_who_presented_or_took_part_in_an_item()
    {
        var m = Parse("Referat af Havnerådets møde den 3. marts 2025\nDeltagere: Anna Holm, Bo Berg\n"
            + "Mødet indledtes med, at havnekonsulent Carl Dam fra Vej, Havn og Strand orienterede om den nye kajplan.\n\n"
            + "1. Havnebadet\nSekretariatschef Anna Holm orienterede om økonomien. Driftschef Dorte Lind gennemgik tidsplanen.\n\n"
            + "2. Parkering\nTrafikplanlægger Erik Vang, faglig koordinator Frida Moos og jurist Gustav Ravn deltager under dette punkt.\n\n"
            + "3. Orientering\nPræsentation af ny områdechef Hanne Skov.\nRådet drøftede, at Ida Bech havde skrevet til forvaltningen.\n"
            + "Havnerådsmedlem Jonas Bak orienterede om sejlklubbens nye bro.\n");

        Assert.Equal(
            [("Carl Dam", ""), ("Dorte Lind", "1"), ("Erik Vang", "2"), ("Frida Moos", "2"), ("Gustav Ravn", "2"), ("Hanne Skov", "3")],
            m.Guests.Select(g => (g.Name, string.Join(',', g.Items))));
        Assert.Equal(["Anna Holm", "Bo Berg", "Jonas Bak"], m.Attendees);
    }

    [Fact]
    public void A_list_of_hearings_with_their_deadlines_and_answers_given_without_one()
    {
        var m = Parse("Referat af Havnerådets møde den 20. januar 2026\n\n1. Høringer\nVi har givet høringssvar på Trafikplan for Havnby 15. december 2025\n"
            + "Der er modtaget to nye høringer:\na. Klimaplan for Nordkajen – høringsfrist 5. februar 2026\nb. Udkast til lokalplan 12, høringsfrist 13. februar 2026\n\n"
            + "2. Eventuelt\nRådet giver høringssvar til de to nye høringer ovenfor.\n");

        Assert.Equal(
            [("Klimaplan for Nordkajen", "2026-02-05"), ("Udkast til lokalplan 12", "2026-02-13"), ("Trafikplan for Havnby", null)],
            m.Hearings.Select(h => (h.Subject, h.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(m.Hearings, h => Assert.Equal(["1"], h.Items));
    }

    [Fact]
    public void A_proposed_meeting_calendar_with_dates_alone_on_their_lines_and_one_moved_by_the_decision()
    {
        var m = Parse("Referat af Havnerådets møde den 8. oktober 2020\n\n1. Mødekalender for 2021\nSagsfremstilling\nForvaltningen foreslår disse datoer:\n\n"
            + "Tirsdag den 19. januar\n\nTirsdag den 16. marts\n\nTirsdag den 23. november\n\nBeslutning\nGodkendt, dog således at mødet den 16. marts i stedet afholdes den 23. marts.\n\n"
            + "2. Eventuelt\nRådet mødes forud for budgetmødet den 3. november 2020 kl. 15.00-16.00 i mødelokale 4.\n");

        Assert.Equal(
            [("2021-01-19", null), ("2021-03-23", null), ("2021-11-23", null), ("2020-11-03", "mødelokale 4")],
            m.UpcomingMeetings.Select(u => (u.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), u.Host)));
    }

    [Fact]
    public void Only_the_absent_are_named_so_the_members_an_item_lists_attended()
    {
        var m = Parse("Havnerådet - Referat\n\nDato: 22. marts 2018\n\n1. Fraværende\n\nBeslutning\n\nAfbud: Bo Berg og Carl Dam.\n\n"
            + "2. Rådets sammensætning\n\nSagsfremstilling\n\nHavnerådet består af:\n\n • Anna Holm - valgt af byrådet\n • Bo Berg - valgt af byrådet\n"
            + " • Carl Dam - valgt af sejlklubben\n • Dorte Lind-Møller - valgt af borgerne\n • Erhvervslivet - der er ikke udpeget en repræsentant\n\nBeslutning\n\nTaget til efterretning.\n");

        Assert.Equal(["Bo Berg", "Carl Dam"], m.Absent);
        Assert.Equal(["Anna Holm", "Dorte Lind-Møller"], m.Attendees);
    }

    [Fact]
    public void A_punkt_heading_alone_on_its_line_has_its_title_on_the_next_and_keeps_a_two_digit_number()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\n\nPunkt 9\nGodkendelse af dagsorden\nBeslutning: Godkendt.\n\n"
            + "Punkt 10\nNyt bådeskur\nBeslutning: Drøftet.\n\nPunkt 11\nEventuelt\nBeslutning: Intet.\n");

        Assert.Equal([("9", "Godkendelse af dagsorden"), ("10", "Nyt bådeskur"), ("11", "Eventuelt")], m.Items.Select(i => (i.Number!, i.Title!)));
        Assert.Equal("Drøftet", m.Items[1].Decision);
    }

    [Fact]
    public void Dagsordenspunkt_headings_are_items()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\n\nDagsordenspunkt 1: Godkendelse af dagsorden\nBeslutning:\nGodkendt.\n\n"
            + "Dagsordenspunkt 2: Nyt bådeskur\nBeslutning:\nDrøftet.\n");

        Assert.Equal([("1", "Godkendelse af dagsorden"), ("2", "Nyt bådeskur")], m.Items.Select(i => (i.Number!, i.Title!)));
        Assert.Equal("Drøftet.", m.Items[1].Decision);
    }

    [Fact]
    public void Decimal_numbered_sub_items_are_children_of_their_section()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\n\n1 Indledning\n1.1 Godkendelse af dagsorden\nGodkendt.\n1.2 Nyt bådeskur\nForslaget blev drøftet.\n\n"
            + "2 Sager\n2.1 Havnebadet\nUdsat.\n\n3 Eventuelt\nIntet.\n");

        Assert.Equal([("1", "Indledning"), ("2", "Sager"), ("3", "Eventuelt")], m.Items.Select(i => (i.Number!, i.Title!)));
        Assert.Equal([("1.1", "Godkendelse af dagsorden"), ("1.2", "Nyt bådeskur")], m.Items[0].Children!.Select(i => (i.Number!, i.Title!)));
        Assert.Equal("Forslaget blev drøftet.", m.Items[0].Children![1].Decision);
        Assert.Equal("2.1", Assert.Single(m.Items[1].Children!).Number);
        Assert.Equal("Intet.", m.Items[2].Decision);
    }

    [Theory]
    [InlineData("A. Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\nB. Nyt bådeskur\nForslaget blev drøftet.\n", "A", "B")]
    [InlineData("A) Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\nB) Nyt bådeskur\nForslaget blev drøftet.\n", "A", "B")]
    [InlineData("§ 1. Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\n§ 2. Nyt bådeskur\nForslaget blev drøftet.\n", "1", "2")]
    [InlineData("Item 1 – Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\nItem 2 – Nyt bådeskur\nForslaget blev drøftet.\n", "1", "2")]
    public void Items_headed_by_letters_paragraph_signs_or_item_are_items(string items, string first, string second)
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\nTil stede: Anna Holm, Bo Berg\n\n" + items);

        Assert.Equal([(first, "Godkendelse af dagsorden"), (second, "Nyt bådeskur")], m.Items.Select(i => (i.Number!, i.Title!)));
        Assert.Equal("Forslaget blev drøftet.", m.Items[1].Decision);
    }

    [Fact]
    public void Bulleted_names_under_an_attendance_label_attend()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\n\nTil stede:\n- Anna Holm, formand\n- Bo Berg\n• Carl Dam\nAfbud: Dorte Eng\n\n1. Godkendelse af dagsorden\nGodkendt.\n");

        Assert.Equal(["Anna Holm", "Bo Berg", "Carl Dam"], m.Attendees);
        Assert.Equal(["Dorte Eng"], m.Absent);
    }

    [Fact]
    public void A_group_line_after_an_absence_list_names_people_present()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\nTil stede: Anna Holm, Bo Berg\nAfbud: Dorte Eng\nFra forvaltningen: Erik Friis (referent)\n\n1. Godkendelse af dagsorden\nGodkendt.\n");

        Assert.Equal(["Anna Holm", "Bo Berg", "Erik Friis"], m.Attendees);
        Assert.Equal(["Dorte Eng"], m.Absent);
    }

    [Fact]
    public void An_absentee_named_after_the_organisation_they_speak_for_is_absent()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\nDeltagere:\nSejlklubben: Anna Holm\nRoklubben: Bo Berg\n\nFraværende: Kajakklubben: Dorte Eng\n\n1. Godkendelse af dagsorden\nGodkendt.\n");

        Assert.Equal(["Anna Holm", "Bo Berg"], m.Attendees);
        Assert.Equal(["Dorte Eng"], m.Absent);
    }

    [Fact]
    public void English_header_labels_give_place_and_attendance()
    {
        var m = Parse("Havnerådet\nMinutes\nDate: 04.03.2025\nVenue: Havnehuset, room 2\n\nPresent: Anna Holm (chair), Bo Berg\nApologies: Dorte Eng\nMinutes taken by: Erik Friis\n\n"
            + "Item 1 – Welcome\nApproved.\n");

        Assert.Equal("Havnehuset, room 2", m.Location);
        Assert.Equal(["Anna Holm", "Bo Berg", "Erik Friis"], m.Attendees);
        Assert.Equal(["Dorte Eng"], m.Absent);
    }

    [Fact]
    public void A_referat_subheading_is_not_part_of_the_decision()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\n\n1. Godkendelse af dagsorden\nReferat:\nDagsordenen blev godkendt uden ændringer.\n\n"
            + "2. Nyt bådeskur\nReferat: Forslaget blev drøftet. Sagen genoptages i maj.\n");

        Assert.Equal("Dagsordenen blev godkendt uden ændringer.", m.Items[0].Decision);
        Assert.Equal("Forslaget blev drøftet. Sagen genoptages i maj.", m.Items[1].Decision);
    }

    /// <summary>A tester's minutes gave an item both: the decision was taken from the minute above it.</summary>
    [Fact]
    public void An_item_with_a_minute_and_a_decision_has_the_decision_under_its_label()
    {
        var m = Parse("Referat af Havnerådets møde den 4. marts 2025\nSted: Havnehuset\nDeltagere: Anna Holm, Bo Berg, Carl Dam\n1. Godkendelse af dagsorden\nBeslutning: Godkendt.\n"
            + "2. Nyt bådeskur\nReferat:\nForvaltningen viste tegningerne.\nBeslutning:\nRådet anbefaler skuret.\n"
            + "3. Ny slæbested\nReferat: Sagen blev drøftet længe.\nBeslutning: Udsat til maj.\n");

        Assert.Equal(["Anna Holm", "Bo Berg", "Carl Dam"], m.Attendees);
        Assert.Equal(["Godkendt", "Rådet anbefaler skuret", "Udsat til maj"], m.Items.Select(i => i.Decision?.TrimEnd('.')));
    }

    [Fact]
    public void The_place_after_a_time_range_in_the_meeting_sentence_is_the_location()
    {
        var m = Parse("Mødet blev holdt tirsdag den 4. marts 2025 kl. 17.00-19.30 i Havnehuset, Kajgade 2, 9999 Havnby.\nTil stede: Anna Holm, Bo Berg\n\n1. Godkendelse af dagsorden\nGodkendt.\n");

        Assert.Equal("Havnehuset, Kajgade 2, 9999 Havnby", m.Location);
        Assert.Equal((new TimeOnly(17, 0), new TimeOnly(19, 30)), (m.Start, m.End));
    }
}
