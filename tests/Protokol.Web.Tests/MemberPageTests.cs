using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// Issue 16, the members: their own page (<c>/medlem</c>), a meeting as they prepare for it with the
/// closed items and non-public attachments, answering signed in, and marking their own follow-ups done.
/// Over HTTP against the real portal on SQLite.
/// </summary>
public sealed class MemberPageTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private static readonly DateOnly MeetingDay = new(2026, 12, 10);

    [Fact]
    public async Task A_member_who_signs_in_lands_on_their_page_with_the_coming_meetings_and_their_own_follow_ups()
    {
        var meeting = await MemberScenario.MeetingAsync(app, MeetingDay);
        var planned = await MemberScenario.MeetingAsync(app, MeetingDay.AddDays(14), publish: false);
        var overdue = await MemberScenario.FollowUpAsync(app, "Hanne Østergaard", "Ringe til varmestuen om hunde", new DateOnly(2026, 11, 20));
        var coming = await MemberScenario.FollowUpAsync(app, "Hanne Østergaard", "Skrive udkast om besøgsvenner", new DateOnly(2026, 12, 15));
        await MemberScenario.FollowUpAsync(app, "Mogens Aagaard", "Mogens' egen opgave", new DateOnly(2026, 12, 1));

        // Signing in from the login page without a page to return to: a member lands on their own page, a secretary in the back office.
        var client = Staff.Client(app);
        var signedIn = await Staff.PostAsync(client, "/login", "/login", new() { ["email"] = await MemberScenario.MemberAsync(app, "Hanne Østergaard"), ["password"] = Staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/medlem", signedIn.Headers.Location!.OriginalString);
        var secretary = Staff.Client(app);
        var secretarySignedIn = await Staff.PostAsync(secretary, "/login", "/login", new() { ["email"] = await Staff.CreateAccountAsync(app, level: AccessLevel.Secretary), ["password"] = Staff.Password });
        Assert.Equal("/admin", secretarySignedIn.Headers.Location!.OriginalString);

        var html = await (await client.GetAsync(new Uri("/medlem", UriKind.Relative))).Content.ReadAsStringAsync();
        var page = await ValidAsync(html);
        Assert.Equal("Min side", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("header a[href='/medlem']"));

        // Signed in, nobody is offered to sign in; the public is.
        Assert.Null(page.QuerySelector("a[href='/login']"));
        var publicPage = await ValidAsync(await (await Staff.Client(app).GetAsync(new Uri("/", UriKind.Relative))).Content.ReadAsStringAsync());
        Assert.NotNull(publicPage.QuerySelector("footer a[href='/login']"));

        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/medlem/moeder/{meeting.MeetingId}']") is not null);
        var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("torsdag d. 10. december 2026 kl. 16.00–18.00", cells[0]);
        Assert.Equal("Rådet for Socialt Udsatte i Havnby", cells[1]);
        Assert.Contains(meeting.PlaceName, cells[2], StringComparison.Ordinal);
        Assert.Contains("Vært: " + meeting.HostName, cells[2], StringComparison.Ordinal);
        Assert.Equal("Udsendt", cells[3]);
        Assert.Equal("Ikke svaret", cells[4]);

        // On a phone the table stacks its cells (dkfds' responsive headers): each cell carries its column's name.
        Assert.Contains("table--responsive-headers", row.Closest("table")!.ClassName, StringComparison.Ordinal);
        Assert.Equal(["Råd", "Sted og vært", "Dagsorden", "Dit svar"], row.QuerySelectorAll("td").Select(c => c.GetAttribute("data-title")));
        var plannedRow = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/medlem/moeder/{planned.MeetingId}']") is not null);
        Assert.Equal("Under forberedelse", plannedRow.Children[3].TextContent.Trim());

        // Her follow-ups only, by due date, the overdue one marked; each with its form.
        var followUps = page.QuerySelectorAll("article.member-followup").ToList();
        Assert.Equal([$"opfoelgning-{overdue}", $"opfoelgning-{coming}"], followUps.Select(f => f.Id).Where(id => id == $"opfoelgning-{overdue}" || id == $"opfoelgning-{coming}"));
        Assert.DoesNotContain("Mogens' egen opgave", html, StringComparison.Ordinal);
        var first = followUps.Single(f => f.Id == $"opfoelgning-{overdue}");
        Assert.Contains("Frist: 20. november 2026.", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Overskredet", first.TextContent, StringComparison.Ordinal);
        var second = followUps.Single(f => f.Id == $"opfoelgning-{coming}");
        Assert.Contains("Frist: 15. december 2026.", second.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Overskredet", second.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/medlem/opfoelgninger/{coming}", second.QuerySelector("form")!.GetAttribute("action"));
        Assert.NotNull(second.QuerySelector("form input[name='__RequestVerificationToken']"));

        // Nobody signed in is sent to the login page.
        var anonymous = await Staff.Client(app).GetAsync(new Uri("/medlem", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_held_earlier_today_shows_the_recorded_attendance_not_an_answer_the_member_never_gave()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var held = await MemberScenario.MeetingAsync(app, today);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var meeting = await db.Meetings.Include(m => m.Attendance).SingleAsync(m => m.Id == held.MeetingId);
            var hanne = await db.People.SingleAsync(p => p.Name == "Hanne Østergaard");
            meeting.MarkHeld(today);

            // The secretary records her as present at the meeting; she never answered the invitation herself.
            meeting.RecordAttendance(hanne, AttendanceStatus.Present);
            await db.SaveChangesAsync();
        }

        var client = Staff.Client(app);
        await Staff.PostAsync(client, "/login", "/login", new() { ["email"] = await MemberScenario.MemberAsync(app, "Hanne Østergaard"), ["password"] = Staff.Password });
        var page = await ValidAsync(await (await client.GetAsync(new Uri("/medlem", UriKind.Relative))).Content.ReadAsStringAsync());
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/medlem/moeder/{held.MeetingId}']") is not null);
        Assert.Equal("Mødet er holdt", row.Children[3].TextContent.Trim());
        Assert.Equal("Til stede", row.Children[4].TextContent.Trim());
    }

    [Fact]
    public async Task A_members_meeting_page_shows_closed_items_and_serves_non_public_attachments_to_the_council_only()
    {
        var meeting = await MemberScenario.MeetingAsync(app, MeetingDay.AddDays(1));
        var member = await SignedInMemberAsync("Mogens Aagaard");
        var html = await (await member.GetAsync(new Uri($"/medlem/moeder/{meeting.MeetingId}", UriKind.Relative))).Content.ReadAsStringAsync();
        var page = await ValidAsync(html);
        var closed = page.QuerySelectorAll("li.agenda-item").Single(i => i.TextContent.Contains(MemberScenario.ClosedTitle, StringComparison.Ordinal));
        Assert.Contains("Lukket punkt – kun for medlemmer", closed.TextContent, StringComparison.Ordinal);
        Assert.Contains(MemberScenario.ClosedText, closed.TextContent, StringComparison.Ordinal);
        var link = closed.QuerySelector("a[href*='/bilag/']")!;
        Assert.Equal("Notat om borgerens sag", link.TextContent);
        Assert.Contains("ikke offentligt", closed.TextContent, StringComparison.Ordinal);
        var href = link.GetAttribute("href")!;
        Assert.Equal($"/medlem/moeder/{meeting.MeetingId}/bilag/{meeting.ClosedAttachmentId}/notat.pdf", href);

        var file = await member.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.StartsWith("%PDF-1.4 fortroligt", System.Text.Encoding.ASCII.GetString(await file.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Contains("no-store", file.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());

        // The public sees the title only and never the file, at either address.
        var (_, publicPage) = await app.GetPageAsync($"/moeder/{meeting.MeetingId}");
        Assert.Contains(MemberScenario.ClosedTitle, publicPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(MemberScenario.ClosedText, publicPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Notat om borgerens sag", publicPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Staff.Client(app).GetAsync(new Uri(href, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri($"/moeder/{meeting.MeetingId}/bilag/{meeting.ClosedAttachmentId}/notat.pdf", UriKind.Relative))).StatusCode);

        // Another council's member: 403 for the file, no access to the page.
        var other = Staff.Client(app);
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(other, await Staff.CreateAccountAsync(app, level: AccessLevel.Member, organization: "tryghedsforum"), Staff.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri(href, UriKind.Relative))).StatusCode);
        var otherPage = await other.GetAsync(new Uri($"/medlem/moeder/{meeting.MeetingId}", UriKind.Relative));
        Assert.Contains("/ingen-adgang", otherPage.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The file asked for through another meeting's address, or a meeting that does not exist.
        var elsewhere = await MemberScenario.MeetingAsync(app, MeetingDay.AddDays(2));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(new Uri($"/medlem/moeder/{elsewhere.MeetingId}/bilag/{meeting.ClosedAttachmentId}/notat.pdf", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(new Uri("/medlem/moeder/999999", UriKind.Relative))).StatusCode);

        // Before the agenda is out, the draft is not shown on the members' page.
        var draft = await MemberScenario.MeetingAsync(app, MeetingDay.AddDays(3), publish: false);
        var draftHtml = await (await member.GetAsync(new Uri($"/medlem/moeder/{draft.MeetingId}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Dagsordenen er under forberedelse.", draftHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(MemberScenario.ClosedText, draftHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_answers_signed_in_through_the_same_use_case_as_the_e_mail_link()
    {
        var meeting = await MemberScenario.MeetingAsync(app, MeetingDay.AddDays(4));
        var hanne = await SignedInMemberAsync("Hanne Østergaard");
        var page = $"/medlem/moeder/{meeting.MeetingId}";
        var birthe = await MemberScenario.PersonIdAsync(app, "Birthe Nørgaard Friis");
        var form = (await Staff.PageAsync(hanne, page)).QuerySelector("#svar ~ form, section.member-answer form")!;
        Assert.Equal(page + "?handler=answer", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        var response = await Staff.PostAsync(hanne, page, page + "?handler=answer", new() { ["svar"] = "afbud", ["suppleant"] = birthe.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attendance = await MemberScenario.AttendanceAsync(app, meeting.MeetingId);
        Assert.Equal(AttendanceStatus.Apologies, attendance.Single(a => a.Person.Name == "Hanne Østergaard").Status);
        var standIn = attendance.Single(a => a.PersonId == birthe);
        Assert.Equal(AttendanceStatus.Present, standIn.Status);
        Assert.Equal(await MemberScenario.PersonIdAsync(app, "Hanne Østergaard"), standIn.SubstituteForId);

        var shown = await (await hanne.GetAsync(new Uri(response.Headers.Location!.OriginalString, UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Dit svar er registreret: du har meldt afbud.", shown, StringComparison.Ordinal);
        Assert.Contains("Dit svar nu: Afbud.", shown, StringComparison.Ordinal);
        Assert.Contains("Birthe Nørgaard Friis kommer i dit sted.", shown, StringComparison.Ordinal);
        var home = await ValidAsync(await hanne.GetStringAsync(new Uri("/medlem", UriKind.Relative)));
        var row = home.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/medlem/moeder/{meeting.MeetingId}']") is not null);
        Assert.Equal("Afbud Suppleant: Birthe Nørgaard Friis", System.Text.RegularExpressions.Regex.Replace(row.Children[4].TextContent.Trim(), @"\s+", " "));

        // She changes her mind: attending.
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.PostAsync(hanne, page, page + "?handler=answer", new() { ["svar"] = "kommer" })).StatusCode);
        Assert.Equal(AttendanceStatus.Present, (await MemberScenario.AttendanceAsync(app, meeting.MeetingId)).Single(a => a.Person.Name == "Hanne Østergaard").Status);

        // A substitute who is none of the council's, no answer chosen, an account without a person: the page says why, nothing changes.
        var stranger = await MemberScenario.PersonIdAsync(app, "Jens-Ole Vinther");
        foreach (var (client, fields, message) in new[]
        {
            (hanne, new Dictionary<string, string> { ["svar"] = "afbud", ["suppleant"] = stranger.ToString(CultureInfo.InvariantCulture) }, "Suppleant: vælg en af rådets suppleanter på listen."),
            (hanne, new Dictionary<string, string>(), "Vælg, om du kommer eller melder afbud."),
            (await Staff.SignedInAsync(app, level: AccessLevel.Member), new Dictionary<string, string> { ["svar"] = "kommer" }, "Din konto er ikke knyttet til en person i registret"),
        })
        {
            var refused = await Staff.PostAsync(client, page, page + "?handler=answer", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, (await Staff.ParseAsync(refused)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(AttendanceStatus.Present, (await MemberScenario.AttendanceAsync(app, meeting.MeetingId)).Single(a => a.Person.Name == "Hanne Østergaard").Status);

        // No answers before the agenda is out.
        var draft = await MemberScenario.MeetingAsync(app, MeetingDay.AddDays(5), publish: false);
        var early = await Staff.PostAsync(hanne, $"/medlem/moeder/{draft.MeetingId}", $"/medlem/moeder/{draft.MeetingId}?handler=answer", new() { ["svar"] = "kommer" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Empty(await MemberScenario.AttendanceAsync(app, draft.MeetingId));
    }

    [Fact]
    public async Task Only_the_owner_or_the_councils_secretary_marks_a_follow_up_done_and_the_secretary_sees_the_note()
    {
        var id = await MemberScenario.FollowUpAsync(app, "Hanne Østergaard", "Undersøge åbningstider i julen", new DateOnly(2026, 12, 1));
        var action = $"/medlem/opfoelgninger/{id}";
        var version = (await MemberScenario.StoredFollowUpAsync(app, id)).Version.ToString(CultureInfo.InvariantCulture);

        // Another member of the council, another council's secretary: refused, nothing changes.
        foreach (var refusedClient in new[]
        {
            await SignedInMemberAsync("Mogens Aagaard"),
            await Staff.SignedInAsync(app, level: AccessLevel.Secretary, organization: "tryghedsforum"),
        })
        {
            var refused = await Staff.PostAsync(refusedClient, "/admin/konto", action, new() { ["version"] = version, ["note"] = "Ikke min" });
            Assert.Contains("/ingen-adgang", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(FollowUpStatus.Open, (await MemberScenario.StoredFollowUpAsync(app, id)).Status);

        // The owner, from her page.
        var hanneEmail = await MemberScenario.MemberAsync(app, "Hanne Østergaard");
        var hanne = Staff.Client(app);
        await Staff.SignInAsync(hanne, hanneEmail, Staff.Password);
        var done = await Staff.PostAsync(hanne, "/medlem", action, new() { ["version"] = version, ["note"] = "Åbent 23.–26. december, aftalt med varmestuen." });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/medlem#mine-opfoelgninger", done.Headers.Location!.OriginalString);
        var home = await hanne.GetStringAsync(new Uri("/medlem", UriKind.Relative));
        Assert.Contains("Opfølgningen «Undersøge åbningstider i julen» er markeret som udført.", home, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"opfoelgning-{id}\"", home, StringComparison.Ordinal);
        Assert.Contains("Åbent 23.–26. december, aftalt med varmestuen.", home, StringComparison.Ordinal);

        var stored = await MemberScenario.StoredFollowUpAsync(app, id);
        Assert.Equal(FollowUpStatus.Done, stored.Status);
        Assert.Equal(new DateOnly(2026, 11, 23), stored.Completed);
        Assert.Equal("Åbent 23.–26. december, aftalt med varmestuen.", stored.CompletionNote);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var audit = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().AuditLog
                .Where(e => e.EntityType == nameof(FollowUp) && e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
            var entry = audit.Last();
            Assert.Equal(hanneEmail, entry.Actor);
            Assert.Contains("Åbent 23.–26. december", entry.Changes, StringComparison.Ordinal);
        }

        // The secretary sees it closed with the note.
        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var secretaryPage = await Staff.PageAsync(secretary, $"/admin/opfoelgninger/{id}");
        Assert.Contains("Afsluttet", secretaryPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("23. november 2026: Åbent 23.–26. december, aftalt med varmestuen.", secretaryPage.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);

        // Sent twice (the old form): the page says so, nothing changes.
        var again = await Staff.PostAsync(hanne, "/medlem", action, new() { ["version"] = version, ["note"] = "igen" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.NotNull((await Staff.ParseAsync(again)).QuerySelector(".alert-error"));
        Assert.Equal("Åbent 23.–26. december, aftalt med varmestuen.", (await MemberScenario.StoredFollowUpAsync(app, id)).CompletionNote);

        // The council's secretary may close it for the owner from the same address.
        var other = await MemberScenario.FollowUpAsync(app, "Hanne Østergaard", "Sende referat til forvaltningen", null);
        var otherVersion = (await MemberScenario.StoredFollowUpAsync(app, other)).Version.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.PostAsync(secretary, "/admin/konto", $"/medlem/opfoelgninger/{other}", new() { ["version"] = otherVersion })).StatusCode);
        Assert.Equal(FollowUpStatus.Done, (await MemberScenario.StoredFollowUpAsync(app, other)).Status);
    }

    private async Task<HttpClient> SignedInMemberAsync(string person)
    {
        var client = Staff.Client(app);
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(client, await MemberScenario.MemberAsync(app, person), Staff.Password)).StatusCode);
        return client;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ValidAsync(string html)
    {
        var errors = new List<string>();
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error ? $"{error.Position.Line}:{error.Position.Column} {error.Message}" : e.ToString() ?? "error");
        var document = await parser.ParseDocumentAsync(html);
        Assert.True(errors.Count == 0, "not valid HTML5:\n" + string.Join('\n', errors));
        return document;
    }
}
