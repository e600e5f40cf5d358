using System.Net;
using AngleSharp.Html.Dom;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

public sealed class PortalPageTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task The_front_page_lists_the_councils_with_their_next_meeting_in_Danish()
    {
        var (response, page) = await app.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var card = page.QuerySelectorAll(".council-list > li").Single(c => c.TextContent.Contains("Rådet for Socialt Udsatte i Havnby", StringComparison.Ordinal));
        Assert.Contains("tirsdag d. 24. november 2026", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("/raad/udsatteraadet", card.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("Foreningen Fristedet", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_meetings_page_shows_a_year_and_links_the_other_years()
    {
        var (response, page) = await app.GetPageAsync("/raad/udsatteraadet/moeder");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Rådet for Socialt Udsatte i Havnby", page.QuerySelector("h1")!.TextContent.Trim());
        // 2027 is planned only: its meetings are public with their time and place.
        Assert.Equal(["2027", "2026", "2025"], page.QuerySelectorAll(".year-nav a").Select(a => a.TextContent.Trim()));
        var rows = page.QuerySelectorAll("tbody tr");
        Assert.Equal(5, rows.Length);
        Assert.Contains("tirsdag d. 10. februar 2026", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("kl. 15.00–17.30", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Dagsorden", rows[^1].TextContent, StringComparison.Ordinal);

        var (_, previous) = await app.GetPageAsync("/raad/udsatteraadet/moeder/2025");
        Assert.All(previous.QuerySelectorAll("tbody th"), th => Assert.EndsWith("2025", th.TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("2025", previous.QuerySelector(".year-nav a[aria-current=page]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_meeting_page_shows_time_place_attendance_items_minutes_and_decisions()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First(m => m.Date.Year == 2026);
        var (response, page) = await app.GetPageAsync($"/moeder/{meeting.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("tirsdag d. 10. februar 2026 kl. 15.00–17.30", text, StringComparison.Ordinal);
        Assert.Contains("Foreningen Fristedet, Møllegade 7, 7990 Havnby", text, StringComparison.Ordinal);
        Assert.Contains("Referatet er godkendt", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".meeting-state a[href^='/moeder/']"));

        var present = page.QuerySelectorAll(".attendance__group").Single(g => g.QuerySelector("h3")!.TextContent == "Til stede");
        Assert.Contains("Lene Bjerregaard, formand, Foreningen Fristedet", Squash(present.TextContent), StringComparison.Ordinal);

        var first = page.GetElementById("punkt-1")!;
        Assert.Contains("Godkendelse af referat", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Godkendt", first.QuerySelector(".decision")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(meeting.Items.Count, page.QuerySelectorAll("li.agenda-item").Length);
    }

    [Fact]
    public async Task Closed_items_show_their_title_only_and_role_only_people_appear_by_role()
    {
        var meetings = await app.DemoMeetingsAsync(MeetingState.MinutesApproved);
        var withClosed = meetings.First(m => m.Items.Any(i => !i.IsPublic));
        var closed = withClosed.Items.Single(i => !i.IsPublic);
        var (_, page) = await app.GetPageAsync($"/moeder/{withClosed.Id}");

        var element = page.GetElementById($"punkt-{closed.Number}")!;
        Assert.Contains(closed.Title, element.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lukket punkt", element.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.Decision!, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Jens-Ole Vinther", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Brugerrepræsentant", page.QuerySelector(".attendance")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sub_items_and_withdrawn_items_keep_their_numbers()
    {
        var meetings = await app.DemoMeetingsAsync(MeetingState.MinutesApproved);
        var withSub = meetings.First(m => m.Items.Any(i => i.ParentId is not null));
        var (_, page) = await app.GetPageAsync($"/moeder/{withSub.Id}");
        var sub = withSub.Items.First(i => i.ParentId is not null);
        var element = page.GetElementById($"punkt-{sub.Number}")!;
        Assert.Equal("ol", element.ParentElement!.LocalName);
        Assert.Contains("agenda--sub", element.ParentElement.ClassName, StringComparison.Ordinal);

        var withWithdrawn = meetings.Concat(await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).First(m => m.Items.Any(i => i.Withdrawn));
        var withdrawn = withWithdrawn.Items.Single(i => i.Withdrawn);
        var (_, page2) = await app.GetPageAsync($"/moeder/{withWithdrawn.Id}");
        Assert.Contains("Punktet udgik", page2.GetElementById($"punkt-{withdrawn.Number}")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agenda_shows_no_minutes_or_attendance_before_they_are_published()
    {
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var (_, page) = await app.GetPageAsync($"/moeder/{upcoming.Id}");

        Assert.Contains("Dagsorden", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".attendance"));
        Assert.Null(page.QuerySelector(".decision"));
        Assert.Contains("Opfølgning:", page.QuerySelector(".agenda")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/moeder/999999")]
    [InlineData("/raad/findes-ikke/moeder")]
    [InlineData("/raad/udsatteraadet/moeder/99999")]
    [InlineData("/ingen/saadan/side")]
    public async Task Unknown_pages_get_a_Danish_404(string path)
    {
        var (response, page) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Siden findes ikke", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_planned_meeting_shows_its_time_and_place_but_not_its_draft_agenda()
    {
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First(m => m.Items.Count > 0);
        var (response, page) = await app.GetPageAsync($"/moeder/{planned.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Planlagt møde", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dagsordenen offentliggøres før mødet.", page.QuerySelector(".meeting-state")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".agenda-item"));
        Assert.All(planned.Items, i => Assert.DoesNotContain(i.Title, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri($"/moeder/{planned.Id}/referat.pdf", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri($"/moeder/{planned.Id}/referat.docx", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/raad/udsatteraadet/moeder")]
    [InlineData("/raad/udsatteraadet")]
    [InlineData("/moeder/1")]
    [InlineData("/personer/1")]
    [InlineData("/fejl/404")]
    [InlineData("/soeg")]
    [InlineData("/soeg?q=hjeml%C3%B8se")]
    [InlineData("/soeg?q=xyzzy")]
    public async Task Every_page_has_the_accessible_skeleton(string path)
    {
        var (_, page) = await app.GetPageAsync(path);

        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
        Assert.Single(page.QuerySelectorAll("h1"));
        var skip = page.Body!.FirstElementChild as IHtmlAnchorElement;
        Assert.NotNull(skip);
        Assert.Equal("#indhold", skip.GetAttribute("href"));
        Assert.Equal("main", page.GetElementById("indhold")!.LocalName);
        Assert.NotNull(page.QuerySelector("body > header"));
        Assert.NotNull(page.QuerySelector("nav[aria-label]"));
        Assert.NotNull(page.QuerySelector("body > footer"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        AssertHeadingOrder(page);
    }

    [Fact]
    public async Task The_stylesheet_is_served()
    {
        var (_, page) = await app.GetPageAsync("/");
        var sheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Equal(2, sheets.Count);
        Assert.StartsWith("/lib/dkfds/css/dkfds.min", sheets[0], StringComparison.Ordinal);

        // The design system is installed by the build (npm), not committed, and served with its fonts.
        var client = app.CreateClient();
        var designSystem = await client.GetStringAsync(new Uri(sheets[0], UriKind.Relative));
        Assert.Contains(".skipnav", designSystem, StringComparison.Ordinal);
        var font = await client.GetAsync(new Uri("/lib/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, font.StatusCode);
        var icons = await client.GetAsync(new Uri("/lib/dkfds/img/all-svg-icons.svg", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, icons.StatusCode);
        var own = await client.GetStringAsync(new Uri(sheets[1], UriKind.Relative));
        Assert.Contains("--accent", own, StringComparison.Ordinal);
    }

    private static void AssertHeadingOrder(IHtmlDocument page)
    {
        var previous = 0;
        foreach (var heading in page.QuerySelectorAll("h1, h2, h3, h4, h5, h6"))
        {
            var level = heading.LocalName[1] - '0';
            Assert.True(level <= previous + 1, $"<{heading.LocalName}> '{heading.TextContent.Trim()}' skips a level after h{previous}");
            previous = level;
        }
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(" ,", ",", StringComparison.Ordinal);

    [Fact]
    public async Task The_open_data_page_is_linked_from_every_page_and_its_links_answer()
    {
        var (_, front) = await app.GetPageAsync("/");
        Assert.NotNull(front.QuerySelector("footer a[href='/aabne-data']"));

        var (response, page) = await app.GetPageAsync("/aabne-data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Åbne data", page.QuerySelector("h1")!.TextContent);
        var links = page.QuerySelectorAll("main a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.Contains("/oparl/v1/system", links);
        Assert.Contains("/api/openapi/v1.json", links);
        foreach (var link in links)
        {
            Assert.True(HttpStatusCode.OK == (await app.CreateClient().GetAsync(new Uri(link, UriKind.Relative))).StatusCode, link);
        }
    }
}
