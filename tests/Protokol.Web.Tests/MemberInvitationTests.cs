using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Protokol.Core.Common;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Text;
using Protokol.Data;
using Protokol.Web.Mail;

namespace Protokol.Web.Tests;

/// <summary>
/// Issue 16, "Done when", first bullet: the secretary sends the agenda through the real form, the SMTP
/// server receives one message per member with the PDF and the invitation, a member answers from the
/// link, the attendance form shows it, and moving and cancelling the meeting send the update and the
/// cancellation. On SQLite, against a real SMTP server on a loopback port.
/// </summary>
/// <remarks>
/// The answer links are signed with Data Protection's time-limited protector, which reads the system
/// clock, not the portal's <see cref="TimeProvider"/>: the meetings here lie in the real future.
/// </remarks>
public sealed partial class MemberInvitationTests(MailProtokolApp app, Browser browser) : IClassFixture<MailProtokolApp>, IClassFixture<Browser>
{
    private static readonly string[] Members = ["Lene Bjerregaard", "Mogens Aagaard", "Peter Lund Madsen", "Hanne Østergaard", "Ali Haddad", "Birthe Nørgaard Friis"];

    [Fact]
    public async Task The_secretary_sends_the_agenda_a_member_sends_apologies_by_link_and_moving_and_cancelling_follow()
    {
        var today = DateOnly.FromDateTime(Copenhagen.ToLocal(TimeProvider.System.GetUtcNow().UtcDateTime));
        var first = await PublishedMeetingAsync(today.AddDays(30), closedItem: true);
        var second = await PublishedMeetingAsync(today.AddDays(45));
        await GiveAddressesAsync();
        await MemberScenario.MemberAsync(app, "Ali Haddad"); // the one member with an account here: the closed item is on his own page
        await MemberScenario.MemberAsync(app, "Mogens Aagaard", "tryghedsforum"); // an account for another council: that page is not his

        // 1. The agenda, through the form: one message per member and substitute with an address.
        await using var secretary = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
        var page = secretary.Page;
        await secretary.GoAsync($"/admin/moeder/{first.Id}");
        await secretary.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "Send dagsordenen til medlemmerne" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Jens-Ole Vinther" })).ToContainTextAsync("Nås ikke: ingen e-mailadresse");
        await page.GetByLabel("Besked til medlemmerne (valgfri)").FillAsync("Husk at læse bilaget om vinterberedskabet.");
        await page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await secretary.SubmitAsync("Send dagsordenen");
        var done = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        Assert.Contains("Dagsordenen sendes til 6 personer.", done, StringComparison.Ordinal);
        Assert.Contains("Ikke nået (ingen e-mailadresse): Jens-Ole Vinther.", done, StringComparison.Ordinal);

        var agendas = await ReceivedAsync("Dagsorden: ", first.Date, Members.Length);
        Assert.Equal(Members.Order(StringComparer.Ordinal), agendas.Select(m => m.To.Mailboxes.Single().Name).Order(StringComparer.Ordinal));
        var publicUid = Unfold((await secretary.PublicAsync($"/moeder/{first.Id}/kalender.ics")).Body).Split('\n').Single(l => l.StartsWith("UID:", StringComparison.Ordinal)).Trim();
        foreach (var message in agendas)
        {
            var to = message.To.Mailboxes.Single();
            Assert.Equal("raadet@havnby.example", message.From.Mailboxes.Single().Address);
            Assert.Contains("Husk at læse bilaget om vinterberedskabet.", message.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/moeder/{first.Id}", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("Punkt 2 er lukket: sagsfremstillingen og bilagene står ikke i PDF'en.", message.TextBody, StringComparison.Ordinal);
            if (to.Name == "Ali Haddad")
            {
                Assert.Matches($@"Du kan læse dem på Min side, når du er logget ind:\nhttps?://\S+/medlem/moeder/{first.Id}\n", message.TextBody!.ReplaceLineEndings("\n"));
            }
            else
            {
                Assert.Contains("Kontakt sekretariatet for at læse dem.", message.TextBody, StringComparison.Ordinal);
                Assert.DoesNotContain("/medlem/", message.TextBody, StringComparison.Ordinal);
            }

            var pdf = message.Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "application/pdf");
            using (var bytes = new MemoryStream())
            {
                await pdf.Content!.DecodeToAsync(bytes);
                Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(bytes.ToArray(), 0, 4), StringComparison.Ordinal);
            }

            var ics = Calendar(message);
            Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
            Assert.Contains(publicUid, ics, StringComparison.Ordinal);
            Assert.Contains("SEQUENCE:0", ics, StringComparison.Ordinal);
            Assert.Contains("ORGANIZER;CN=Havnby Kommune:mailto:raadet@havnby.example", ics, StringComparison.Ordinal);
            Assert.Matches($"ATTENDEE;[^\\n]*:mailto:{Regex.Escape(to.Address)}", ics);
            Assert.Contains("DTSTART;TZID=Europe/Copenhagen:" + first.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "T160000", ics, StringComparison.Ordinal);
        }

        // A second click sends nothing twice, and says so.
        await page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await secretary.SubmitAsync("Send dagsordenen");
        Assert.Contains("6 havde den allerede og får den ikke igen.", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await app.Services.GetRequiredService<MailDispatcher>().SendDueAsync(CancellationToken.None);
        Assert.Equal(Members.Length, Matching("Dagsorden: ", first.Date).Count);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Hanne Østergaard" })).ToContainTextAsync("Sendt");

        // 3. Hanne follows her link without signing in, sends apologies and names her substitute.
        var hanne = agendas.Single(m => m.To.Mailboxes.Single().Name == "Hanne Østergaard");

        // 2b. The secretary reads what went to Hanne in the outbox: the text and the files, her personal key cut from the links.
        await secretary.GoAsync("/admin/post");
        await secretary.ClickAsync(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Hanne Østergaard" }).GetByRole(AriaRole.Link, new() { Name = hanne.Subject }));
        await page.WaitForURLAsync("**/admin/post/*");
        var outboxText = await page.Locator("pre.mail-text").InnerTextAsync();
        Assert.Contains("Husk at læse bilaget om vinterberedskabet.", outboxText, StringComparison.Ordinal);
        Assert.Contains($"/moeder/{first.Id}", outboxText, StringComparison.Ordinal);
        Assert.Contains("/svar/[personlig nøgle skjult]", outboxText, StringComparison.Ordinal);
        var key = new Uri(Links(hanne).First(l => l.Contains("/svar/", StringComparison.Ordinal))).AbsolutePath.Split('/')[^1];
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        var files = await page.Locator("dl.facts").InnerTextAsync();
        Assert.Contains(".pdf", files, StringComparison.Ordinal);
        Assert.Contains("Kalenderinvitation", files, StringComparison.Ordinal);
        Assert.Contains("Hanne Østergaard", files, StringComparison.Ordinal);
        var apologies = Links(hanne).Single(l => l.Contains("/svar/", StringComparison.Ordinal) && l.EndsWith("svar=afbud", StringComparison.Ordinal));
        var member = await browser.NewPageAsync(new() { BaseURL = app.BaseAddress.ToString(), Locale = "da-DK" });
        await member.GotoAsync(new Uri(apologies).PathAndQuery);
        await Assertions.Expect(member.GetByText("Svar for Hanne Østergaard.")).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByLabel("Jeg melder afbud")).ToBeCheckedAsync();
        var substituteSelect = member.GetByLabel("Suppleant, der kommer i mit sted (ved afbud, valgfri)");
        await substituteSelect.SelectOptionAsync(new SelectOptionValue { Label = "Birthe Nørgaard Friis" });
        await member.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync("Registreret: Afbud – Birthe Nørgaard Friis kommer i stedet.");

        // Opened again, the link shows the substitute as the answer has it, and "Ingen" takes the substitute back.
        var birthe = await PersonIdAsync("Birthe Nørgaard Friis");
        await member.GotoAsync(new Uri(apologies).PathAndQuery);
        await Assertions.Expect(member.GetByText("Dit svar nu: Afbud – Birthe Nørgaard Friis kommer i stedet.")).ToBeVisibleAsync();
        await Assertions.Expect(substituteSelect).ToHaveValueAsync(birthe.ToString(CultureInfo.InvariantCulture));
        await substituteSelect.SelectOptionAsync(new SelectOptionValue { Label = "Ingen" });
        await member.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync("Registreret: Afbud. Sekretæren");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            Assert.False(await db.Set<Attendance>().AnyAsync(a => a.MeetingId == first.Id && a.PersonId == birthe), "the withdrawn substitute no longer comes");
        }

        await member.GotoAsync(new Uri(apologies).PathAndQuery);
        await Assertions.Expect(member.GetByText("Dit svar nu: Afbud.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(substituteSelect).ToHaveValueAsync(string.Empty);
        await substituteSelect.SelectOptionAsync(new SelectOptionValue { Label = "Birthe Nørgaard Friis" });
        await member.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync("Birthe Nørgaard Friis kommer i stedet.");

        // Lene opens her link: Birthe already comes for Hanne, so she is shown as taken and cannot be chosen (taken silently,
        // Hanne's stand-in would be gone without either of them knowing).
        var lene = agendas.Single(m => m.To.Mailboxes.Single().Name == "Lene Bjerregaard");
        await member.GotoAsync(new Uri(Links(lene).Single(l => l.Contains("/svar/", StringComparison.Ordinal) && l.EndsWith("svar=afbud", StringComparison.Ordinal))).PathAndQuery);
        var taken = substituteSelect.Locator("option").Filter(new() { HasTextString = "Birthe Nørgaard Friis" });
        Assert.Equal("Birthe Nørgaard Friis (kommer for Hanne Østergaard)", (await taken.InnerTextAsync()).Trim());
        Assert.True(await taken.IsDisabledAsync());

        // Mogens is coming. Before the meeting day the secretary sees the answers on the meeting's page (the attendance form
        // comes only once the meeting is held): who comes, who sent apologies with whom in their place, who has not answered.
        var mogens = agendas.Single(m => m.To.Mailboxes.Single().Name == "Mogens Aagaard");
        await member.GotoAsync(new Uri(Links(mogens).Single(l => l.Contains("/svar/", StringComparison.Ordinal) && l.EndsWith("svar=kommer", StringComparison.Ordinal))).PathAndQuery);
        await member.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync("Registreret: Til stede.");
        await member.GotoAsync(new Uri(Links(mogens).Single(l => l.Contains("/svar/", StringComparison.Ordinal) && l.EndsWith("svar=kommer", StringComparison.Ordinal))).PathAndQuery);
        await Assertions.Expect(member.GetByText("Dit svar nu: Jeg kommer.", new() { Exact = true })).ToBeVisibleAsync();
        await secretary.GoAsync($"/admin/moeder/{first.Id}");
        var answers = page.GetByRole(AriaRole.Region, new() { Name = "Medlemmernes svar" });
        var seated = await answers.Locator("tbody tr").CountAsync();
        Assert.True(seated >= 4, $"the council's seated members are listed ({seated})");
        await Assertions.Expect(answers).ToContainTextAsync($"1 kommer, 1 har meldt afbud, {seated - 2} har ikke svaret.");
        var hanneRow = answers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Hanne Østergaard" });
        await Assertions.Expect(hanneRow).ToContainTextAsync("Afbud");
        await Assertions.Expect(hanneRow).ToContainTextAsync("Birthe Nørgaard Friis kommer i stedet");
        await Assertions.Expect(answers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mogens Aagaard" })).ToContainTextAsync("Kommer");
        await Assertions.Expect(answers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lene Bjerregaard" })).ToContainTextAsync("Ikke svaret");

        // 2. Moving the meeting sends the updated invitation (SEQUENCE 1) to the same six.
        var moved = first.Date.AddDays(1);
        await secretary.GoAsync($"/admin/moeder/{first.Id}");
        await page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet").ClickAsync();
        await Assertions.Expect(page.Locator("#details-mail-hint")).ToHaveTextAsync("Ændres dato, tid eller sted, får de 6, der fik dagsordenen på e-mail, besked med det samme, når du gemmer.");
        await page.GetByLabel("Dato").FillAsync(moved.ToString("d.M.yyyy", CultureInfo.InvariantCulture));
        await secretary.SubmitAsync("Gem oplysningerne");
        var updates = await ReceivedAsync("Ændret: ", moved, Members.Length);
        Assert.Equal(Members.Order(StringComparer.Ordinal), updates.Select(m => m.To.Mailboxes.Single().Name).Order(StringComparer.Ordinal));
        foreach (var ics in updates.Select(Calendar))
        {
            Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
            Assert.Contains(publicUid, ics, StringComparison.Ordinal);
            Assert.Contains("SEQUENCE:1", ics, StringComparison.Ordinal);
            Assert.Contains("DTSTART;TZID=Europe/Copenhagen:" + moved.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "T160000", ics, StringComparison.Ordinal);
        }

        // The change mail tells the old time beside the new, and, as the answers were given for the old day, asks again (session 34's tester).
        foreach (var message in updates)
        {
            Assert.Contains($"Det skulle have været {DanishDates.MeetingTime(first.Date, first.StartTime, first.EndTime)}.", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("Svar igen, også hvis du har svaret før", message.TextBody, StringComparison.Ordinal);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            Assert.False(await db.Set<Attendance>().AnyAsync(a => a.MeetingId == first.Id), "an answer for the old day is forgotten");
        }

        await member.GotoAsync(new Uri(Links(updates.Single(m => m.To.Mailboxes.Single().Name == "Hanne Østergaard"))
            .Single(l => l.Contains("/svar/", StringComparison.Ordinal) && l.EndsWith("svar=afbud", StringComparison.Ordinal))).PathAndQuery);
        await Assertions.Expect(member.GetByText("Dit svar nu:")).ToHaveCountAsync(0);
        await member.GetByLabel("Suppleant, der kommer i mit sted (ved afbud, valgfri)").SelectOptionAsync(new SelectOptionValue { Label = "Birthe Nørgaard Friis" });
        await member.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync("Registreret: Afbud – Birthe Nørgaard Friis kommer i stedet.");

        // The meeting day: the attendance form shows Hanne's apologies and Birthe standing in; the secretary can still change it.
        app.Clock.Now = new DateTimeOffset(moved.ToDateTime(new TimeOnly(18, 30)), TimeSpan.FromHours(1));
        await using var day = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
        await day.GoAsync($"/admin/moeder/{first.Id}");
        await day.SubmitAsync("Mødet er holdt: skriv referat");
        await Assertions.Expect(day.Page.GetByLabel("Deltagelse for Hanne Østergaard")).ToHaveValueAsync(nameof(AttendanceStatus.Apologies));
        var birtheId = await PersonIdAsync("Birthe Nørgaard Friis");
        var hanneId = await PersonIdAsync("Hanne Østergaard");
        await Assertions.Expect(day.Page.Locator($"#status-{birtheId}")).ToHaveValueAsync(nameof(AttendanceStatus.Present));
        await Assertions.Expect(day.Page.Locator($"#substitute-{birtheId}")).ToHaveValueAsync(hanneId.ToString(CultureInfo.InvariantCulture));
        // Hanne came after all: Birthe cannot then stand in for her (session 34's tester), and the form says so until that is undone.
        await day.Page.GetByLabel("Deltagelse for Hanne Østergaard").SelectOptionAsync(new SelectOptionValue { Label = "Til stede" });
        await day.SubmitAsync(day.Page.GetByRole(AriaRole.Button, new() { Name = "Gem deltagelsen" }), expectError: true);
        Assert.Contains("Birthe Nørgaard Friis kan ikke være suppleant for Hanne Østergaard, som er registreret som til stede.",
            await day.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
        await day.GoAsync($"/admin/moeder/{first.Id}/referat");
        await Assertions.Expect(day.Page.GetByLabel("Deltagelse for Hanne Østergaard")).ToHaveValueAsync(nameof(AttendanceStatus.Apologies));
        await day.Page.GetByLabel("Deltagelse for Hanne Østergaard").SelectOptionAsync(new SelectOptionValue { Label = "Til stede" });
        await day.Page.Locator($"#substitute-{birtheId}").SelectOptionAsync("0");
        await day.SubmitAsync("Gem deltagelsen");
        await Assertions.Expect(day.Page.GetByLabel("Deltagelse for Hanne Østergaard")).ToHaveValueAsync(nameof(AttendanceStatus.Present));
        await Assertions.Expect(day.Page.Locator($"#substitute-{birtheId}")).ToHaveValueAsync("0");

        // Cancelling a meeting whose agenda was sent sends the cancellation (METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 1).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sent = await scope.ServiceProvider.GetRequiredService<MemberInvitations>().SendAgendaAsync(second.Id, null, withSubstitutes: true, CancellationToken.None);
            Assert.Equal(Members.Length, sent.Queued.Count);
        }

        await ReceivedAsync("Dagsorden: ", second.Date, Members.Length);
        await day.GoAsync($"/admin/moeder/{second.Id}");
        await day.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet").ClickAsync();
        await Assertions.Expect(day.Page.GetByText("De 6, der fik dagsordenen på e-mail, får aflysningen med det samme.")).ToBeVisibleAsync();
        await day.Page.GetByLabel("Begrundelse (vises offentligt)").FillAsync("For få punkter.");
        await day.SubmitAsync("Aflys mødet");
        var cancellations = await ReceivedAsync("Aflyst: ", second.Date, Members.Length);
        Assert.Equal(Members.Order(StringComparer.Ordinal), cancellations.Select(m => m.To.Mailboxes.Single().Name).Order(StringComparer.Ordinal));
        foreach (var message in cancellations)
        {
            var ics = Calendar(message);
            Assert.Contains("METHOD:CANCEL", ics, StringComparison.Ordinal);
            Assert.Contains("STATUS:CANCELLED", ics, StringComparison.Ordinal);
            Assert.Contains("SEQUENCE:1", ics, StringComparison.Ordinal);
            Assert.Contains($"UID:protokol-moede-{second.Id}@", ics, StringComparison.Ordinal);
            Assert.Contains("For få punkter.", message.TextBody, StringComparison.Ordinal);
        }

        // Taking the cancellation back invites the same members again (SEQUENCE 2).
        await day.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet").ClickAsync();
        await day.SubmitAsync("Tag aflysningen tilbage");
        foreach (var ics in (await ReceivedAsync("Ændret: ", second.Date, Members.Length)).Select(Calendar))
        {
            Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
            Assert.Contains("SEQUENCE:2", ics, StringComparison.Ordinal);
            Assert.Contains("STATUS:CONFIRMED", ics, StringComparison.Ordinal);
        }

        // Every message left exactly once.
        await app.Services.GetRequiredService<MailDispatcher>().SendDueAsync(CancellationToken.None);
        Assert.Equal(Members.Length, Matching("Dagsorden: ", first.Date).Count);
        Assert.Equal(Members.Length, Matching("Ændret: ", moved).Count);
        Assert.Equal(Members.Length, Matching("Aflyst: ", second.Date).Count);
        Assert.Equal(Members.Length, Matching("Ændret: ", second.Date).Count);
    }

    /// <summary>
    /// A member whose person record has no address, but who has a back-office account linked to them (with one), is reached
    /// at the account's address, as the reminders already are: the sending page shows it, and the agenda and the
    /// cancellation (which follows the agenda's addresses) go there.
    /// </summary>
    [Fact]
    public async Task A_member_without_an_address_of_their_own_is_reached_at_their_linked_accounts_address()
    {
        var today = DateOnly.FromDateTime(Copenhagen.ToLocal(TimeProvider.System.GetUtcNow().UtcDateTime));
        var meeting = await PublishedMeetingAsync(today.AddDays(90));
        await GiveAddressesAsync();
        const string accountAddress = "karen.konto@havnby.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var council = await db.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
            var body = await db.Bodies.SingleAsync(b => b.Id == council.BodyId);
            var karen = new Protokol.Core.Registry.Person(body, "Karen Kontosen");
            db.People.Add(karen);
            db.Memberships.Add(new Protokol.Core.Registry.Membership(karen, council, Protokol.Core.Registry.MembershipRole.Member, meeting.Date, meeting.Date));
            await db.SaveChangesAsync();
            var account = new Protokol.Core.Accounts.UserAccount(accountAddress, "Karen Kontosen", false);
            account.LinkPerson(karen.Id);
            db.UserAccounts.Add(account);
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();
        await using var secretary = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
        await secretary.GoAsync($"/admin/moeder/{meeting.Id}/udsend");
        var row = secretary.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Karen Kontosen" });
        await Assertions.Expect(row).ToContainTextAsync(accountAddress);
        await Assertions.Expect(row).Not.ToContainTextAsync("Nås ikke");
        await secretary.Page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await secretary.SubmitAsync("Send dagsordenen");
        Assert.DoesNotContain("Karen Kontosen", await secretary.Page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

        var agendas = await ReceivedAsync("Dagsorden: ", meeting.Date, Members.Length + 1);
        var karens = agendas.Single(m => m.To.Mailboxes.Single().Name == "Karen Kontosen");
        Assert.Equal(accountAddress, karens.To.Mailboxes.Single().Address);
        Assert.Matches($"ATTENDEE;[^\\n]*:mailto:{Regex.Escape(accountAddress)}", Calendar(karens));
    }

    [Fact]
    public async Task An_altered_or_expired_answer_link_gets_a_Danish_message_and_records_nothing()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).First();
        var hanneId = await PersonIdAsync("Hanne Østergaard");
        var tokens = app.Services.GetRequiredService<AnswerTokens>();
        var valid = tokens.Protect(meeting.Id, hanneId, TimeProvider.System.GetUtcNow().AddHours(1));
        var expired = tokens.Protect(meeting.Id, hanneId, TimeProvider.System.GetUtcNow().AddSeconds(-1));
        var altered = valid[..20] + (valid[20] == 'A' ? 'B' : 'A') + valid[21..];

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        foreach (var token in new[] { expired, altered, "ikke-et-link", valid[..(valid.Length / 2)] })
        {
            var response = await client.GetAsync(new Uri($"/svar/{token}?svar=afbud", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Linket kan ikke bruges", body, StringComparison.Ordinal);
            Assert.Contains("Linket er udløbet", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Jeg melder afbud", body, StringComparison.Ordinal);
        }

        // The intact link opens the answer form for the right member.
        var ok = await client.GetAsync(new Uri($"/svar/{valid}?svar=afbud", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Svar for Hanne Østergaard.", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        Assert.False(await db.Meetings.Where(m => m.Id == meeting.Id).SelectMany(m => m.Attendance).AnyAsync(a => a.PersonId == hanneId));
    }

    /// <summary>
    /// A tester's substitute, sent the agenda, answered "Jeg kommer" by her own link: her answer was stored, but the secretary's
    /// "Medlemmernes svar" listed members only and counted no one coming.
    /// </summary>
    [Fact]
    public async Task A_substitute_who_answers_by_her_own_link_is_on_the_secretary_s_list_of_answers()
    {
        var today = DateOnly.FromDateTime(Copenhagen.ToLocal(TimeProvider.System.GetUtcNow().UtcDateTime));
        var meeting = await PublishedMeetingAsync(today.AddDays(75));
        await GiveAddressesAsync();
        await using var secretary = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
        var page = secretary.Page;
        await secretary.GoAsync($"/admin/moeder/{meeting.Id}/udsend");
        await page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await secretary.SubmitAsync("Send dagsordenen");
        var birthe = (await ReceivedAsync("Dagsorden: ", meeting.Date, Members.Length)).Single(m => m.To.Mailboxes.Single().Name == "Birthe Nørgaard Friis");

        var answer = await browser.NewPageAsync(new() { BaseURL = app.BaseAddress.ToString(), Locale = "da-DK" });
        await answer.GotoAsync(new Uri(Links(birthe).Single(l => l.Contains("/svar/", StringComparison.Ordinal) && l.EndsWith("svar=kommer", StringComparison.Ordinal))).PathAndQuery);
        await answer.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(answer.GetByRole(AriaRole.Status)).ToContainTextAsync("Registreret: Til stede.");

        await secretary.GoAsync($"/admin/moeder/{meeting.Id}");
        var answers = page.GetByRole(AriaRole.Region, new() { Name = "Medlemmernes svar" });
        await Assertions.Expect(answers).ToContainTextAsync("1 kommer, 0 har meldt afbud,");
        var row = answers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Birthe Nørgaard Friis" });
        await Assertions.Expect(row).ToContainTextAsync("suppleant");
        await Assertions.Expect(row).ToContainTextAsync("Kommer");
    }

    /// <summary>
    /// An item added after the agenda was sent reached no one: "Send dagsordenen" sends nobody the agenda twice. "Send
    /// tillægget" tells everyone who got it of the items added since, once each, with the updated PDF; an item added later
    /// again goes in a second supplement, which does not repeat the first one's.
    /// </summary>
    [Fact]
    public async Task Items_added_after_the_agenda_was_sent_go_to_those_who_got_it_as_a_supplement_once_each()
    {
        var today = DateOnly.FromDateTime(Copenhagen.ToLocal(TimeProvider.System.GetUtcNow().UtcDateTime));
        var meeting = await PublishedMeetingAsync(today.AddDays(60));
        await GiveAddressesAsync();
        await using var secretary = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
        var page = secretary.Page;
        await secretary.GoAsync($"/admin/moeder/{meeting.Id}/udsend");
        await page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await secretary.SubmitAsync("Send dagsordenen");
        await ReceivedAsync("Dagsorden: ", meeting.Date, Members.Length);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send tillægget" }).CountAsync());

        async Task<List<MimeMessage>> SupplementAfterAddingAsync(string title, string message, int expected, bool open = true)
        {
            app.Clock.Now = app.Clock.Now.AddMinutes(5);
            await secretary.GoAsync($"/admin/moeder/{meeting.Id}");
            await secretary.AddItemAsync(title, open: open);
            await secretary.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "Send tillæg med punkterne tilføjet efter udsendelse" }));
            await page.GetByLabel("Besked med tillægget (valgfri)").FillAsync(message);
            await secretary.SubmitAsync("Send tillægget");
            Assert.Contains("Tillægget sendes til ", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            var all = await ReceivedAsync("Tillæg til dagsordenen: ", meeting.Date, expected);

            // Back on the meeting's page the link is gone, as everyone has been told; the page says when the supplement went.
            await secretary.GoAsync($"/admin/moeder/{meeting.Id}");
            Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Send tillæg med punkterne tilføjet efter udsendelse" }).CountAsync());
            var sentAt = Copenhagen.ToLocal(app.Clock.Now.UtcDateTime);
            var when = DanishDates.Date(DateOnly.FromDateTime(sentAt)) + " " + DanishDates.TimeRange(TimeOnly.FromDateTime(sentAt), null);
            await Assertions.Expect(page.GetByText($"Tillægget med punkterne tilføjet efter udsendelse er sendt {when}.")).ToBeVisibleAsync();
            await secretary.GoAsync($"/admin/moeder/{meeting.Id}/udsend");
            return all.Where(m => m.TextBody?.Contains(message, StringComparison.Ordinal) == true).ToList();
        }

        var first = await SupplementAfterAddingAsync("Lokaler til værestedet", "Et punkt er kommet til.", Members.Length);
        Assert.Equal(Members.Order(StringComparer.Ordinal), first.Select(m => m.To.Mailboxes.Single().Name).Order(StringComparer.Ordinal));
        Assert.All(first, m =>
        {
            Assert.Contains("2. Lokaler til værestedet", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("lukket", m.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/moeder/{meeting.Id}", m.TextBody, StringComparison.Ordinal);
            Assert.Single(m.Attachments.OfType<MimePart>(), p => p.ContentType.MimeType == "application/pdf");
        });

        // Told once: the form is gone, and the page says everyone knows.
        await Assertions.Expect(page.GetByText("Alle, der har fået dagsordenen, har fået besked om punkterne.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send tillægget" }).CountAsync());

        // A closed item added: the supplement names it as the agenda mail does, with where its text is read.
        await MemberScenario.MemberAsync(app, "Ali Haddad");
        var second = await SupplementAfterAddingAsync("Julefrokost for brugerne", "Endnu et punkt.", 2 * Members.Length, open: false);
        Assert.Equal(Members.Length, second.Count);
        Assert.All(second, m =>
        {
            Assert.Contains("3. Julefrokost for brugerne", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Lokaler til værestedet", m.TextBody, StringComparison.Ordinal);
            Assert.Contains("Punkt 3 er lukket: sagsfremstillingen og bilagene står ikke i PDF'en.", m.TextBody, StringComparison.Ordinal);
            if (m.To.Mailboxes.Single().Name == "Ali Haddad")
            {
                Assert.Matches($@"Du kan læse dem på Min side, når du er logget ind:\nhttps?://\S+/medlem/moeder/{meeting.Id}(\n|$)", m.TextBody!.ReplaceLineEndings("\n"));
            }
            else
            {
                Assert.Contains("Kontakt sekretariatet for at læse dem.", m.TextBody, StringComparison.Ordinal);
            }
        });

        // The public agenda marks both.
        var (_, body) = await secretary.PublicAsync($"/moeder/{meeting.Id}");
        Assert.Equal(2, Regex.Count(body, "Tilføjet efter udsendelse"));
    }

    /// <summary>
    /// Session 44: the agenda of a meeting that had been could still be sent, with "Jeg kommer" and "Jeg melder afbud" links for a
    /// meeting past; after its day the link is gone, the send page says what to do instead and has no button.
    /// </summary>
    [Fact]
    public async Task After_the_meeting_s_day_its_agenda_is_not_offered_for_sending()
    {
        // The portal's own day (its clock), not the system's: the rule is the portal's.
        var today = DateOnly.FromDateTime(Copenhagen.ToLocal(app.Clock.GetUtcNow().UtcDateTime));
        var past = await PublishedMeetingAsync(today.AddDays(-3));
        await using var secretary = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
        var page = secretary.Page;

        await secretary.GoAsync($"/admin/moeder/{past.Id}");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Send dagsordenen til medlemmerne" }).CountAsync());

        await secretary.GoAsync($"/admin/moeder/{past.Id}/udsend");
        Assert.Contains("dagsordenen sendes ikke længere", await page.Locator("#efter-moedet").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send dagsordenen", Exact = true }).CountAsync());
        await secretary.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "Registrér fremmødet og skriv referatet" }));
        await page.WaitForURLAsync($"**/admin/moeder/{past.Id}/referat");

        // A send page opened before the day and posted after it is refused by the same rule.
        await using var scope = app.Services.CreateAsyncScope();
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => scope.ServiceProvider.GetRequiredService<MemberInvitations>().SendAgendaAsync(past.Id, null, false, CancellationToken.None));
        Assert.Contains("dagsordenen sendes ikke efter mødet", refusal.Message, StringComparison.Ordinal);
    }

    private async Task<Meeting> PublishedMeetingAsync(DateOnly date, bool closedItem = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var council = await db.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
        var meeting = new Meeting(council, date, new TimeOnly(16, 0), new TimeOnly(18, 0));
        meeting.AddMainItem("Vinterberedskab for hjemløse", AgendaItemKind.Discussion);
        if (closedItem)
        {
            meeting.AddMainItem("En borgers klage", AgendaItemKind.Discussion, isPublic: false, publicText: "Klagen og forvaltningens svar.");
        }
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        meeting.PublishAgenda(app.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        await app.ApplyPendingChangesAsync();
        return meeting;
    }

    private async Task GiveAddressesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        foreach (var person in await db.People.Where(p => Members.Contains(p.Name)).ToListAsync())
        {
            person.SetEmail(person.Name.Split(' ')[0].ToLowerInvariant() + "@medlem.example");
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> PersonIdAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    private List<MimeMessage> Matching(string subject, DateOnly date) =>
        app.Smtp.Received.Where(m => string.Equals(m.Subject, subject + "Rådet for Socialt Udsatte i Havnby " + DanishDates.Date(date), StringComparison.Ordinal)).ToList();

    private async Task<List<MimeMessage>> ReceivedAsync(string subject, DateOnly date, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Matching(subject, date).Count < count)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{Matching(subject, date).Count} messages \"{subject}\" arrived, not {count}; subjects: {string.Join(" | ", app.Smtp.Received.Select(m => m.Subject))}");
            }

            await Task.Delay(50);
        }

        return Matching(subject, date);
    }

    private static string Calendar(MimeMessage message) =>
        Unfold(message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text);

    private static string Unfold(string ics) => ics.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n ", string.Empty, StringComparison.Ordinal);

    private static IEnumerable<string> Links(MimeMessage message) => LinkPattern().Matches(message.TextBody ?? string.Empty).Select(m => m.Value);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
