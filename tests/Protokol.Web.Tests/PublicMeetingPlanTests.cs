using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using IcalCalendar = Ical.Net.Calendar;

namespace Protokol.Web.Tests;

/// <summary>
/// What the public learns of meetings before their agenda is out: planned meetings with their time
/// and place on the front page, the council page and in calendars; moves and cancellations.
/// </summary>
public sealed class PublicMeetingPlanTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private Task<string> TextAsync(string path) => app.PublicTextAsync(path);

    private Task ChangeAsync(int meetingId, Action<Meeting> change) => app.ChangeMeetingAsync(meetingId, change);

    [Fact]
    public async Task The_front_page_links_the_next_meeting_and_the_latest_minutes()
    {
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var latest = (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).Single();
        var (_, page) = await app.GetPageAsync("/");

        var facts = page.QuerySelector(".council-list .facts")!;
        var links = facts.QuerySelectorAll("dd a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/moeder/{upcoming.Id}", links);
        Assert.Contains($"/moeder/{latest.Id}", links);
        Assert.Contains("tirsdag d. 24. november 2026 kl. 15.00", facts.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raad_lists_the_councils()
    {
        var (response, page) = await app.GetPageAsync("/raad");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(page.QuerySelectorAll(".council-list a"), a => a.GetAttribute("href") == "/raad/udsatteraadet");
    }

    [Fact]
    public async Task Every_url_in_the_served_stylesheets_answers()
    {
        var (_, page) = await app.GetPageAsync("/");
        var sheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.NotEmpty(sheets);
        var checkedUrls = new HashSet<Uri>();
        foreach (var sheet in sheets)
        {
            var sheetUri = new Uri(new Uri("http://localhost"), sheet);
            var css = await TextAsync(sheetUri.PathAndQuery);
            foreach (Match match in Regex.Matches(css, @"url\(\s*['""]?([^'"")]+)['""]?\s*\)"))
            {
                var target = match.Groups[1].Value;
                if (target.StartsWith("data:", StringComparison.Ordinal) || target.StartsWith('#'))
                {
                    continue;
                }

                var uri = new Uri(sheetUri, target);
                if (checkedUrls.Add(new Uri(uri.GetLeftPart(UriPartial.Path))))
                {
                    var response = await app.CreateClient().GetAsync(new Uri(uri.AbsolutePath, UriKind.Relative));
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{uri.AbsolutePath} (from {sheet}) answered {(int)response.StatusCode}");
                }
            }
        }

        // The design system's checkbox tick and select chevron among them.
        Assert.Contains(checkedUrls, u => u.AbsolutePath.EndsWith("/svg-icons/check.svg", StringComparison.Ordinal));
        Assert.Contains(checkedUrls, u => u.AbsolutePath.EndsWith("/svg-icons/chevron-down.svg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_item_on_a_coming_agenda_is_to_be_treated_behind_closed_doors_not_already_treated()
    {
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var closed = upcoming.Items.FirstOrDefault(i => !i.IsPublic);
        if (closed is null)
        {
            await ChangeAsync(upcoming.Id, m =>
            {
                var last = m.ItemsInOrder.Last();
                last.Edit(last.Title, last.Kind, isPublic: false, last.PublicText);
            });
        }

        var (_, page) = await app.GetPageAsync($"/moeder/{upcoming.Id}");
        var text = page.QuerySelector(".agenda-item__closed")!.TextContent;

        Assert.Contains("behandles for lukkede døre", text, StringComparison.Ordinal);
        Assert.DoesNotContain("er behandlet", text, StringComparison.Ordinal);

        var held = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First(m => m.Items.Any(i => !i.IsPublic));
        var (_, heldPage) = await app.GetPageAsync($"/moeder/{held.Id}");
        Assert.Contains("er behandlet for lukkede døre", heldPage.QuerySelector(".agenda-item__closed")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Moves and cancellations, on a portal of their own since they change the demo's plan.</summary>
public sealed class MeetingChangeTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private Task<string> TextAsync(string path) => app.PublicTextAsync(path);

    private Task ChangeAsync(int meetingId, Action<Meeting> change) => app.ChangeMeetingAsync(meetingId, change);

    [Fact]
    public async Task A_moved_and_then_cancelled_meeting_updates_calendars_feeds_and_pages()
    {
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        var ics = $"/moeder/{planned.Id}/kalender.ics";
        var before = IcalCalendar.Load(await TextAsync(ics))!.Events.Single();
        Assert.Equal("TENTATIVE", before.Status);

        await ChangeAsync(planned.Id, m => m.Reschedule(m.Date.AddDays(1), new TimeOnly(16, 0), new TimeOnly(18, 0)));
        var moved = IcalCalendar.Load(await TextAsync(ics))!.Events.Single();
        Assert.Equal(before.Sequence + 1, moved.Sequence);
        Assert.Equal(16, moved.DtStart!.Hour);
        Assert.Equal(before.Uid, moved.Uid);

        await ChangeAsync(planned.Id, m => m.Cancel("Lokalet er ikke ledigt", app.Clock.GetUtcNow().UtcDateTime));
        var cancelled = IcalCalendar.Load(await TextAsync("/raad/udsatteraadet/kalender.ics"))!.Events.Single(e => e.Uid == before.Uid);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(moved.Sequence + 1, cancelled.Sequence);

        var (_, page) = await app.GetPageAsync($"/moeder/{planned.Id}");
        Assert.Contains("Mødet er aflyst", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lokalet er ikke ledigt", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Aflyst møde", page.QuerySelector("h1 .h1-kicker")!.TextContent.Trim()); // not "Planlagt møde" above "Mødet er aflyst"

        var (_, plan) = await app.GetPageAsync($"/raad/udsatteraadet/moeder/{planned.Date.Year}");
        var row = plan.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href") == $"/moeder/{planned.Id}");
        Assert.Contains("Aflyst", row.TextContent, StringComparison.Ordinal);

        var atom = XDocument.Parse(await TextAsync("/raad/udsatteraadet/moeder.atom"));
        XNamespace a = "http://www.w3.org/2005/Atom";
        Assert.Contains(atom.Root!.Elements(a + "entry"), e => e.Element(a + "title")!.Value.StartsWith("Aflyst:", StringComparison.Ordinal)
            && e.Element(a + "link")!.Attribute("href")!.Value.EndsWith($"/moeder/{planned.Id}", StringComparison.Ordinal));
        Assert.All(atom.Root!.Elements(a + "entry"), e => Assert.True(DateTimeOffset.Parse(e.Element(a + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture) <= app.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_cancelled_next_meeting_gives_way_to_the_one_after_on_the_front_page()
    {
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).ToList();
        var (_, page) = await app.GetPageAsync("/");
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        Assert.Contains(page.QuerySelectorAll(".council-list dd a"), a => a.GetAttribute("href") == $"/moeder/{upcoming.Id}");

        // Cancel the upcoming meeting: the next planned one becomes the next meeting.
        await ChangeAsync(upcoming.Id, m => m.Cancel(null, app.Clock.GetUtcNow().UtcDateTime));
        var next = planned.Where(m => !m.IsCancelled).OrderBy(m => m.Date).First();
        var (_, after) = await app.GetPageAsync("/");
        var hrefs = after.QuerySelectorAll(".council-list dd a").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain($"/moeder/{upcoming.Id}", hrefs);
        Assert.Contains($"/moeder/{next.Id}", hrefs);
    }
}

/// <summary>What both classes above do to the portal: read a public text that must exist, change a meeting through the store.</summary>
internal static class PortalChanges
{
    public static async Task<string> PublicTextAsync(this ProtokolAppFactory app, string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task ChangeMeetingAsync(this ProtokolAppFactory app, int meetingId, Action<Meeting> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        change((await store.FindMeetingAsync(meetingId, CancellationToken.None))!);
        await store.SaveChangesAsync(CancellationToken.None);
    }
}
