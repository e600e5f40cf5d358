using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// The secretary's whole cycle through the web layer: plan a year, build an agenda, publish it, hold
/// the meeting, record attendance and minutes, create a follow-up, pass the privacy check, publish the
/// minutes, carry the follow-up to the next agenda and approve the minutes there, watching the public
/// pages change at every step. Also: two secretaries editing the same item.
/// </summary>
public sealed class MeetingCycleTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private Task<HttpClient> SecretaryAsync() => Staff.SignedInAsync(app, level: AccessLevel.Secretary);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, Dictionary<string, string> fields) => Staff.PostAsync(client, page, action, fields);

    private static Task<HttpResponseMessage> EditAsync(HttpClient client, int meetingId, string handler, Dictionary<string, string> fields) =>
        Staff.SubmitAsync(client, $"/admin/moeder/{meetingId}", $"/admin/moeder/{meetingId}/{handler}", fields);

    /// <summary>The minutes workspace's forms: attendance, minutes, follow-ups, the privacy check, publication, approval.</summary>
    private static Task<HttpResponseMessage> MinutesAsync(HttpClient client, int meetingId, string handler, Dictionary<string, string> fields) =>
        Staff.SubmitAsync(client, $"/admin/moeder/{meetingId}/referat", $"/admin/moeder/{meetingId}/referat/{handler}", fields);

    /// <summary>
    /// The page a change redirected to: its message says what was done, and the next step is said once, by the phases panel
    /// (the messages of publishing the agenda and the minutes said it too).
    /// </summary>
    private static async Task NextStepSaidOnceAsync(HttpClient client, HttpResponseMessage response, string done)
    {
        var page = await Staff.PageAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal(done, page.QuerySelector(".alert-success")!.TextContent.Trim());
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(main, "Næste skridt"));
        Assert.StartsWith("Næste skridt", page.QuerySelector(".meeting-phases__next")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    private async Task<IHtmlDocument> PublicAsync(string path)
    {
        var (response, page) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private async Task<Meeting> MeetingAsync(DateOnly date)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        return await db.Meetings.Include(m => m.Items).Include(m => m.Host)
            .SingleAsync(m => m.Date == date && m.Organization.Slug == DemoCouncil.CouncilSlug);
    }

    private async Task<Dictionary<int, string>> MemberIdsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        return await db.Memberships.Where(m => m.Organization.Slug == DemoCouncil.CouncilSlug && m.End == null)
            .Select(m => new { m.PersonId, m.Person.Name }).Distinct().ToDictionaryAsync(m => m.PersonId, m => m.Name);
    }

    [Fact]
    public async Task A_secretary_runs_two_meetings_from_plan_to_approved_minutes()
    {
        var client = await SecretaryAsync();
        var january = new DateOnly(2027, 1, 12);
        var february = new DateOnly(2027, 2, 9);

        // 1. The year plan: three meetings at once, hosts in turn; not public yet.
        var plan = await PostAsync(client, "/admin/raad/udsatteraadet", "/admin/raad/udsatteraadet/plan", new()
        {
            ["Plan.Year"] = "2027", ["Plan.Dates"] = "12. januar\n9.2.2027\n2027-03-09", ["Plan.Start"] = "15.00", ["Plan.End"] = "17.30", ["Plan.RotateHosts"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        var first = await MeetingAsync(january);
        var second = await MeetingAsync(february);
        Assert.Equal(MeetingState.Planned, first.State);
        Assert.NotNull(first.Host);
        Assert.NotEqual(first.Host!.Id, second.Host!.Id);

        // The hosts in turn are a list (a name may hold a comma), the next one named above it.
        var council = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/admin/raad/udsatteraadet", UriKind.Relative)));
        var hosts = council.QuerySelectorAll("ol[aria-labelledby=vaerter] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.True(hosts.Count >= 2, string.Join(" | ", hosts));
        Assert.Contains(hosts, h => h.StartsWith(second.Host.Name, StringComparison.Ordinal));
        Assert.StartsWith("Værterne på skift, i rækkefølge; næste vært er ", council.QuerySelector("#vaerter")!.TextContent, StringComparison.Ordinal);
        var plannedPage = await app.CreateClient().GetStringAsync(new Uri($"/moeder/{first.Id}", UriKind.Relative));
        Assert.Contains("Planlagt møde", plannedPage, StringComparison.Ordinal);
        // Asked under another Host (the address a proxy forwards to), the plan still names the public address, as the public calendar does.
        using var calendarRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin/raad/udsatteraadet/calendar", UriKind.Relative));
        calendarRequest.Headers.Host = "127.0.0.1";
        var calendarResponse = await client.SendAsync(calendarRequest);
        Assert.Equal(HttpStatusCode.OK, calendarResponse.StatusCode);
        var calendar = await calendarResponse.Content.ReadAsStringAsync();
        Assert.Contains("DTSTART;TZID=Europe/Copenhagen:20270112T150000", calendar, StringComparison.Ordinal);
        var publicHost = new Uri(PublicAddress.Origin(app.Services.GetRequiredService<IOptions<SiteOptions>>().Value)).Host;
        Assert.Contains($"UID:protokol-moede-{first.Id}@{publicHost}", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("@127.0.0.1", calendar, StringComparison.Ordinal);

        // 2. The agenda: standing items, one new item (placed before Eventuelt), published.
        await EditAsync(client, first.Id, "prefill", []);
        await EditAsync(client, first.Id, "additem", new()
        {
            ["title"] = "Boligsocial indsats i Nordkvarteret", ["kind"] = "Discussion", ["isPublic"] = "true",
            ["text"] = "Oplæg fra forvaltningen om den boligsociale indsats.",
        });
        first = await MeetingAsync(january);
        var items = first.ItemsInOrder.ToList();
        Assert.Equal("Godkendelse af referat", items[0].Title);
        Assert.Equal("Eventuelt", items[^1].Title);
        var housing = items.Single(i => i.Title == "Boligsocial indsats i Nordkvarteret");
        Assert.Equal(items.Count - 1, housing.ParsedNumber.Main);
        await NextStepSaidOnceAsync(client, await EditAsync(client, first.Id, "publishagenda", []), "Dagsordenen er offentliggjort på portalen.");

        var agenda = await PublicAsync($"/moeder/{first.Id}");
        Assert.Equal("Dagsorden", agenda.QuerySelector(".h1-kicker")!.TextContent);
        Assert.Contains("Boligsocial indsats i Nordkvarteret", agenda.QuerySelector(".agenda")!.TextContent, StringComparison.Ordinal);

        // 3. The meeting day: held, attendance, minutes with something private in them, a follow-up for next time.
        // Weeks later: the session of November has run out, so the secretary signs in again.
        app.Clock.Now = new DateTimeOffset(2027, 1, 12, 16, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri($"/admin/moeder/{first.Id}", UriKind.Relative))).StatusCode);
        client = await SecretaryAsync();
        await EditAsync(client, first.Id, "held", []);
        var members = await MemberIdsAsync();
        var absentee = members.Keys.First();
        var attendance = members.Keys.ToDictionary(id => $"status[{id}]", id => id == absentee ? "Apologies" : "Present");
        await MinutesAsync(client, first.Id, "attendance", attendance);
        await MinutesAsync(client, first.Id, "minutes", new()
        {
            ["entries[0].ItemId"] = housing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["entries[0].Version"] = (await MeetingAsync(january)).Items.Single(i => i.Id == housing.Id).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["entries[0].Minutes"] = "Rådet drøftede indsatsen. Beboeren Karen Margrethe Olsen kan kontaktes på 12 34 56 78.",
            ["entries[0].Decision"] = "Rådet anbefaler indsatsen.",
        });
        await MinutesAsync(client, first.Id, "followup", new()
        {
            ["text"] = "Invitere boligselskabet til næste møde", ["owner"] = members.Keys.Last().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["due"] = "1.2.2027", ["carry"] = "true", ["item"] = housing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        // Not public before the minutes are: the public page still shows the agenda.
        Assert.Equal("Dagsorden", (await PublicAsync($"/moeder/{first.Id}")).QuerySelector(".h1-kicker")!.TextContent);

        // 4. The privacy check finds the phone number and the stranger's name; the phone is redacted, the name confirmed.
        var check = await PostAsync(client, $"/admin/moeder/{first.Id}/referat", $"/admin/moeder/{first.Id}/referat/check", []);
        var checkPage = await new HtmlParser().ParseDocumentAsync(await check.Content.ReadAsStringAsync());
        var findings = checkPage.QuerySelectorAll(".privacy-finding legend strong").Select(s => s.TextContent).ToList();
        Assert.Contains("12 34 56 78", findings);
        Assert.Contains("Karen Margrethe Olsen", findings);
        Assert.DoesNotContain(findings, f => members.Values.Contains(f));

        // Publishing without deciding on every finding is refused, and nothing is published.
        var undecided = await PostAsync(client, $"/admin/moeder/{first.Id}/referat", $"/admin/moeder/{first.Id}/referat/publishminutes", []);
        Assert.Equal(HttpStatusCode.BadRequest, undecided.StatusCode);
        Assert.Equal(MeetingState.MinutesDrafted, (await MeetingAsync(january)).State);

        static string Key(string text) => "valg-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text));
        var choices = findings.ToDictionary(Key, f => f == "12 34 56 78" ? "fjern" : "behold");
        await NextStepSaidOnceAsync(client, await MinutesAsync(client, first.Id, "publishminutes", choices), "1 oplysning er fjernet, og referatet er offentliggjort som \"ikke godkendt\".");

        var minutes = await PublicAsync($"/moeder/{first.Id}");
        Assert.Equal("Referat", minutes.QuerySelector(".h1-kicker")!.TextContent);
        Assert.Contains("Referatet er ikke godkendt endnu", minutes.QuerySelector(".meeting-state")!.TextContent, StringComparison.Ordinal);
        var housingText = minutes.QuerySelector($"#punkt-{housing.Number}")!.TextContent;
        Assert.Contains("kan kontaktes på [fjernet]", housingText, StringComparison.Ordinal);
        Assert.DoesNotContain("12 34 56 78", minutes.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rådet anbefaler indsatsen.", housingText, StringComparison.Ordinal);
        Assert.Contains(members[absentee], minutes.QuerySelectorAll(".attendance__group").Single(g => g.QuerySelector("h3")!.TextContent == "Afbud").TextContent, StringComparison.Ordinal);

        // 5. The next agenda carries the follow-up; the February meeting approves January's minutes.
        await EditAsync(client, second.Id, "prefill", []);
        second = await MeetingAsync(february);
        Assert.Contains(second.Items, i => i.Title.StartsWith("Opfølgning: Invitere boligselskabet til næste møde", StringComparison.Ordinal));
        await EditAsync(client, second.Id, "publishagenda", []);
        app.Clock.Now = new DateTimeOffset(2027, 2, 9, 16, 0, 0, TimeSpan.FromHours(1));
        client = await SecretaryAsync();
        await EditAsync(client, second.Id, "held", []);
        await MinutesAsync(client, second.Id, "approve", new() { ["previous"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var approved = await PublicAsync($"/moeder/{first.Id}");
        Assert.Contains("Referatet er godkendt", approved.QuerySelector(".meeting-state")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/moeder/{second.Id}", approved.QuerySelector(".meeting-state a")!.GetAttribute("href"));

        // The audit log knows who did it.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var log = await db.AuditLog.Where(e => e.EntityType == nameof(Meeting) && e.EntityId == first.Id).ToListAsync();
        Assert.Contains(log, e => e.Changes.Contains("MinutesApproved", StringComparison.Ordinal) && e.Actor.StartsWith("bruger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_secretaries_editing_one_item_get_a_conflict_with_both_versions()
    {
        var anne = await SecretaryAsync();
        var bo = await SecretaryAsync();
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        if (planned.Items.Count == 0)
        {
            await EditAsync(anne, planned.Id, "prefill", []);
            planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First(m => m.Id == planned.Id);
        }

        var item = planned.Items.OrderBy(i => i.Position).First();
        var version = item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, string> Edit(string text) => new()
        {
            ["item"] = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = version,
            ["title"] = item.Title, ["kind"] = item.Kind.ToString(), ["isPublic"] = "true", ["text"] = text,
        };

        await EditAsync(anne, planned.Id, "edititem", Edit("Annes tekst"));
        var refused = await PostAsync(bo, $"/admin/moeder/{planned.Id}", $"/admin/moeder/{planned.Id}/edititem", Edit("Bos tekst"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await refused.Content.ReadAsStringAsync());
        var versions = page.QuerySelectorAll(".conflict__text").Select(p => p.TextContent).ToList();
        Assert.Equal(["Bos tekst", "Annes tekst"], versions);
        Assert.Contains("Din ændring er ikke gemt", page.QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Annes tekst", (await app.DemoMeetingsAsync(MeetingState.Planned)).Single(m => m.Id == planned.Id).Items.Single(i => i.Id == item.Id).PublicText);
    }

    [Fact]
    public async Task A_member_reads_the_draft_but_cannot_change_it()
    {
        var member = await Staff.SignedInAsync(app, level: AccessLevel.Member);
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();

        var page = await new HtmlParser().ParseDocumentAsync(await member.GetStringAsync(new Uri($"/admin/moeder/{planned.Id}", UriKind.Relative)));
        Assert.NotNull(page.QuerySelector("#dagsorden"));
        Assert.DoesNotContain(page.QuerySelectorAll("form[method=post]"), f => f.GetAttribute("action") != "/logout");

        var refused = await PostAsync(member, $"/admin/moeder/{planned.Id}", $"/admin/moeder/{planned.Id}/publishagenda", []);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/ingen-adgang", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(MeetingState.Planned, (await app.DemoMeetingsAsync(MeetingState.Planned)).Single(m => m.Id == planned.Id).State);
    }
}
