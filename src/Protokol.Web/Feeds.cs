using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Net.Http.Headers;
using Protokol.Core.Portal;
using Protokol.Core.Text;
using IcalCalendar = Ical.Net.Calendar;

namespace Protokol.Web;

/// <summary>
/// Atom feeds of published agendas and minutes (all councils, or one) and iCalendar feeds of public
/// meetings (per council, per meeting), in Danish time (Europe/Copenhagen) for Outlook and Google.
/// </summary>
internal static class Feeds
{
    public const string TimeZone = "Europe/Copenhagen";

    public static void MapFeeds(this WebApplication app)
    {
        app.MapGet("/feeds/moeder.atom", (PortalService portal, HttpContext http, CancellationToken ct) => AtomAsync(null, null, portal, http, ct));
        app.MapGet("/feeds/soeg.atom", SearchAtomAsync);
        app.MapGet("/raad/{slug}/moeder.atom", async (string slug, PortalService portal, HttpContext http, CancellationToken ct) =>
            await portal.OrganizationNameAsync(slug, ct) is { } name ? await AtomAsync(slug, name, portal, http, ct) : Results.NotFound());
        app.MapGet("/raad/{slug}/kalender.ics", async (string slug, PortalService portal, HttpContext http, CancellationToken ct) =>
            await portal.OrganizationNameAsync(slug, ct) is { } name
                ? Calendar(name, await portal.CalendarAsync(slug, null, ct), http, $"{slug}.ics")
                : Results.NotFound());
        app.MapGet("/moeder/{id:int}/referat.docx", async (int id, PortalService portal, CancellationToken ct) =>
            await portal.GetMeetingAsync(id, ct) is { AgendaVisible: true } meeting
                ? Results.File(Exports.MinutesDocx.Create(meeting), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Exports.MinutesOutline.FileName(meeting, "docx"))
                : Results.NotFound());
        app.MapGet("/moeder/{id:int}/referat.pdf", async (int id, PortalService portal, Exports.MinutesPdf pdf, CancellationToken ct) =>
            await portal.GetMeetingAsync(id, ct) is { AgendaVisible: true } meeting
                ? Results.File(pdf.Create(meeting), "application/pdf", Exports.MinutesOutline.FileName(meeting, "pdf"))
                : Results.NotFound());
        app.MapGet("/moeder/{id:int}/bilag/{attachmentId:int}/{name}", async (int id, int attachmentId, PortalService portal, HttpContext http, CancellationToken ct) =>
        {
            if (await portal.GetAttachmentAsync(id, attachmentId, ct) is not { } file)
            {
                return Results.NotFound();
            }

            // Somebody's upload: never rendered as HTML on this site.
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            http.Response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
            var inline = file.MediaType is "application/pdf" || file.MediaType.StartsWith("image/", StringComparison.Ordinal);
            return Results.File(file.Content, file.MediaType, inline ? null : file.FileName, enableRangeProcessing: true);
        });
        app.MapGet("/moeder/{id:int}/kalender.ics", async (int id, PortalService portal, HttpContext http, CancellationToken ct) =>
            await portal.CalendarAsync(null, id, ct) is [var meeting]
                ? Calendar(meeting.OrganizationName, [meeting], http, $"moede-{id}.ics")
                : Results.NotFound());
    }

    /// <summary>The public address (Protokol:Site:PublicUrl), never the request's Host header.</summary>
    private static Uri Base(HttpContext http) => new(PublicAddress.Origin(http) + "/");

    private static async Task<IResult> AtomAsync(string? slug, string? organizationName, PortalService portal, HttpContext http, CancellationToken ct)
    {
        var events = await portal.PublicationsAsync(slug, ct);
        var root = Base(http);
        var self = new Uri(root, slug is null ? "feeds/moeder.atom" : $"raad/{slug}/moeder.atom");
        var title = organizationName is null ? "Dagsordener og referater" : $"Dagsordener og referater: {organizationName}";
        var feed = new SyndicationFeed(title, "Nye dagsordener og referater", new Uri(root, slug is null ? string.Empty : $"raad/{slug}"), self.AbsoluteUri,
            events.Count == 0 ? DateTimeOffset.UnixEpoch : new DateTimeOffset(events[0].PublishedAt, TimeSpan.Zero))
        {
            Language = "da",
            Items = events.Select(e =>
            {
                var (kind, fragment) = e.Kind switch
                {
                    PublicationKind.Minutes => ("Referat", "referat"),
                    PublicationKind.Cancellation => ("Aflyst", "aflyst"),
                    _ => ("Dagsorden", "dagsorden"),
                };
                var link = new Uri(root, $"moeder/{e.MeetingId}");
                // Text stored before titles were cleaned may hold characters XML cannot carry (U+FFFF): one would fail the whole feed.
                var item = new SyndicationItem(
                    UnicodeText.WithoutInvalid($"{kind}: {e.Council}, {DanishDates.Date(e.Date)}"),
                    e.Kind == PublicationKind.Cancellation
                        ? $"Mødet {DanishDates.MeetingTime(e.Date, e.StartTime, e.EndTime)} er aflyst."
                        : UnicodeText.WithoutInvalid($"{DanishDates.MeetingTime(e.Date, e.StartTime, e.EndTime)}\n\n{string.Join('\n', e.ItemTitles)}"),
                    link,
                    $"{link}#{fragment}",
                    new DateTimeOffset(e.PublishedAt, TimeSpan.Zero));
                item.PublishDate = item.LastUpdatedTime;
                return item;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(self, "self", title, "application/atom+xml", 0));
        feed.Authors.Add(new SyndicationPerson { Name = organizationName ?? SiteName });
        return await WriteAsync(feed);
    }

    /// <summary>
    /// Follow a topic: the newest public items matching a search (same parameters as /soeg), as Atom.
    /// An entry is updated when its meeting's text changes, so a reader sees new minutes on old items too.
    /// </summary>
    private static async Task<IResult> SearchAtomAsync(HttpContext http, Protokol.Core.Search.ISearchEngine search, CancellationToken ct)
    {
        var parameters = Search.SearchParameters.From(http.Request.Query);
        var request = parameters.Request with { Sort = Protokol.Core.Search.SearchSort.Newest, Page = 1, PageSize = 50 };
        var result = await search.SearchAsync(request, ct);
        var root = Base(http);
        var page = new Uri(root, Search.SearchParameters.Url("soeg", request with { Sort = Protokol.Core.Search.SearchSort.Relevance, PageSize = 20 }).TrimStart('/'));
        var self = new Uri(root, Search.SearchParameters.Url("feeds/soeg.atom", request with { Sort = Protokol.Core.Search.SearchSort.Relevance, PageSize = 20 }));
        var title = string.IsNullOrWhiteSpace(request.Query) ? "Søgning i arkivet" : $"Søgning: {request.Query}";
        var updated = result.Hits.Select(h => h.Date).OfType<DateOnly>().DefaultIfEmpty(new DateOnly(1970, 1, 1)).Max();
        var feed = new SyndicationFeed(title, "Nyeste dagsordenspunkter, møder og høringer, der matcher søgningen", page, self.AbsoluteUri,
            new DateTimeOffset(updated.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
        {
            Language = "da",
            Items = result.Hits.Select(h =>
            {
                var link = new Uri(root, h.Url.TrimStart('/'));
                var heading = h.ItemNumber is not null && h.Type == Protokol.Core.Search.SearchHitType.Item ? $"Punkt {h.ItemNumber}: {h.Title}" : h.Title;
                var context = string.Join(", ", new[] { h.OrganizationName, h.Date is { } d ? DanishDates.Date(d) : null }.OfType<string>());
                var snippet = UnicodeText.WithoutInvalid(string.Concat(h.Snippet.Select(p => p.Text)));
                var item = new SyndicationItem(UnicodeText.WithoutInvalid(context.Length == 0 ? heading : $"{heading} ({context})"), snippet, link, link.ToString(),
                    new DateTimeOffset((h.Date ?? updated).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
                {
                    Summary = new TextSyndicationContent(snippet),
                };
                return item;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(self, "self", title, "application/atom+xml", 0));
        feed.Authors.Add(new SyndicationPerson { Name = SiteName });
        return await WriteAsync(feed);
    }

    /// <summary>The feed's author where no one council speaks (RFC 4287 asks for one): the portal, by its front page's name.</summary>
    private const string SiteName = "Råd og udvalg";

    private static async Task<IResult> WriteAsync(SyndicationFeed feed)
    {
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true, Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static IResult Calendar(string name, IReadOnlyList<CalendarMeeting> meetings, HttpContext http, string fileName)
    {
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return Results.Text(CalendarText(name, meetings, Base(http), Base(http).Host), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>Meetings as iCalendar (Europe/Copenhagen, a stable UID per meeting, DTSTAMP from the last change).</summary>
    internal static string CalendarText(string name, IReadOnlyList<CalendarMeeting> meetings, Uri root, string host)
    {
        var calendar = new IcalCalendar { ProductId = "-//Protokol//Protokol//DA", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZone);
        calendar.AddTimeZone(TimeZone);
        foreach (var m in meetings)
        {
            var e = new CalendarEvent
            {
                Uid = $"protokol-moede-{m.Id}@{host}",
                DtStamp = new CalDateTime(m.Modified, "UTC", true),
                Summary = UnicodeText.WithoutInvalid((m.Cancelled ? "Aflyst: " : string.Empty) + m.Summary),
                Location = m.Place,
                Url = new Uri(root, $"moeder/{m.Id}"),
                Description = m.ItemTitles.Count == 0 ? null : "Dagsorden:\n" + string.Join('\n', m.ItemTitles),

                // Planned meetings are tentative until the agenda is out; SEQUENCE tells calendars
                // that already hold the event to take the moved time or the cancellation.
                Status = m.Cancelled ? "CANCELLED" : m.AgendaPublished ? "CONFIRMED" : "TENTATIVE",
                Sequence = m.Sequence,
            };
            if (m.StartTime is { } start)
            {
                e.DtStart = new CalDateTime(m.Date, start, TimeZone);
                e.DtEnd = new CalDateTime(m.Date, m.EndTime ?? start.AddHours(2), TimeZone);
            }
            else
            {
                e.DtStart = new CalDateTime(m.Date);
                e.DtEnd = new CalDateTime(m.Date.AddDays(1));
            }

            calendar.Events.Add(e);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
