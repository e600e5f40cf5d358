using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Protokol.Core.Meetings;
using IcalCalendar = Ical.Net.Calendar;

namespace Protokol.Web.Tests;

/// <summary>Feeds and calendars, read back with a real Atom parser and a real iCalendar parser.</summary>
public sealed class FeedTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private async Task<SyndicationFeed> AtomAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return SyndicationFeed.Load(reader);
    }

    private async Task<(IcalCalendar Calendar, string Text)> CalendarAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return (IcalCalendar.Load(text)!, text);
    }

    [Fact]
    public async Task The_atom_feed_lists_published_agendas_and_minutes_newest_first()
    {
        var feed = await AtomAsync("/feeds/moeder.atom");
        var published = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).Count
            + (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).Count;

        var titles = feed.Items.Select(i => i.Title.Text).ToList();
        Assert.Equal(published, titles.Count(t => t.StartsWith("Referat:", StringComparison.Ordinal)));
        Assert.Contains("Dagsorden: Rådet for Socialt Udsatte i Havnby, 24. november 2026", titles);
        Assert.Equal(feed.Items.Select(i => i.LastUpdatedTime).OrderDescending(), feed.Items.Select(i => i.LastUpdatedTime));
        Assert.All(feed.Items, i => Assert.StartsWith("http://localhost/moeder/", i.Links.Single().Uri.ToString(), StringComparison.Ordinal));
        Assert.Equal(feed.Items.Count(), feed.Items.Select(i => i.Id).Distinct().Count());
        Assert.Equal("da", feed.Language);
    }

    [Fact]
    public async Task A_council_feed_has_only_that_council_and_unknown_councils_are_404()
    {
        var feed = await AtomAsync("/raad/udsatteraadet/moeder.atom");
        Assert.All(feed.Items, i => Assert.Contains("Rådet for Socialt Udsatte i Havnby", i.Title.Text, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri("/raad/findes-ikke/moeder.atom", UriKind.Relative))).StatusCode);

        var tryghed = await AtomAsync("/raad/tryghedsforum/moeder.atom");
        Assert.Empty(tryghed.Items);
    }

    [Fact]
    public async Task The_council_calendar_has_every_public_meeting_in_Danish_time()
    {
        var (calendar, text) = await CalendarAsync("/raad/udsatteraadet/kalender.ics");
        var published = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).Count
            + (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).Count
            + (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Count;
        var planned = await app.DemoMeetingsAsync(MeetingState.Planned);

        // Planned meetings are in the calendar from the day they are planned, as tentative events.
        Assert.NotEmpty(planned);
        Assert.Equal(published + planned.Count, calendar.Events.Count);
        Assert.Equal(planned.Count, calendar.Events.Count(e => e.Status == "TENTATIVE"));
        Assert.Equal(published, calendar.Events.Count(e => e.Status == "CONFIRMED"));
        Assert.Contains(calendar.TimeZones, tz => tz.TzId == "Europe/Copenhagen");
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);
        Assert.All(calendar.Events, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Uid));
            Assert.NotNull(e.DtStamp);
            Assert.Equal("Europe/Copenhagen", e.DtStart!.TzId);
            Assert.Equal(15, e.DtStart.Hour);
        });
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
        // A planned meeting's draft agenda stays in the back office.
        Assert.All(calendar.Events.Where(e => e.Status == "TENTATIVE"), e => Assert.Null(e.Description));
    }

    [Fact]
    public async Task A_meeting_has_its_own_ics_download()
    {
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var (calendar, _) = await CalendarAsync($"/moeder/{upcoming.Id}/kalender.ics");

        var e = Assert.Single(calendar.Events);
        Assert.Equal("Møde i Rådet for Socialt Udsatte i Havnby", e.Summary);
        Assert.Equal(new DateTime(2026, 11, 24, 15, 0, 0), e.DtStart!.Value);
        Assert.Equal(new DateTime(2026, 11, 24, 17, 30, 0), e.DtEnd!.Value);
        Assert.Contains("Foreningen Fristedet, Møllegade 7, 7990 Havnby", e.Location, StringComparison.Ordinal);
        Assert.Contains("1. Godkendelse af referat", e.Description, StringComparison.Ordinal);
        Assert.EndsWith($"/moeder/{upcoming.Id}", e.Url!.ToString(), StringComparison.Ordinal);

        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        var (tentative, _) = await CalendarAsync($"/moeder/{planned.Id}/kalender.ics");
        Assert.Equal("TENTATIVE", Assert.Single(tentative.Events).Status);
        Assert.Null(tentative.Events.Single().Description);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri("/moeder/999999/kalender.ics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Sub_items_are_listed_under_their_item_in_the_calendar_and_the_feed()
    {
        var meetings = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).Concat(await app.DemoMeetingsAsync(MeetingState.MinutesPublished));
        var meeting = meetings.First(m => m.Items.Any(i => i.Parent is not null));
        var sub = meeting.ItemsInOrder.First(i => i.Parent is not null);
        var (calendar, _) = await CalendarAsync($"/moeder/{meeting.Id}/kalender.ics");
        var lines = Assert.Single(calendar.Events).Description!.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.IndexOf($"   {sub.Number}. {sub.Title}");
        Assert.True(at > 0, string.Join('\n', lines));
        Assert.Equal($"{sub.Parent!.Number}. {sub.Parent.Title}", lines.Take(at).Last(l => !l.StartsWith(' ')));

        var feed = await AtomAsync("/raad/udsatteraadet/moeder.atom");
        var entry = feed.Items.First(i => i.Links.Single().Uri.ToString().EndsWith($"/moeder/{meeting.Id}", StringComparison.Ordinal));
        Assert.Contains($"   {sub.Number}. {sub.Title}", ((TextSyndicationContent)entry.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_item_is_marked_as_withdrawn_in_the_calendar_and_the_feed_as_on_the_page()
    {
        var meetings = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).Concat(await app.DemoMeetingsAsync(MeetingState.MinutesPublished));
        var meeting = meetings.First(m => m.Items.Any(i => i.Withdrawn) && m.Items.Any(i => !i.Withdrawn));
        var withdrawn = meeting.ItemsInOrder.First(i => i.Withdrawn);
        var taken = meeting.ItemsInOrder.First(i => !i.Withdrawn && i.Parent is null);
        var (calendar, _) = await CalendarAsync($"/moeder/{meeting.Id}/kalender.ics");
        var lines = Assert.Single(calendar.Events).Description!.Split('\n').Select(l => l.TrimEnd('\r').Trim()).ToList();
        Assert.Contains($"{withdrawn.Number}. {withdrawn.Title} (punktet udgik)", lines);
        Assert.Contains($"{taken.Number}. {taken.Title}", lines);

        // The feed holds the latest publications: the withdrawn items of those meetings are marked, the others not.
        var feed = await AtomAsync("/raad/udsatteraadet/moeder.atom");
        var marked = 0;
        foreach (var m in meetings.Where(m => m.Items.Any(i => i.Withdrawn)))
        {
            var text = string.Join('\n', feed.Items.Where(i => i.Links.Single().Uri.ToString().EndsWith($"/moeder/{m.Id}", StringComparison.Ordinal))
                .Select(e => ((TextSyndicationContent)e.Content).Text));
            if (text.Length == 0)
            {
                continue;
            }

            foreach (var item in m.ItemsInOrder)
            {
                Assert.Equal(item.Withdrawn, text.Contains($"{item.Number}. {item.Title} (punktet udgik)", StringComparison.Ordinal));
            }

            marked++;
        }

        Assert.True(marked > 0, "no meeting with a withdrawn item in the council's feed");
    }

    [Theory]
    [InlineData("/feeds/moeder.atom", "Råd og udvalg")]
    [InlineData("/raad/udsatteraadet/moeder.atom", "Rådet for Socialt Udsatte i Havnby")]
    [InlineData("/feeds/soeg.atom?q=%3Cscript%3E+hjeml%C3%B8se", "Råd og udvalg")]
    public async Task Every_feed_names_its_author_and_has_an_id_that_is_a_valid_address(string path, string author)
    {
        // RFC 4287: a feed whose entries name no author names one itself; its id is an IRI, so a query's "<" and space stay escaped.
        var feed = await AtomAsync(path);
        Assert.Equal(author, Assert.Single(feed.Authors).Name);
        Assert.True(Uri.TryCreate(feed.Id, UriKind.Absolute, out _), feed.Id);
        Assert.DoesNotContain(feed.Id, c => c is '<' or '>' or ' ' or '"');
    }

    [Theory]
    [InlineData("/", 1, 0)]
    [InlineData("/raad/udsatteraadet", 2, 1)]
    [InlineData("/raad/udsatteraadet/moeder", 2, 1)]
    [InlineData("/soeg?q=hjeml%C3%B8se", 2, 0)]
    public async Task Pages_advertise_their_feeds_in_the_head(string path, int atom, int calendars)
    {
        var (_, page) = await app.GetPageAsync(path);
        Assert.Equal(atom, page.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").Length);
        Assert.Equal(calendars, page.Head.QuerySelectorAll("link[rel=alternate][type='text/calendar']").Length);
        foreach (var link in page.Head.QuerySelectorAll("link[rel=alternate]"))
        {
            var response = await app.CreateClient().GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_search_can_be_followed_as_an_atom_feed_newest_first()
    {
        var (_, page) = await app.GetPageAsync("/soeg?q=hjeml%C3%B8se&raad=udsatteraadet");
        var href = page.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").Select(l => l.GetAttribute("href")!).Single(h => h.StartsWith("/feeds/soeg.atom", StringComparison.Ordinal));
        Assert.Contains("raad=udsatteraadet", href, StringComparison.Ordinal);

        var feed = await AtomAsync(href);
        Assert.Equal("Søgning: hjemløse", feed.Title.Text);
        Assert.NotEmpty(feed.Items);
        var dates = feed.Items.Select(i => i.LastUpdatedTime).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.All(feed.Items, i => Assert.Matches("^http://[^/]+/moeder/[0-9]+", i.Links[0].Uri.ToString()));
        Assert.All(feed.Items, i => Assert.Contains("Rådet for Socialt Udsatte i Havnby", i.Title.Text, StringComparison.Ordinal));
        Assert.Contains(feed.Items, i => i.Summary.Text.Contains("hjemløs", StringComparison.OrdinalIgnoreCase) || i.Title.Text.Contains("hjemløs", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_meeting_page_offers_its_calendar_entry()
    {
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var (_, page) = await app.GetPageAsync($"/moeder/{upcoming.Id}");
        Assert.Equal($"/moeder/{upcoming.Id}/kalender.ics", page.Head!.QuerySelector("link[type='text/calendar']")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector($"a[href='/moeder/{upcoming.Id}/kalender.ics']"));
    }
}
