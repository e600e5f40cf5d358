using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Protokol.Import.Cleaning;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Session 44: layouts of other councils' minutes a tester wrote (fictional text) that the importer misread: attendance one person a
/// line with role and organisation, in a two-column table under its label, in labels of two languages or in groups run on in one line;
/// follow-ups with owner and deadline lines or in a table after the last item; sub-items numbered "3 a"; a guest's job title and items;
/// the place as a field of the heading line; a hearing named by its item; closing lines under the last decision without a blank line;
/// a web page's "Dagsordenspunkt 1" heading over its title; a PDF line the page's width wrapped just before a decision label.
/// </summary>
public sealed class MoreCouncilLayoutsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("protokol-layouts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Model.ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(PlainTextReader.Read("referat.txt", text));

    [Fact]
    public void Owner_and_deadline_lines_under_a_decision_make_its_last_sentence_a_follow_up()
    {
        var m = Parse("""
            Referat af møde i Ældrerådet
            Mødedato: 9.04.2019 kl. 13.00
            Deltagere: Birgit Holt, Erik Dam, Lise Krog

            1. Budget for ældreområdet
            Beslutning
            Rådet drøftede rammerne. Rådet skriver et input til udvalget.
            Ansvarlig: Erik Dam
            Frist: 2. maj 2019

            2. Eventuelt
            Beslutning
            Intet.
            """);

        var action = Assert.Single(m.Actions);
        Assert.Equal("1", action.Item);
        Assert.Equal(["Erik Dam"], action.Owners);
        Assert.Equal("Rådet skriver et input til udvalget", action.Text);
        Assert.Equal("2019-05-02", action.Due);
        Assert.Equal("Rådet drøftede rammerne. Rådet skriver et input til udvalget.", m.Items[0].Decision);
    }

    [Fact]
    public void A_follow_up_naming_its_owner_first_takes_the_deadline_on_the_next_line()
    {
        var m = Parse("""
            Referat af møde i Integrationsrådet
            Dato: 22. september 2021 kl. 17.00
            Deltagere: Nadia Saleh, Karl Bech

            1. Lektiecafé
            Rådet bakker op om en lektiecafé.
            Opfølgning: Nadia Saleh kontakter skolen om lokaler.
            Frist: 15. oktober 2021

            2. Eventuelt
            Intet.
            """);

        var action = Assert.Single(m.Actions);
        Assert.Equal(["Nadia Saleh"], action.Owners);
        Assert.Equal("Nadia Saleh kontakter skolen om lokaler", action.Text);
        Assert.Equal("2021-10-15", action.Due);
    }

    [Fact]
    public void Labels_in_two_languages_are_read_by_their_Danish_half()
    {
        var m = Parse("""
            UNGERÅDET / YOUTH COUNCIL
            Minutes – Referat

            Date / Dato: 14 April 2022
            Time / Tid: 18.00–20.00
            Venue / Sted: Ungdomshuset, Havnevej 8

            Present / Til stede: Noor Ali, Frida Holm, Emil Sand
            Absent / Fraværende: Ida Kjær

            1. Skatepark
            The council supports option B.

            2. Eventuelt
            Nothing.
            """);

        Assert.Equal(["Noor Ali", "Frida Holm", "Emil Sand"], m.Attendees);
        Assert.Equal(["Ida Kjær"], m.Absent);
        Assert.Equal("Ungdomshuset, Havnevej 8", m.Location);
    }

    [Fact]
    public void One_person_a_line_with_role_and_organisation_after_commas_is_that_person()
    {
        var m = Parse("""
            Referat fra møde i Handicaprådet
            Mødedato: 30.05.2023
            Mødetid: kl. 14.00 - 16.00

            Deltagere:
            Hanne Berg, formand, DH
            Jonas Lind, DH
            Per Mose, byrådsmedlem
            Rita Holm, sekretær

            Afbud:
            Ulla Dahl, DH

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Hanne Berg", "Jonas Lind", "Per Mose", "Rita Holm"], m.Attendees);
        Assert.Equal(["Ulla Dahl"], m.Absent);
    }

    [Fact]
    public void Two_names_on_a_line_after_a_comma_stay_two_people()
    {
        var m = Parse("""
            Referat fra møde i Handicaprådet
            Mødedato: 30.05.2023

            Deltagere:
            Hanne Berg, Jonas Lind
            Per Mose, byrådsmedlem

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Hanne Berg", "Jonas Lind", "Per Mose"], m.Attendees);
    }

    [Fact]
    public void A_name_after_a_dash_keeps_an_organisation_with_og_whole()
    {
        var m = Parse("""
            Referat af møde i Klimarådet
            Dato: 19. september 2024 kl. 16.30

            Til stede:
            • Maja Friis (formand) – Energiselskabet
            • Lone Skov – Klima og Miljø (referent)

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Maja Friis", "Lone Skov"], m.Attendees);
    }

    [Fact]
    public void A_label_heading_a_column_of_names_beside_organisations_is_read_as_a_table()
    {
        var m = Parse("""
            Udsatterådet
            Referat
            Dato: Onsdag d. 17.01.2024 kl. 10:00

            Deltagere                     Organisation
            Ove Strand (formand)          Kirkens Hjælp
            Gitte Lund                    Væresteder
            Bent Ravn                     Byrådet

            Afbud                         Organisation
            Kaj Mølby                     Byrådet

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Ove Strand", "Gitte Lund", "Bent Ravn"], m.Attendees);
        Assert.Equal(["Kaj Mølby"], m.Absent);
    }

    [Fact]
    public async Task A_Word_table_whose_first_header_cell_is_the_label_is_read_row_by_row()
    {
        var path = Path.Combine(_dir, "referat.docx");
        await File.WriteAllBytesAsync(path, Docx(
            new[] { "Udsatterådet", "Referat", "Dato: 17. januar 2024 kl. 10.00" },
            new[] { new[] { "Deltagere", "Organisation" }, ["Ove Strand (formand)", "Kirkens Hjælp"], ["Gitte Lund", "Væresteder"] },
            new[] { new[] { "Afbud", "Organisation" }, ["Kaj Mølby", "Byrådet"] },
            new[] { "1. Godkendelse af dagsorden", "Godkendt.", "2. Årsberetning", "Drøftet og godkendt.", "Opfølgningsliste" },
            new[] { new[] { "Pkt.", "Opgave", "Ansvarlig", "Frist" }, ["2", "Sende beretningen til byrådet", "Ove Strand", "31. januar 2024"] }));

        var m = MeetingParser.Default.Parse(await new DocumentReader(new ImportLimits()).ReadAsync(path, CancellationToken.None));

        Assert.Equal(["Ove Strand", "Gitte Lund"], m.Attendees);
        Assert.Equal(["Kaj Mølby"], m.Absent);
        var action = Assert.Single(m.Actions);
        Assert.Equal(("2", "Sende beretningen til byrådet", "2024-01-31"), (action.Item, action.Text, action.Due));
        Assert.Equal(["Ove Strand"], action.Owners);
    }

    [Fact]
    public void A_follow_up_table_after_the_last_item_gives_each_row_its_item_owner_and_deadline()
    {
        var m = Parse("""
            Udsatterådet
            Referat
            Dato: 17. januar 2024 kl. 10.00
            Deltagere: Ove Strand, Gitte Lund, Bent Ravn

            Punkt 1. Vinterberedskab
            Der er åbnet flere pladser.

            Punkt 2. Årsberetning
            Drøftet og godkendt med små rettelser.

            Opfølgningsliste
            Pkt.   Opgave                                   Ansvarlig          Frist
            1      Indhente tal for belægning               Gitte Lund         1. marts 2024
            2      Sende årsberetning til byrådet           Ove Strand         31. januar 2024
            """);

        Assert.Equal("Drøftet og godkendt med små rettelser.", m.Items[1].Decision);
        Assert.Equal(
            [("1", "Gitte Lund", "Indhente tal for belægning", "2024-03-01"), ("2", "Ove Strand", "Sende årsberetning til byrådet", "2024-01-31")],
            m.Actions.Select(a => (a.Item, a.Owners[0], a.Text, a.Due)));
    }

    [Fact]
    public void Sub_items_numbered_with_a_space_before_the_letter_are_sub_items()
    {
        var m = Parse("""
            Seniorrådet
            Referat af møde torsdag den 4. oktober 2018, kl. 9-11
            Til stede: Inge Holm, Aksel Falk

            1 Godkendelse af dagsorden
            Godkendt.

            2 Madservice
            2 a Tilfredshed 2018
            Resultaterne blev gennemgået.
            2 b Nyt udbud
            Rådet vil inddrages.

            3 Eventuelt
            Intet.
            """);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal([("2a", "Tilfredshed 2018"), ("2b", "Nyt udbud")], m.Items[1].Children!.Select(c => (c.Number, c.Title)));
    }

    [Fact]
    public void A_guest_is_named_without_the_job_title_and_with_the_items_in_the_remark()
    {
        var m = Parse("""
            Seniorrådet
            Referat af møde torsdag den 4. oktober 2018, kl. 9-11
            Til stede: Inge Holm, Aksel Falk
            Desuden deltog: Sundhedschef Marie Bro (under pkt. 2)

            1. Godkendelse af dagsorden
            Godkendt.

            2. Madservice
            Marie Bro gennemgik resultaterne.
            """);

        var guest = Assert.Single(m.Guests);
        Assert.Equal("Marie Bro", guest.Name);
        Assert.Equal(["2"], guest.Items);
    }

    [Fact]
    public void Groups_run_on_in_one_line_are_all_attendees_without_headings_or_titles()
    {
        var m = Parse("""
            Skolebestyrelsen
            Referat af skolebestyrelsesmøde
            Dato: Tirsdag den 16. marts 2021 kl. 17.00
            Deltagere: Forældrerepræsentanter: Asta Hald, Tim Krog. Medarbejderrepræsentanter: Lea Skov. Skoleleder Hans Winther.
            Afbud: Tim Krog

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Asta Hald", "Lea Skov", "Hans Winther"], m.Attendees);
        Assert.Equal(["Tim Krog"], m.Absent);
    }

    [Fact]
    public void A_name_with_an_abbreviated_middle_name_is_not_cut_at_its_full_stop()
    {
        var m = Parse("""
            Skolebestyrelsen
            Referat af skolebestyrelsesmøde
            Dato: Tirsdag den 16. marts 2021 kl. 17.00
            Deltagere: Jens Chr. Holm, Asta Hald

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Jens Chr. Holm", "Asta Hald"], m.Attendees);
    }

    [Fact]
    public void The_place_is_the_field_after_the_date_and_time_in_a_heading_line()
    {
        var m = Parse("""
            Klimarådet — referat

            Torsdag 19. september 2024 | 16.30 – 18.30 | Byens Bibliotek, Salen

            Til stede: Maja Friis, Lone Skov

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal("Byens Bibliotek, Salen", m.Location);
        Assert.Equal((new TimeOnly(16, 30), new TimeOnly(18, 30)), (m.Start, m.End));
    }

    [Fact]
    public void A_hearing_sent_out_without_a_name_is_named_by_its_item_and_ends_on_the_periods_last_day()
    {
        var m = Parse("""
            Teknik- og Miljøudvalget
            Beslutningsprotokol
            Mødedato: 14.06.2023 kl. 8.00
            Til stede: Søs Dahl, Per Rask

            1. Vandplan 2023-2027 - offentlig høring
            Beslutning
            Godkendt. Planen sendes i høring fra 20. juni til 15. august 2023.

            2. Skoletider
            Beslutning
            Forslaget sendes i høring i skolebestyrelserne med frist 8. september 2023.
            """);

        Assert.Equal(
            [("Vandplan 2023-2027", "2023-08-15"), ("Skoletider", "2023-09-08")],
            m.Hearings.Select(h => (h.Subject, h.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Next_meeting_and_the_minute_takers_signature_under_the_last_decision_are_not_the_decision()
    {
        var m = Parse("""
            Referat af møde i Kulturrådet
            Dato: 7. september 2022 kl. 19.00
            Til stede: Lene Bak, Arne Mose

            1. Kulturnat
            Programmet er på plads.

            2. Evt.
            Intet.
            Næste møde: 24. november 2022 kl. 17.00
            Ref. Arne Mose
            """);

        Assert.Equal("Intet.", m.Items[1].Decision);
        Assert.Equal(new DateOnly(2022, 11, 24), Assert.Single(m.UpcomingMeetings).Date);
    }

    [Fact]
    public async Task A_web_page_heading_Dagsordenspunkt_over_its_title_paragraph_is_an_item()
    {
        var path = Path.Combine(_dir, "referat.html");
        await File.WriteAllTextAsync(path, """
            <!DOCTYPE html><html lang="da"><body><main>
            <h1>Teknik- og Miljøudvalget</h1>
            <p>Mødedato: 14.06.2023</p><p>Start: 08:00</p>
            <h3>Medlemmer:</h3><p>Søs Dahl (V), formand</p><p>Per Rask (A)</p>
            <h2>Dagsordenspunkt 1</h2>
            <p>Godkendelse af dagsorden</p>
            <h3>Beslutning i Teknik- og Miljøudvalget den 14-06-2023</h3>
            <p>Godkendt.</p>
            <h2>Dagsordenspunkt 2</h2>
            <p>Cykelsti langs Ringvejen</p>
            <h3>Beslutning i Teknik- og Miljøudvalget den 14-06-2023</h3>
            <p>Anbefales.</p>
            </main></body></html>
            """);

        var m = MeetingParser.Default.Parse(await new DocumentReader(new ImportLimits()).ReadAsync(path, CancellationToken.None));

        Assert.Equal([("1", "Godkendelse af dagsorden", "Godkendt."), ("2", "Cykelsti langs Ringvejen", "Anbefales.")], m.Items.Select(i => (i.Number, i.Title, i.Decision)));
    }

    [Fact]
    public void A_line_the_page_wrapped_before_a_decision_label_is_not_joined_to_it()
    {
        var lines = new[]
        {
            new SourceLine("Sagsfremstilling:", 1),
            new SourceLine("Forslaget til tre nye legepladser er udarbejdet med fokus på kørestolsbrugere.", 2) { WrappedByWidth = true },
            new SourceLine("Beslutning i Handicaprådet den 05-02-2021:", 3),
            new SourceLine("Rådet roste forslaget.", 4),
        };

        var cleaned = new JoinWidthWrappedLabelLists().Apply(lines);

        Assert.Equal(lines.Select(l => l.Text), cleaned.Select(l => l.Text));
    }

    [Fact]
    public void E_mail_addresses_and_phone_numbers_in_the_minutes_are_a_value_to_check_before_they_stand_in_public()
    {
        var m = Parse("""
            Referat af møde i Udsatterådet
            Dato: 7. september 2022 kl. 19.00
            Til stede: Lene Bak, Arne Mose

            1. Varmestuen
            Borgere kan skrive til varmestuen@example.dk eller ringe på tlf. 22 33 44 55.
            Borgeren med cpr 010203-1234 er orienteret.
            """);

        var note = Assert.Single(m.Review, n => n.Field == "personal_data");
        Assert.Contains("varmestuen@example.dk", note.Reason, StringComparison.Ordinal);
        Assert.Contains("22 33 44 55", note.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("010203", note.Reason, StringComparison.Ordinal);
        Assert.Equal(6, note.Line);
    }

    [Fact]
    public void Minutes_without_e_mail_addresses_or_phone_numbers_have_no_such_value_to_check()
    {
        var m = Parse("""
            Referat af møde i Udsatterådet
            Dato: 7. september 2022 kl. 19.00
            Til stede: Lene Bak, Arne Mose

            1. Varmestuen
            Åbningstiden udvides fra 1. november 2022.
            """);

        Assert.DoesNotContain(m.Review, n => n.Field == "personal_data");
    }

    [Fact]
    public void An_attendance_table_without_a_label_gives_those_present_and_those_marked_absent()
    {
        var m = Parse("""
            Folkeoplysningsudvalget
            REFERAT
            Møde: Onsdag 15. januar 2025, kl. 19.00

            Navn                   Organisation                     Fremmøde
            Gry Riis               Idrætsforeningerne               Til stede
            Mads Holst             Spejderne                        Afbud
            Eva Toft               Byrådet                          Til stede

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Gry Riis", "Eva Toft"], m.Attendees);
        Assert.Equal(["Mads Holst"], m.Absent);
    }

    [Fact]
    public async Task A_Word_attendance_table_keeps_a_row_marked_Afbud_in_its_row()
    {
        var path = Path.Combine(_dir, "bestyrelse.docx");
        await File.WriteAllBytesAsync(path, Docx(
            new[] { "Skolebestyrelsen", "Referat af møde onsdag den 19. marts 2025 kl. 17.00" },
            new[] { new[] { "Navn", "Funktion", "Fremmøde" }, ["Ida Sejr", "Formand", "X"], ["Nils Gaard", "Forælderrepræsentant", "Afbud"], ["Yrsa Kil", "Forælderrepræsentant", "X"] },
            new[] { "1. Godkendelse af dagsorden", "Godkendt." }));

        var m = MeetingParser.Default.Parse(await new DocumentReader(new ImportLimits()).ReadAsync(path, CancellationToken.None));

        Assert.Equal(["Ida Sejr", "Yrsa Kil"], m.Attendees);
        Assert.Equal(["Nils Gaard"], m.Absent);
    }

    [Fact]
    public void Groups_of_attendees_under_headings_of_their_own_beside_an_absence_label_are_attendees()
    {
        var m = Parse("""
            SENIORRÅDET
            Referat af møde torsdag 8. maj 2025, kl. 9.30 - 12.00
            Sted: Aktivitetscentret, Parkvej 4

            Valgte medlemmer: Grete Vind (formand), Erik Bach, Åse Mølby
            Fra administrationen: Lis Kragh (sekretær)
            Afbud: Ruth Elk

            1. Godkendelse af dagsorden
            Godkendt.
            """);

        Assert.Equal(["Grete Vind", "Erik Bach", "Åse Mølby", "Lis Kragh"], m.Attendees);
        Assert.Equal(["Ruth Elk"], m.Absent);
        Assert.Equal("Aktivitetscentret, Parkvej 4", m.Location);
    }

    [Fact]
    public void Ad_pkt_lines_after_an_index_are_the_bodies_of_the_indexed_items()
    {
        var m = Parse("""
            Frivilligrådet
            Referat fra møde tirsdag den 21. oktober 2025 kl. 17.00
            Deltagere: Inge Toft, Karl Bak

            Dagsorden:
            1. Godkendelse af referat
            2. Frivillighedsprisen
            3. Eventuelt

            Ad pkt. 1
            Referatet blev godkendt.

            Ad pkt. 2
            Der er indstillet syv kandidater.

            Ad pkt. 3
            Intet.
            """);

        Assert.Equal(
            [("1", "Godkendelse af referat", "Referatet blev godkendt."), ("2", "Frivillighedsprisen", "Der er indstillet syv kandidater."), ("3", "Eventuelt", "Intet.")],
            m.Items.Select(i => (i.Number, i.Title, i.Decision)));
    }

    [Fact]
    public void Minutes_written_in_Markdown_read_as_the_same_minutes_typed_plainly()
    {
        var m = Parse("""
            # Referat - Idrætsrådet

            **Dato:** 2025-02-18
            **Tid:** 18.30-21.00
            **Sted:** Idrætscentret, klublokalet

            ## Deltagere

            | Navn              | Forening              | Fremmøde |
            |-------------------|-----------------------|----------|
            | Claus Mejer       | Boldklubben           | Mødt     |
            | Rune Overby       | Håndbold              | Afbud    |

            ## 1. Godkendelse af dagsorden
            **Beslutning:** Godkendt.

            ## 2. Haltider
            **Beslutning:** Forslaget blev godkendt.
            """);

        Assert.Equal((new DateOnly(2025, 2, 18), "Idrætscentret, klublokalet"), (m.Date, m.Location));
        Assert.Equal(["Claus Mejer"], m.Attendees);
        Assert.Equal(["Rune Overby"], m.Absent);
        Assert.Equal([("1", "Godkendelse af dagsorden", "Godkendt"), ("2", "Haltider", "Forslaget blev godkendt")], m.Items.Select(i => (i.Number, i.Title, i.Decision?.TrimEnd('.'))));
    }

    [Fact]
    public void A_timed_agendas_clock_before_each_item_number_is_not_part_of_the_heading()
    {
        var m = Parse("""
            Klimarådet
            Referat af møde den 4. november 2025
            Tid: kl. 16.00 – 18.30
            Til stede: Vibe Holm, Nils Brandt

            16.00 1. Velkomst
            Dagsordenen blev godkendt.

            16.10 2. Status på klimaplanen
            Status blev gennemgået.
            """);

        Assert.Equal([("1", "Velkomst"), ("2", "Status på klimaplanen")], m.Items.Select(i => (i.Number, i.Title)));
        Assert.Equal("Status blev gennemgået.", m.Items[1].Decision);
    }

    [Fact]
    public void Lettered_entries_with_their_own_indented_text_are_sub_items_and_a_hearing_in_a_sub_items_title_is_read()
    {
        var m = Parse("""
            SENIORRÅDET
            Referat af møde torsdag 8. maj 2025, kl. 9.30
            Til stede: Grete Vind, Erik Bach

            Pkt. 1  Meddelelser
                    a) Fra formanden
                       Formanden har holdt dialogmøde.
                    b) Fra sekretæren
                       Budgettet er uændret.

            Pkt. 2  Høringer
                    a) Værdighedspolitik - høringsfrist 23. maj 2025
                       Erik Bach skriver svaret.
            """);

        Assert.Equal([("1a", "Fra formanden"), ("1b", "Fra sekretæren")], m.Items[0].Children!.Select(c => (c.Number, c.Title)));
        var hearing = Assert.Single(m.Hearings);
        Assert.Equal(("Værdighedspolitik", new DateOnly(2025, 5, 23)), (hearing.Subject, hearing.Deadline));
        Assert.Equal(["2a"], hearing.Items);
    }

    [Theory]
    [InlineData("Trukket af forvaltningen.", true)]
    [InlineData("Punktet blev trukket.", true)]
    [InlineData("Udsat til næste møde.", false)]
    public void An_item_the_administration_withdrew_is_withdrawn_and_a_postponed_one_is_not(string decision, bool withdrawn)
    {
        var m = Parse($"""
            Referat af møde i Folkeoplysningsudvalget
            Dato: 15. januar 2025 kl. 19.00
            Til stede: Gry Riis, Eva Toft

            1. Tilskud til nye foreninger
            {decision}

            2. Eventuelt
            Intet.
            """);

        Assert.Equal(withdrawn, m.Items[0].Withdrawn);
    }

    [Fact]
    public void Runs_no_minutes_hold_are_bounded_before_the_rules_read_them()
    {
        var lines = new List<SourceLine> { new("Referat", 1), new(new string('a', 600) + " slut", 2) };
        lines.AddRange(Enumerable.Range(3, 10).Select(n => new SourceLine(string.Empty, n)));
        lines.Add(new SourceLine("1. Godkendelse af dagsorden", 13));

        var bounded = new BoundRuns().Apply(lines);

        Assert.All(bounded[1].Text.Split(' '), word => Assert.True(word.Length <= BoundRuns.LongestWord));
        Assert.Equal(new string('a', 600) + "slut", bounded[1].Text.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal(BoundRuns.MostBlankLines, bounded.Count(l => l.IsBlank));
        Assert.Equal([1, 2, 3, 4, 5, 13], bounded.Select(l => l.Line));
    }

    [Fact]
    public void A_remark_inside_a_remark_is_taken_off_the_name_whole()
    {
        Assert.Equal(["Anne Holm", "Bo Berg"], NameList.Split("Anne Holm (A), Bo Berg (formand (til 1. maj))"));
    }

    [Fact]
    public void A_meeting_plan_and_an_English_next_meeting_after_the_last_item_are_upcoming_meetings_not_its_decision()
    {
        var plan = Parse("""
            Ældrerådet
            Referat af møde mandag 10. februar 2025 kl. 10.00
            Deltagere: Svend Friis, Anna Bohn

            1. Godkendelse af dagsorden
            Godkendt.

            2. Eventuelt
            Intet.

            Mødeplan 2025:
            10. marts 2025 – Rådhuset
            7. april 2025 – Plejecentret
            """);
        var english = Parse("""
            Youth Council / Ungerådet
            Minutes of the meeting held on 22 April 2025 at 17:00
            Present / Til stede: Noor Ali, Frida Holm

            1. Agenda
            Approved.

            2. AOB / Evt.
            Nothing.

            Next meeting: 10 June 2025 at 17:00.
            """);

        Assert.Equal("Intet.", plan.Items[1].Decision);
        Assert.Equal([(new DateOnly(2025, 3, 10), "Rådhuset"), (new DateOnly(2025, 4, 7), "Plejecentret")], plan.UpcomingMeetings.Select(u => (u.Date, u.Host)));
        Assert.Equal("Nothing.", english.Items[1].Decision);
        Assert.Equal(new DateOnly(2025, 6, 10), Assert.Single(english.UpcomingMeetings).Date);
    }

    [Fact]
    public async Task A_web_pages_footer_in_a_div_is_the_site_not_the_last_decision()
    {
        var path = Path.Combine(_dir, "side.html");
        await File.WriteAllTextAsync(path, """
            <!DOCTYPE html><html lang="da"><body>
            <div id="content">
            <h1>Beskæftigelsesudvalget</h1>
            <p>Mødedato: 14.06.2023 kl. 8.00</p>
            <p>Til stede: Søs Dahl, Per Rask</p>
            <h2>1. Godkendelse af dagsorden</h2><p>Godkendt.</p>
            <h2>2. Eventuelt</h2><p>Intet.</p>
            </div>
            <div id="footer"><p>Kommunen · Rådhuspladsen 1 · Tlf. 70 11 22 33</p></div>
            <div class="cookie-banner"><p>Vi bruger cookies.</p></div>
            </body></html>
            """);

        var m = MeetingParser.Default.Parse(await new DocumentReader(new ImportLimits()).ReadAsync(path, CancellationToken.None));

        Assert.Equal("Intet.", m.Items[1].Decision);
    }

    [Fact]
    public void Hoeringsfristen_er_den_in_an_items_text_is_a_hearing_named_by_the_item()
    {
        var m = Parse("""
            Handicaprådet
            Referat af møde den 3. marts 2025 kl. 15.00
            Til stede: Bo Lind, Eva Holm

            1. Kvalitetsstandard for hjælpemidler
            Forvaltningen har sendt standarden til rådet. Høringsfristen er den 20. marts 2025.
            """);

        var hearing = Assert.Single(m.Hearings);
        Assert.Equal(("Kvalitetsstandard for hjælpemidler", new DateOnly(2025, 3, 20)), (hearing.Subject, hearing.Deadline));
    }

    [Fact]
    public void An_index_with_page_numbers_in_a_column_gives_titles_without_them_and_a_case_reference_does_not_hide_a_withdrawal()
    {
        var m = Parse("""
            Ældrerådet
            Mødedato:       Tirsdag den 14. januar 2025
            Deltagere:      Inge Kjær, Poul Skov

            Indholdsfortegnelse
            45. Godkendelse af dagsorden                                   2
            46. Temadag om ensomhed                                        3
            47. Eventuelt                                                  4


            45. Godkendelse af dagsorden
            Beslutning i Ældrerådet den 14. januar 2025
            Godkendt.

            46. Temadag om ensomhed
            Sagsnr.: 27.69.48-A00-2-25                Sagsbehandler: Mette Lyk

            Punktet udgår.

            47. Eventuelt
            Intet.
            """);

        Assert.Equal([("45", "Godkendelse af dagsorden", false), ("46", "Temadag om ensomhed", true), ("47", "Eventuelt", false)], m.Items.Select(i => (i.Number, i.Title, i.Withdrawn)));
    }

    /// <summary>A Word document of paragraphs and tables in the order given.</summary>
    private static byte[] Docx(params object[] blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            foreach (var block in blocks)
            {
                if (block is string[] paragraphs)
                {
                    body.Append(paragraphs.Select(p => new Paragraph(new Run(new Text(p)))));
                }
                else if (block is string[][] rows)
                {
                    body.Append(new Table(rows.Select(r => new TableRow(r.Select(c => new TableCell(new Paragraph(new Run(new Text(c)))))))));
                }
            }

            document.AddMainDocumentPart().Document = new Document(body);
        }

        return stream.ToArray();
    }
}
