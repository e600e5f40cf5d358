using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Web.Exports;

namespace Protokol.Web.OParl;

/// <summary>
/// Protokol's public data as OParl 1.1 objects, built from <see cref="IOParlQueries"/>' records a
/// page at a time. Everything passes the same gate as the portal: meetings with their time and
/// place from the day they are planned, their agenda from its publication on, minutes and
/// attendance once published, closed items by title only, people shown by role never by name
/// (their records without the name), and the names of such people replaced in every text. Deleted
/// records are kept as tombstones from the audit log.
/// </summary>
public sealed class OParlObjects(IOParlQueries queries, IOptions<SiteOptions> site)
{
    public OParlUrls Urls { get; set; } = new("http://localhost");

    public JsonObject System() =>
        OParlJson.New("System", Urls.System)
            .Put("oparlVersion", OParlJson.Schema)
            .Put("body", Urls.Api("/body"))
            .Put("name", site.Value.Name == "Protokol" ? "Protokol" : $"Protokol – {site.Value.Name}")
            .Put("website", Urls.Web("/"))
            .Put("web", Urls.Web("/"));

    /// <summary>One object: built, or the tombstone of a removed record, or null (404) when there is nothing public by that id.</summary>
    public async Task<JsonObject?> ObjectAsync(OParlKind kind, int id, CancellationToken ct)
    {
        if ((await BuildAsync([new OParlEntry(kind, id)], ct)).ToList() is [var json])
        {
            return json;
        }

        return await queries.RemovalAsync(kind, id, ct) is { } removal ? Tombstone(kind, removal) : null;
    }

    /// <summary>A file by its key: "a12" an attachment, "m12" a meeting's agenda or minutes, "o12" the file a meeting was imported from.</summary>
    public Task<JsonObject?> FileAsync(string key, CancellationToken ct)
    {
        if (key.Length < 2 || !int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Task.FromResult<JsonObject?>(null);
        }

        return key[0] switch
        {
            'a' => ObjectAsync(OParlKind.AttachmentFile, id, ct),
            'm' => ObjectAsync(OParlKind.MeetingDocument, id, ct),
            'o' => ObjectAsync(OParlKind.OriginalFile, id, ct),
            _ => Task.FromResult<JsonObject?>(null),
        };
    }

    /// <summary>One page of a list, or null when its body or organization does not exist.</summary>
    public async Task<(OParlListPage Page, IEnumerable<JsonObject> Data)?> ListAsync(OParlList list, int owner, OParlListFilter filter, OParlPageRequest request, CancellationToken ct) =>
        await queries.ListAsync(list, owner, filter, request, ct) is { } page ? (page, await BuildAsync(page.Entries, ct)) : null;

    /// <summary>
    /// The objects of a page, in its order: each kind's records read at once (a page of agenda
    /// items reads its meetings together), entries that are not public after all left out. The
    /// objects are built as they are enumerated, so that a writer holds one at a time (a file's
    /// text, composed for it, is garbage once it is written).
    /// </summary>
    public async Task<IEnumerable<JsonObject>> BuildAsync(IReadOnlyList<OParlEntry> entries, CancellationToken ct)
    {
        List<int> Ids(params OParlKind[] kinds) => entries.Where(e => e.Removed is null && kinds.Contains(e.Kind)).Select(e => e.Id).Distinct().ToList();
        async Task<Dictionary<int, T>> ReadAsync<T>(List<int> ids, Func<List<int>, Task<IReadOnlyList<T>>> read, Func<T, int> key) =>
            ids.Count == 0 ? [] : (await read(ids)).ToDictionary(key);

        // The meetings of agenda items and attachments: as the list read them, else looked up.
        async Task<IReadOnlyDictionary<int, int>> MeetingsOfAsync(OParlKind kind, Func<List<int>, Task<IReadOnlyDictionary<int, int>>> read)
        {
            var meetingOf = new Dictionary<int, int>();
            foreach (var entry in entries.Where(e => e.Removed is null && e.Kind == kind && e.MeetingId is not null))
            {
                meetingOf.TryAdd(entry.Id, entry.MeetingId!.Value);
            }

            var unknown = Ids(kind).Where(id => !meetingOf.ContainsKey(id)).ToList();
            foreach (var (id, meeting) in unknown.Count == 0 ? new Dictionary<int, int>() : await read(unknown))
            {
                meetingOf.TryAdd(id, meeting);
            }

            return meetingOf;
        }

        var bodies = await ReadAsync(Ids(OParlKind.Body), ids => queries.BodiesAsync(ids, ct), b => b.Id);
        var organizations = await ReadAsync(Ids(OParlKind.Organization), ids => queries.OrganizationsAsync(ids, ct), o => o.Id);
        var people = await ReadAsync(Ids(OParlKind.Person), ids => queries.PeopleAsync(ids, ct), p => p.Id);
        var memberships = await ReadAsync(Ids(OParlKind.Membership), ids => queries.MembershipsAsync(ids, ct), m => m.Id);
        var terms = await ReadAsync(Ids(OParlKind.LegislativeTerm), ids => queries.TermsAsync(ids, ct), t => t.Id);
        var locations = await ReadAsync(Ids(OParlKind.Location), ids => queries.LocationsAsync(ids, ct), l => l.Id);
        var hearings = await ReadAsync(Ids(OParlKind.Paper, OParlKind.Consultation), ids => queries.PublicHearingsAsync(ids, ct), h => h.Id);
        var itemMeetings = await MeetingsOfAsync(OParlKind.AgendaItem, ids => queries.MeetingsOfAgendaItemsAsync(ids, ct));
        var attachmentMeetings = await MeetingsOfAsync(OParlKind.AttachmentFile, ids => queries.MeetingsOfAttachmentsAsync(ids, ct));
        // Only a File at its own URL or in the file list shows a text (an attachment's, the minutes'): its meetings are read with their
        // long texts; the others (meetings, imported originals) without them, and those of agenda items only also without attendance.
        var withTexts = attachmentMeetings.Values.ToHashSet();
        var withAttendance = Ids(OParlKind.Meeting, OParlKind.OriginalFile).Where(id => !withTexts.Contains(id)).ToHashSet();
        var itemsOnly = itemMeetings.Values.Where(id => !withTexts.Contains(id) && !withAttendance.Contains(id)).Distinct().ToList();
        var meetings = await ReadAsync(itemsOnly, ids => queries.MeetingsWithoutTextsAsync(ids, attendance: false, ct), m => m.Record.Id);
        foreach (var (id, meeting) in await ReadAsync([.. withAttendance], ids => queries.MeetingsWithoutTextsAsync(ids, attendance: true, ct), m => m.Record.Id))
        {
            meetings[id] = meeting;
        }

        foreach (var (id, meeting) in await ReadAsync([.. withTexts], ids => queries.MeetingsAsync(ids, ct), m => m.Record.Id))
        {
            meetings[id] = meeting;
        }

        // The agendas' and minutes' texts are kept: read with their keys, only the stale ones composed (OParlMinutesFiles).
        var documents = await OParlMinutesFiles.ReadAsync(queries, Ids(OParlKind.MeetingDocument), ct);

        var views = new Dictionary<int, MeetingView>();
        MeetingView? View(int id)
        {
            if (!views.TryGetValue(id, out var view) && meetings.TryGetValue(id, out var record))
            {
                views[id] = view = new MeetingView(PrivacyGate.ForPublic(record.Record), record);
            }

            return view;
        }

        return Objects();

        IEnumerable<JsonObject> Objects()
        {
            foreach (var entry in entries)
            {
                var id = entry.Id;
                var json = entry.Removed is { } removal ? Tombstone(entry.Kind, removal) : entry.Kind switch
                {
                    OParlKind.Body => bodies.TryGetValue(id, out var b) ? Body(b) : null,
                    OParlKind.Organization => organizations.TryGetValue(id, out var o) ? Organization(o) : null,
                    OParlKind.Person => people.TryGetValue(id, out var p) ? Person(p) : null,
                    OParlKind.Membership => memberships.TryGetValue(id, out var m) ? Membership(m) : null,
                    OParlKind.LegislativeTerm => terms.TryGetValue(id, out var t) ? Term(t) : null,
                    OParlKind.Location => locations.TryGetValue(id, out var l) && l.Meetings.Count > 0 ? Location(l).Put("meetings", l.Meetings.Select(Urls.Meeting)) : null,
                    OParlKind.Paper => hearings.TryGetValue(id, out var h) ? Paper(h) : null,
                    OParlKind.Consultation => hearings.TryGetValue(id, out var c) ? Consultation(c) : null,
                    OParlKind.Meeting => View(id) is { } view ? Meeting(view) : null,
                    OParlKind.AgendaItem => itemMeetings.TryGetValue(id, out var mi) && View(mi) is { } view && view.Order.TryGetValue(id, out var order)
                        ? AgendaItem(view, view.Flat[order], order)
                        : null,
                    OParlKind.AttachmentFile => attachmentMeetings.TryGetValue(id, out var ma) && View(ma) is { Meeting.AgendaVisible: true } view
                        && view.Meeting.Attachments.FirstOrDefault(a => a.Id == id && a.HasFile) is { } attachment
                        ? AttachmentFile(view, attachment, withText: true)
                        : null,
                    OParlKind.MeetingDocument => documents.TryGetValue(id, out var document) ? OParlMinutesFiles.File(Urls, document) : null,
                    OParlKind.OriginalFile => View(id) is { Meeting: { AgendaVisible: true, ImportedFileUrl: not null } } view ? OriginalFile(view) : null,
                    _ => null,
                };
                if (json is not null)
                {
                    yield return json;
                }
            }
        }
    }

    private JsonObject Tombstone(OParlKind kind, OParlRemoval removal)
    {
        var id = removal.Id;
        var (type, url) = kind switch
        {
            OParlKind.Body => ("Body", Urls.Body(id)),
            OParlKind.Organization => ("Organization", Urls.Organization(id)),
            OParlKind.Person => ("Person", Urls.Person(id)),
            OParlKind.Membership => ("Membership", Urls.Membership(id)),
            OParlKind.Meeting => ("Meeting", Urls.Meeting(id)),
            OParlKind.AgendaItem => ("AgendaItem", Urls.AgendaItem(id)),
            OParlKind.Paper => ("Paper", Urls.Paper(id)),
            OParlKind.Consultation => ("Consultation", Urls.Consultation(id)),
            OParlKind.AttachmentFile => ("File", Urls.File("a" + OParlUrls.Id(id))),
            OParlKind.MeetingDocument => ("File", Urls.File("m" + OParlUrls.Id(id))),
            OParlKind.OriginalFile => ("File", Urls.File("o" + OParlUrls.Id(id))),
            OParlKind.Location => ("Location", Urls.Location(id)),
            OParlKind.LegislativeTerm => ("LegislativeTerm", Urls.LegislativeTerm(id)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return OParlJson.Tombstone(type, url, removal.Created, removal.Deleted);
    }

    private JsonObject Body(OParlBodyRecord body) =>
        OParlJson.New("Body", Urls.Body(body.Id))
            .Put("system", Urls.System)
            .Put("name", body.Name)
            .Put("website", body.Website)
            .Put("organization", Urls.BodyList(body.Id, "organization"))
            .Put("person", Urls.BodyList(body.Id, "person"))
            .Put("meeting", Urls.BodyList(body.Id, "meeting"))
            .Put("paper", Urls.BodyList(body.Id, "paper"))
            .Put("agendaItem", Urls.BodyList(body.Id, "agendaItem"))
            .Put("consultation", Urls.BodyList(body.Id, "consultation"))
            .Put("file", Urls.BodyList(body.Id, "file"))
            .Put("locationList", Urls.BodyList(body.Id, "locationList"))
            .Put("legislativeTermList", Urls.BodyList(body.Id, "legislativeTermList"))
            .Put("membership", Urls.BodyList(body.Id, "membership"))
            .Put("legislativeTerm", new JsonArray(body.Terms.Select(t => (JsonNode?)Term(t)).ToArray()))
            .Put("classification", "Kommune")
            .Stamps(body.Created, body.Modified)
            .Put("web", Urls.Web("/"));

    private JsonObject Organization(OParlOrganizationRecord o)
    {
        var council = o.Kind != OrganizationKind.ExternalOrganisation;
        return OParlJson.New("Organization", Urls.Organization(o.Id))
            .Put("body", Urls.Body(o.BodyId))
            .Put("name", o.Name)
            .Put("shortName", o.ShortName)
            .Put("membership", o.Memberships.Select(Urls.Membership))
            .Put("meeting", council ? Urls.Api($"/organization/{OParlUrls.Id(o.Id)}/meeting") : null)
            .Put("organizationType", council ? "Gremium" : "Institution")
            .Put("classification", o.Kind switch { OrganizationKind.Council => "Råd", OrganizationKind.Committee => "Udvalg", _ => "Organisation" })
            .Put("website", o.Website)
            .Put("keyword", o.Purpose is null ? [] : new[] { o.Purpose })
            .Stamps(o.Created, o.Modified)
            .Put("web", council ? Urls.Web("/raad/" + o.Slug) : null);
    }

    private JsonObject Person(OParlPersonRecord p) =>
        p.Publication != PublicationLevel.Named

            // Shown by role only: a live record (as deleted, clients removed a person who is still there) named as the portal
            // names them (PersonRef.PublicName), without the seats (their memberships do not name them either) and without a
            // page on the portal to link to.
            ? OParlJson.New("Person", Urls.Person(p.Id))
                .Put("body", Urls.Body(p.BodyId))
                .Put("name", WithheldName(p))
                .Stamps(p.Created, p.Modified)
            : OParlJson.New("Person", Urls.Person(p.Id))
                .Put("body", Urls.Body(p.BodyId))
                .Put("name", p.Name)
                .Put("membership", p.Memberships.Select(Membership))
                .Stamps(p.Created, p.Modified)
                .Put("web", Urls.Web("/personer/" + OParlUrls.Id(p.Id)));

    /// <summary>What stands in for the name of a person shown by role only, as on the portal's pages.</summary>
    internal static string WithheldName(OParlPersonRecord p) => new PersonRef(p.Id, p.Name, p.Publication, p.PublicRole).PublicName;

    /// <summary>A seat; for a person shown by role only, without the person and the organisation they represent, as on the council's page.</summary>
    private JsonObject Membership(OParlMembershipRecord m)
    {
        var named = m.Publication == PublicationLevel.Named;
        return OParlJson.New("Membership", Urls.Membership(m.Id))
            .Put("person", named ? Urls.Person(m.PersonId) : null)
            .Put("organization", Urls.Organization(m.OrganizationId))
            .Put("role", named ? Danish.Role(m.Role) : $"{Danish.Role(m.Role)} ({m.PublicRole})")
            .Put("votingRight", JsonValue.Create(m.Role is MembershipRole.Chair or MembershipRole.ViceChair or MembershipRole.Member))
            .Put("startDate", m.Start is { } s ? OParlJson.Date(s) : null)
            .Put("endDate", m.End is { } e ? OParlJson.Date(e) : null)
            .Put("onBehalfOf", named && m.OnBehalfOfId is { } o ? Urls.Organization(o) : null)
            .Stamps(m.Created, m.Modified);
    }

    private JsonObject Term(OParlTermRecord t) =>
        OParlJson.New("LegislativeTerm", Urls.LegislativeTerm(t.Id))
            .Put("body", Urls.Body(t.BodyId))
            .Put("name", $"{t.Name} ({t.OrganizationName})")
            .Put("startDate", OParlJson.Date(t.Start))
            .Put("endDate", t.End is { } e ? OParlJson.Date(e) : null)
            .Stamps(t.Created, t.Modified);

    private JsonObject Location(OParlLocationRecord l) =>
        OParlJson.New("Location", Urls.Location(l.Id))
            .Put("description", string.Join(", ", new[] { l.Name, l.Street, string.Join(' ', new[] { l.PostalCode, l.Locality }.OfType<string>()) }.Where(s => !string.IsNullOrWhiteSpace(s))))
            .Put("streetAddress", l.Street)
            .Put("room", l.Room)
            .Put("postalCode", l.PostalCode)
            .Put("locality", l.Locality)
            .Put("bodies", [Urls.Body(l.BodyId)])
            .Stamps(l.Created, l.Modified);

    /// <summary>A meeting as the public sees it, with the record's OParl extras; <see cref="Order"/> the position of each public item.</summary>
    internal sealed record MeetingView(PublicMeeting Meeting, OParlMeetingRecord Record)
    {
        public List<PublicAgendaItem> Flat { get; } = Meeting.Items.SelectMany(i => new[] { i }.Concat(i.Children)).ToList();

        public Dictionary<int, int> Order { get; } = Meeting.Items.SelectMany(i => new[] { i }.Concat(i.Children)).Select((item, index) => (item.Id, index)).ToDictionary(p => p.Id, p => p.index);
    }

    /// <summary>OParl's recommended states: terminiert (planned), eingeladen (the agenda is out), durchgeführt (the minutes are public).</summary>
    internal static string MeetingState(PublicMeeting m) =>
        m.MinutesVisible ? "durchgeführt" : m.AgendaVisible ? "eingeladen" : "terminiert";

    private JsonObject Meeting(MeetingView view)
    {
        var m = view.Meeting;
        var auxiliary = m.Attachments.Where(a => a.AgendaItemId is null && a.HasFile).Select(a => AttachmentFile(view, a, withText: false)).ToList();
        if (m.ImportedFileUrl is not null)
        {
            auxiliary.Add(OriginalFile(view));
        }

        var document = m.AgendaVisible ? MeetingDocument(view) : null;
        return OParlJson.New("Meeting", Urls.Meeting(m.Id))
            .Put("name", m.Name ?? $"{m.OrganizationName}, {Core.Text.DanishDates.Date(m.Date)}")
            .Put("meetingState", MeetingState(m))
            .Put("cancelled", JsonValue.Create(m.Cancelled))
            .Put("start", OParlJson.DateTime(m.Date, m.StartTime ?? TimeOnly.MinValue))
            .Put("end", m.EndTime is { } end ? OParlJson.DateTime(m.Date, end) : null)
            .Put("location", view.Record.Location is { } l ? Location(l) : null)
            .Put("organization", [Urls.Organization(view.Record.Record.OrganizationId)])
            .Put("participant", m.Present.Concat(m.Guests).Select(p => p.PersonId).OfType<int>().Distinct().Select(Urls.Person))
            .Put(m.MinutesVisible ? "resultsProtocol" : "invitation", document)
            .Put("auxiliaryFile", auxiliary)
            .Put("agendaItem", view.Flat.Select((item, index) => AgendaItem(view, item, index)))
            .Put("keyword", m.Cancelled ? [Danish.State(m.State), "Aflyst"] : new[] { Danish.State(m.State) })
            .Stamps(view.Record.Created, view.Record.Modified)
            .Put("web", Urls.Web("/moeder/" + OParlUrls.Id(m.Id)));
    }

    private JsonObject AgendaItem(MeetingView view, PublicAgendaItem item, int order)
    {
        var stamps = view.Record.ItemStamps[item.Id];
        var files = view.Meeting.Attachments.Where(a => a.AgendaItemId == item.Id && a.HasFile).Select(a => AttachmentFile(view, a, withText: false));
        return OParlJson.New("AgendaItem", Urls.AgendaItem(item.Id))
            .Put("meeting", Urls.Meeting(view.Meeting.Id))
            .Put("number", item.Number)
            .Put("order", JsonValue.Create(order + 1))
            .Put("name", item.Title)
            .Put("public", JsonValue.Create(item.IsPublic))
            .Put("consultation", view.Record.ItemHearings.TryGetValue(item.Id, out var hearing) && item.IsPublic ? Urls.Consultation(hearing) : null)
            .Put("result", item.Withdrawn ? "trukket tilbage" : null)
            .Put("resolutionText", item.Decision)
            .Put("auxiliaryFile", files)
            .Put("keyword", [Danish.Kind(item.Kind)])
            .Stamps(stamps.Created, stamps.Modified)
            .Put("web", Urls.Web($"/moeder/{OParlUrls.Id(view.Meeting.Id)}#{item.Anchor}"));
    }

    /// <summary>
    /// An attachment as a File; <paramref name="withText"/> with its text, as at its own URL and in the body's file list. A File
    /// embedded in a meeting or an agenda item carries no <c>text</c> (optional in OParl 1.1): see docs/oparl.md.
    /// </summary>
    private JsonObject AttachmentFile(MeetingView view, AttachmentRecord a, bool withText) =>
        OParlJson.New("File", Urls.File("a" + OParlUrls.Id(a.Id)))
            .Put("name", a.Title)
            .Put("fileName", a.FileName)
            .Put("mimeType", a.MediaType)
            .Put("size", JsonValue.Create(a.SizeBytes))
            .Put("text", withText ? view.Record.AttachmentTexts.GetValueOrDefault(a.Id) : null)
            .Put("accessUrl", Urls.Web($"/moeder/{OParlUrls.Id(view.Meeting.Id)}/bilag/{OParlUrls.Id(a.Id)}/{Uri.EscapeDataString(a.FileName)}"))
            .Put("meeting", [Urls.Meeting(view.Meeting.Id)])
            .Put("agendaItem", a.AgendaItemId is { } item ? [Urls.AgendaItem(item)] : Array.Empty<string>())
            .Stamps(view.Record.Created, view.Record.Modified);

    /// <summary>
    /// The agenda (before the minutes are public) or the minutes, as the portal's tagged PDF, as a meeting embeds it: without its
    /// text, which the File has at its own URL and in the body's file list (<see cref="OParlMinutesFiles"/>).
    /// </summary>
    private JsonObject MeetingDocument(MeetingView view)
    {
        var m = view.Meeting;
        return OParlJson.New("File", Urls.File("m" + OParlUrls.Id(m.Id)))
            .Put("name", MinutesOutline.Title(m))
            .Put("fileName", MinutesOutline.FileName(m, "pdf"))
            .Put("mimeType", "application/pdf")
            .Put("date", OParlJson.Date(m.Date))
            .Put("accessUrl", Urls.Web($"/moeder/{OParlUrls.Id(m.Id)}/referat.pdf"))
            .Put("meeting", [Urls.Meeting(m.Id)])
            .Stamps(view.Record.Created, view.Record.Modified)
            .Put("web", Urls.Web("/moeder/" + OParlUrls.Id(m.Id)));
    }

    private JsonObject OriginalFile(MeetingView view)
    {
        var m = view.Meeting;
        var extension = Path.GetExtension(m.ImportedFrom ?? string.Empty).ToLowerInvariant();
        return OParlJson.New("File", Urls.File("o" + OParlUrls.Id(m.Id)))
            .Put("name", "Importeret fra " + m.ImportedFrom)
            .Put("fileName", m.ImportedFrom)
            .Put("mimeType", extension switch
            {
                ".pdf" => "application/pdf",
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".html" or ".htm" => "text/html",
                _ => "text/plain",
            })
            .Put("accessUrl", Urls.Web(m.ImportedFileUrl!))
            .Put("meeting", [Urls.Meeting(m.Id)])
            .Stamps(view.Record.Created, view.Record.Modified);
    }

    /// <summary>Paper and Consultation share a hearing; its subject with the names of people shown by role only replaced.</summary>
    private static string Subject(OParlHearingRecord h) => new WithheldNames(h.Withheld).Apply(h.Subject)!;

    private JsonObject Paper(OParlHearingRecord h) =>
        OParlJson.New("Paper", Urls.Paper(h.Id))
            .Put("body", Urls.Body(h.BodyId))
            .Put("name", Subject(h))
            .Put("date", OParlJson.Date(h.Received ?? h.Deadline))
            .Put("paperType", "Høring")
            .Put("consultation", [Consultation(h)])
            .Put("keyword", ["høring", "frist " + OParlJson.Date(h.Deadline)])
            .Stamps(h.Created, h.Modified)
            .Put("web", Urls.Web($"/moeder/{OParlUrls.Id(h.MeetingId)}#punkt-{h.ItemNumber}"));

    private JsonObject Consultation(OParlHearingRecord h) =>
        OParlJson.New("Consultation", Urls.Consultation(h.Id))
            .Put("paper", Urls.Paper(h.Id))
            .Put("agendaItem", Urls.AgendaItem(h.ItemId))
            .Put("meeting", Urls.Meeting(h.MeetingId))
            .Put("organization", [Urls.Organization(h.OrganizationId)])
            .Put("authoritative", JsonValue.Create(false))
            .Put("role", "Høring")
            .Stamps(h.Created, h.Modified)
            .Put("web", Urls.Web($"/moeder/{OParlUrls.Id(h.MeetingId)}#punkt-{h.ItemNumber}"));
}
