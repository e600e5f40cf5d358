using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Web.Exports;

namespace Protokol.Web.OParl;

/// <summary>
/// Protokol's public data as OParl 1.1 objects. Everything passes the same gate as the portal:
/// meetings from their published agenda on, minutes and attendance once published, closed items by
/// title only, people shown by role never by name (their records read as deleted), and the names of
/// such people replaced in every text. Deleted records are kept as tombstones from the audit log.
/// </summary>
public sealed class OParlObjects(ProtokolDbContext db, IPortalQueries queries, IOptions<SiteOptions> site)
{
    private static readonly MeetingState FirstPublic = MeetingState.AgendaPublished;

    public OParlUrls Urls { get; set; } = new("http://localhost");

    public JsonObject System() =>
        OParlJson.New("System", Urls.System)
            .Put("oparlVersion", OParlJson.Schema)
            .Put("body", Urls.Api("/body"))
            .Put("name", site.Value.Name == "Protokol" ? "Protokol" : $"Protokol – {site.Value.Name}")
            .Put("website", Urls.Web("/"))
            .Put("web", Urls.Web("/"));

    public async Task<JsonObject?> BodyAsync(int id, CancellationToken ct)
    {
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (body is null)
        {
            return await TombstoneAsync("Body", nameof(Body), id, Urls.Body(id), ct);
        }

        var terms = await db.Terms.AsNoTracking().Include(t => t.Organization).Where(t => t.Organization.BodyId == id).OrderBy(t => t.Id).ToListAsync(ct);
        return OParlJson.New("Body", Urls.Body(id))
            .Put("system", Urls.System)
            .Put("name", body.Name)
            .Put("website", body.Website)
            .Put("organization", Urls.BodyList(id, "organization"))
            .Put("person", Urls.BodyList(id, "person"))
            .Put("meeting", Urls.BodyList(id, "meeting"))
            .Put("paper", Urls.BodyList(id, "paper"))
            .Put("agendaItem", Urls.BodyList(id, "agendaItem"))
            .Put("consultation", Urls.BodyList(id, "consultation"))
            .Put("file", Urls.BodyList(id, "file"))
            .Put("locationList", Urls.BodyList(id, "locationList"))
            .Put("legislativeTermList", Urls.BodyList(id, "legislativeTermList"))
            .Put("membership", Urls.BodyList(id, "membership"))
            .Put("legislativeTerm", new JsonArray(terms.Select(t => (JsonNode?)Term(t)).ToArray()))
            .Put("classification", "Kommune")
            .Stamps(body.Created, body.Modified)
            .Put("web", Urls.Web("/"));
    }

    public async Task<JsonObject?> OrganizationAsync(int id, CancellationToken ct)
    {
        var o = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (o is null)
        {
            return await TombstoneAsync("Organization", nameof(Organization), id, Urls.Organization(id), ct);
        }

        var council = o.Kind != OrganizationKind.ExternalOrganisation;
        var seats = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == id).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        return OParlJson.New("Organization", Urls.Organization(id))
            .Put("body", Urls.Body(o.BodyId))
            .Put("name", o.Name)
            .Put("shortName", o.ShortName)
            .Put("membership", seats.Select(Urls.Membership))
            .Put("meeting", council ? Urls.Api($"/organization/{OParlUrls.Id(id)}/meeting") : null)
            .Put("organizationType", council ? "Gremium" : "Institution")
            .Put("classification", o.Kind switch { OrganizationKind.Council => "Råd", OrganizationKind.Committee => "Udvalg", _ => "Organisation" })
            .Put("website", o.Website)
            .Put("keyword", o.Purpose is null ? [] : new[] { o.Purpose })
            .Stamps(o.Created, o.Modified)
            .Put("web", council ? Urls.Web("/raad/" + o.Slug) : null);
    }

    public async Task<JsonObject?> PersonAsync(int id, CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (p is null)
        {
            return await TombstoneAsync("Person", nameof(Person), id, Urls.Person(id), ct);
        }

        if (p.Publication != PublicationLevel.Named)
        {
            // Shown by role only: to the API the record does not exist, and a client that knew the name learns to drop it.
            return OParlJson.Tombstone("Person", Urls.Person(id), p.Created, p.Modified);
        }

        var seats = await db.Memberships.AsNoTracking().Include(m => m.Person).Include(m => m.OnBehalfOf).Where(m => m.PersonId == id).OrderBy(m => m.Id).ToListAsync(ct);
        return OParlJson.New("Person", Urls.Person(id))
            .Put("body", Urls.Body(p.BodyId))
            .Put("name", p.Name)
            .Put("membership", seats.Select(Membership))
            .Stamps(p.Created, p.Modified)
            .Put("web", Urls.Web("/personer/" + OParlUrls.Id(id)));
    }

    public async Task<JsonObject?> MembershipAsync(int id, CancellationToken ct)
    {
        var m = await db.Memberships.AsNoTracking().Include(m => m.Person).Include(m => m.OnBehalfOf).FirstOrDefaultAsync(m => m.Id == id, ct);
        return m is null ? await TombstoneAsync("Membership", nameof(Core.Registry.Membership), id, Urls.Membership(id), ct) : Membership(m);
    }

    /// <summary>A seat; for a person shown by role only, without the person and the organisation they represent, as on the council's page.</summary>
    private JsonObject Membership(Membership m)
    {
        var named = m.Person.Publication == PublicationLevel.Named;
        return OParlJson.New("Membership", Urls.Membership(m.Id))
            .Put("person", named ? Urls.Person(m.PersonId) : null)
            .Put("organization", Urls.Organization(m.OrganizationId))
            .Put("role", named ? Danish.Role(m.Role) : $"{Danish.Role(m.Role)} ({m.Person.PublicRole})")
            .Put("votingRight", JsonValue.Create(m.Role is MembershipRole.Chair or MembershipRole.ViceChair or MembershipRole.Member))
            .Put("startDate", m.Start is { } s ? OParlJson.Date(s) : null)
            .Put("endDate", m.End is { } e ? OParlJson.Date(e) : null)
            .Put("onBehalfOf", named && m.OnBehalfOfId is { } o ? Urls.Organization(o) : null)
            .Stamps(m.Created, m.Modified);
    }

    public async Task<JsonObject?> LegislativeTermAsync(int id, CancellationToken ct)
    {
        var t = await db.Terms.AsNoTracking().Include(t => t.Organization).FirstOrDefaultAsync(t => t.Id == id, ct);
        return t is null ? await TombstoneAsync("LegislativeTerm", nameof(Core.Registry.Term), id, Urls.LegislativeTerm(id), ct) : Term(t);
    }

    private JsonObject Term(Term t) =>
        OParlJson.New("LegislativeTerm", Urls.LegislativeTerm(t.Id))
            .Put("body", t.Organization is { } o ? Urls.Body(o.BodyId) : null)
            .Put("name", t.Organization is { } org ? $"{t.Name} ({org.Name})" : t.Name)
            .Put("startDate", OParlJson.Date(t.Start))
            .Put("endDate", t.End is { } e ? OParlJson.Date(e) : null)
            .Stamps(t.Created, t.Modified);

    public async Task<JsonObject?> LocationAsync(int id, CancellationToken ct)
    {
        var l = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (l is null)
        {
            return await TombstoneAsync("Location", nameof(Location), id, Urls.Location(id), ct);
        }

        var meetings = await db.Meetings.AsNoTracking().Where(m => m.LocationId == id && m.State >= FirstPublic).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        return meetings.Count == 0 ? null : Location(l).Put("meetings", meetings.Select(Urls.Meeting));
    }

    private JsonObject Location(Location l) =>
        OParlJson.New("Location", Urls.Location(l.Id))
            .Put("description", string.Join(", ", new[] { l.Name, l.Street, string.Join(' ', new[] { l.PostalCode, l.Locality }.OfType<string>()) }.Where(s => !string.IsNullOrWhiteSpace(s))))
            .Put("streetAddress", l.Street)
            .Put("room", l.Room)
            .Put("postalCode", l.PostalCode)
            .Put("locality", l.Locality)
            .Put("bodies", [Urls.Body(l.BodyId)])
            .Stamps(l.Created, l.Modified);

    public async Task<JsonObject?> MeetingAsync(int id, CancellationToken ct)
    {
        var view = await PublicMeetingAsync(id, ct);
        return view is null ? await TombstoneAsync("Meeting", nameof(Meeting), id, Urls.Meeting(id), ct, wasPublic: WasPublicMeeting) : Meeting(view);
    }

    public async Task<JsonObject?> AgendaItemAsync(int id, CancellationToken ct)
    {
        if ((await AgendaItemsAsync([id], ct)) is [var item])
        {
            return item;
        }

        return await db.AgendaItems.AnyAsync(i => i.Id == id, ct) ? null : await TombstoneAsync("AgendaItem", nameof(AgendaItem), id, Urls.AgendaItem(id), ct);
    }

    /// <summary>A page of agenda items: their meetings read once each, the items in the order asked for.</summary>
    public async Task<List<JsonObject>> AgendaItemsAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        var meetingOf = await db.AgendaItems.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.MeetingId }).ToDictionaryAsync(i => i.Id, i => i.MeetingId, ct);
        var items = new List<JsonObject>();
        foreach (var id in ids)
        {
            if (meetingOf.TryGetValue(id, out var meetingId) && await PublicMeetingAsync(meetingId, ct) is { } view && view.Flat.FindIndex(i => i.Id == id) is var index and >= 0)
            {
                items.Add(AgendaItem(view, view.Flat[index], index));
            }
        }

        return items;
    }

    public async Task<JsonObject?> FileAsync(string key, CancellationToken ct)
    {
        if (key.Length < 2 || !int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        switch (key[0])
        {
            case 'a':
                var meetingId = await db.Attachments.AsNoTracking().Where(a => a.Id == id).Select(a => (int?)a.MeetingId).FirstOrDefaultAsync(ct);
                if (meetingId is null)
                {
                    return await TombstoneAsync("File", nameof(Attachment), id, Urls.File(key), ct);
                }

                var view = await PublicMeetingAsync(meetingId.Value, ct);
                return view?.Meeting.Attachments.FirstOrDefault(a => a.Id == id && a.HasFile) is { } attachment ? AttachmentFile(view, attachment) : null;
            case 'm':
                return await PublicMeetingAsync(id, ct) is { } minutes ? MeetingDocument(minutes) : null;
            case 'o':
                return await PublicMeetingAsync(id, ct) is { Meeting.ImportedFileUrl: not null } imported ? OriginalFile(imported) : null;
            default:
                return null;
        }
    }

    public async Task<JsonObject?> PaperAsync(int id, CancellationToken ct)
    {
        var hearing = await PublicHearingAsync(id, ct);
        return hearing is null ? await TombstoneAsync("Paper", nameof(Core.Hearings.Hearing), id, Urls.Paper(id), ct) : Paper(hearing);
    }

    public async Task<JsonObject?> ConsultationAsync(int id, CancellationToken ct)
    {
        var hearing = await PublicHearingAsync(id, ct);
        return hearing is null ? await TombstoneAsync("Consultation", nameof(Core.Hearings.Hearing), id, Urls.Consultation(id), ct) : Consultation(hearing);
    }

    internal sealed record MeetingView(PublicMeeting Meeting, int OrganizationId, int BodyId, int? LocationId, Location? Location, DateTime Created, DateTime Modified, Dictionary<int, (DateTime Created, DateTime Modified)> ItemStamps, Dictionary<int, string> Texts, Dictionary<int, int> Hearings)
    {
        public List<PublicAgendaItem> Flat { get; } = Meeting.Items.SelectMany(i => new[] { i }.Concat(i.Children)).ToList();
    }

    // A list page of agenda items or files reads each of their meetings once.
    private readonly Dictionary<int, MeetingView?> _views = [];

    internal async Task<MeetingView?> PublicMeetingAsync(int id, CancellationToken ct)
    {
        if (!_views.TryGetValue(id, out var view))
        {
            _views[id] = view = await ReadMeetingAsync(id, ct);
        }

        return view;
    }

    private async Task<MeetingView?> ReadMeetingAsync(int id, CancellationToken ct)
    {
        var record = await queries.GetMeetingAsync(id, ct);
        if (record is null || !PrivacyGate.IsPublic(record.State) || PrivacyGate.ForPublic(record) is not { } meeting)
        {
            return null;
        }

        var row = await db.Meetings.AsNoTracking().Include(m => m.Location).Where(m => m.Id == id)
            .Select(m => new { m.Created, m.Modified, m.LocationId, m.Location, m.Organization.BodyId }).FirstAsync(ct);
        var stamps = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == id).Select(i => new { i.Id, i.Created, i.Modified }).ToDictionaryAsync(i => i.Id, i => (i.Created, i.Modified), ct);
        var publicIds = meeting.Attachments.Select(a => a.Id).ToList();
        var texts = await db.Attachments.AsNoTracking().Where(a => publicIds.Contains(a.Id) && a.Text != null).ToDictionaryAsync(a => a.Id, a => a.Text!, ct);
        var hearings = await db.Hearings.AsNoTracking().Where(h => h.AgendaItem != null && h.AgendaItem.MeetingId == id)
            .Select(h => new { h.Id, ItemId = h.AgendaItemId!.Value }).ToListAsync(ct);
        return new MeetingView(meeting, record.OrganizationId, row.BodyId, row.LocationId, row.Location, row.Created, row.Modified, stamps, texts,
            hearings.GroupBy(h => h.ItemId).ToDictionary(g => g.Key, g => g.First().Id));
    }

    internal JsonObject Meeting(MeetingView view)
    {
        var m = view.Meeting;
        var auxiliary = m.Attachments.Where(a => a.AgendaItemId is null && a.HasFile).Select(a => AttachmentFile(view, a)).ToList();
        if (m.ImportedFileUrl is not null)
        {
            auxiliary.Add(OriginalFile(view));
        }

        var document = MeetingDocument(view);
        return OParlJson.New("Meeting", Urls.Meeting(m.Id))
            .Put("name", m.Name ?? $"{m.OrganizationName}, {Core.Text.DanishDates.Date(m.Date)}")
            .Put("meetingState", m.MinutesVisible ? "durchgeführt" : "eingeladen")
            .Put("cancelled", JsonValue.Create(false))
            .Put("start", OParlJson.DateTime(m.Date, m.StartTime ?? TimeOnly.MinValue))
            .Put("end", m.EndTime is { } end ? OParlJson.DateTime(m.Date, end) : null)
            .Put("location", view.Location is { } l ? Location(l) : null)
            .Put("organization", [Urls.Organization(view.OrganizationId)])
            .Put("participant", m.Present.Concat(m.Guests).Select(p => p.PersonId).OfType<int>().Distinct().Select(Urls.Person))
            .Put(m.MinutesVisible ? "resultsProtocol" : "invitation", document)
            .Put("auxiliaryFile", auxiliary)
            .Put("agendaItem", view.Flat.Select((item, index) => AgendaItem(view, item, index)))
            .Put("keyword", [Danish.State(m.State)])
            .Stamps(view.Created, view.Modified)
            .Put("web", Urls.Web("/moeder/" + OParlUrls.Id(m.Id)));
    }

    private JsonObject AgendaItem(MeetingView view, PublicAgendaItem item, int order)
    {
        var stamps = view.ItemStamps[item.Id];
        var files = view.Meeting.Attachments.Where(a => a.AgendaItemId == item.Id && a.HasFile).Select(a => AttachmentFile(view, a));
        return OParlJson.New("AgendaItem", Urls.AgendaItem(item.Id))
            .Put("meeting", Urls.Meeting(view.Meeting.Id))
            .Put("number", item.Number)
            .Put("order", JsonValue.Create(order + 1))
            .Put("name", item.Title)
            .Put("public", JsonValue.Create(item.IsPublic))
            .Put("consultation", view.Hearings.TryGetValue(item.Id, out var hearing) && item.IsPublic ? Urls.Consultation(hearing) : null)
            .Put("result", item.Withdrawn ? "trukket tilbage" : null)
            .Put("resolutionText", item.Decision)
            .Put("auxiliaryFile", files)
            .Put("keyword", [Danish.Kind(item.Kind)])
            .Stamps(stamps.Created, stamps.Modified)
            .Put("web", Urls.Web($"/moeder/{OParlUrls.Id(view.Meeting.Id)}#{item.Anchor}"));
    }

    private JsonObject AttachmentFile(MeetingView view, AttachmentRecord a) =>
        OParlJson.New("File", Urls.File("a" + OParlUrls.Id(a.Id)))
            .Put("name", a.Title)
            .Put("fileName", a.FileName)
            .Put("mimeType", a.MediaType)
            .Put("size", JsonValue.Create(a.SizeBytes))
            .Put("text", view.Texts.GetValueOrDefault(a.Id))
            .Put("accessUrl", Urls.Web($"/moeder/{OParlUrls.Id(view.Meeting.Id)}/bilag/{OParlUrls.Id(a.Id)}/{Uri.EscapeDataString(a.FileName)}"))
            .Put("meeting", [Urls.Meeting(view.Meeting.Id)])
            .Put("agendaItem", a.AgendaItemId is { } item ? [Urls.AgendaItem(item)] : Array.Empty<string>())
            .Stamps(view.Created, view.Modified);

    /// <summary>The agenda (before the minutes are public) or the minutes, as the portal's tagged PDF, with its text.</summary>
    private JsonObject MeetingDocument(MeetingView view)
    {
        var m = view.Meeting;
        var text = string.Join("\n\n", MinutesOutline.From(m).Select(b => b.Text));
        return OParlJson.New("File", Urls.File("m" + OParlUrls.Id(m.Id)))
            .Put("name", MinutesOutline.Title(m))
            .Put("fileName", MinutesOutline.FileName(m, "pdf"))
            .Put("mimeType", "application/pdf")
            .Put("date", OParlJson.Date(m.Date))
            .Put("text", text)
            .Put("accessUrl", Urls.Web($"/moeder/{OParlUrls.Id(m.Id)}/referat.pdf"))
            .Put("meeting", [Urls.Meeting(m.Id)])
            .Stamps(view.Created, view.Modified)
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
            .Stamps(view.Created, view.Modified);
    }

    internal sealed record HearingView(int Id, int BodyId, int OrganizationId, int MeetingId, int ItemId, string ItemAnchor, string Subject, DateOnly? Received, DateOnly Deadline, DateTime Created, DateTime Modified);

    private async Task<HearingView?> PublicHearingAsync(int id, CancellationToken ct)
    {
        var h = await db.Hearings.AsNoTracking().Where(h => h.Id == id && h.AgendaItem != null && h.AgendaItem.IsPublic && h.AgendaItem.Meeting.State >= FirstPublic)
            .Select(h => new { h.Id, h.Organization.BodyId, h.OrganizationId, h.AgendaItem!.MeetingId, ItemId = h.AgendaItem.Id, h.AgendaItem.Number, h.Subject, h.Received, h.Deadline, h.Created, h.Modified })
            .FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return null;
        }

        var withheld = new WithheldNames(await queries.WithheldAsync(h.BodyId, ct));
        return new HearingView(h.Id, h.BodyId, h.OrganizationId, h.MeetingId, h.ItemId, "punkt-" + h.Number, withheld.Apply(h.Subject)!, h.Received, h.Deadline, h.Created, h.Modified);
    }

    private JsonObject Paper(HearingView h) =>
        OParlJson.New("Paper", Urls.Paper(h.Id))
            .Put("body", Urls.Body(h.BodyId))
            .Put("name", h.Subject)
            .Put("date", OParlJson.Date(h.Received ?? h.Deadline))
            .Put("paperType", "Høring")
            .Put("consultation", [Consultation(h)])
            .Put("keyword", ["høring", "frist " + OParlJson.Date(h.Deadline)])
            .Stamps(h.Created, h.Modified)
            .Put("web", Urls.Web($"/moeder/{OParlUrls.Id(h.MeetingId)}#{h.ItemAnchor}"));

    private JsonObject Consultation(HearingView h) =>
        OParlJson.New("Consultation", Urls.Consultation(h.Id))
            .Put("paper", Urls.Paper(h.Id))
            .Put("agendaItem", Urls.AgendaItem(h.ItemId))
            .Put("meeting", Urls.Meeting(h.MeetingId))
            .Put("organization", [Urls.Organization(h.OrganizationId)])
            .Put("authoritative", JsonValue.Create(false))
            .Put("role", "Høring")
            .Stamps(h.Created, h.Modified)
            .Put("web", Urls.Web($"/moeder/{OParlUrls.Id(h.MeetingId)}#{h.ItemAnchor}"));

    /// <summary>A removed record's tombstone from the audit log, or null (404) when it never existed.</summary>
    private async Task<JsonObject?> TombstoneAsync(string type, string entityType, int id, string url, CancellationToken ct, Func<string, bool>? wasPublic = null) =>
        (await RemovalsAsync(entityType, id, ct)).FirstOrDefault(r => wasPublic is null || wasPublic(r.Changes)) is { } removal
            ? OParlJson.Tombstone(type, url, removal.Created, removal.Deleted)
            : null;

    /// <summary>A removed record: when it was first stored, when it was removed, and its last values.</summary>
    internal sealed record Removal(int Id, DateTime Created, DateTime Deleted, string Changes);

    /// <summary>The records of one kind (or the one record) the audit log saw removed, the last removal of each.</summary>
    internal async Task<List<Removal>> RemovalsAsync(string entityType, int? id, CancellationToken ct)
    {
        var removed = await db.AuditLog.AsNoTracking().Where(e => e.Action == "removed" && e.EntityType == entityType && (id == null || e.EntityId == id))
            .OrderBy(e => e.Id).Select(e => new { e.EntityId, e.At, e.Changes }).ToListAsync(ct);
        if (removed.Count == 0)
        {
            return [];
        }

        var ids = removed.Select(e => e.EntityId).Distinct().ToList();
        var added = (await db.AuditLog.AsNoTracking().Where(e => e.Action == "added" && e.EntityType == entityType && ids.Contains(e.EntityId))
                .Select(e => new { e.EntityId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.EntityId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        return removed.GroupBy(e => e.EntityId).Select(g => g.Last())
            .Select(e => new Removal(e.EntityId, added.GetValueOrDefault(e.EntityId, e.At), e.At, e.Changes))
            .ToList();
    }

    /// <summary>Whether a removed meeting's last values show it public (a draft removed before publication never existed to the public).</summary>
    internal static bool WasPublicMeeting(string changes)
    {
        using var json = global::System.Text.Json.JsonDocument.Parse(changes);
        return json.RootElement.TryGetProperty("State", out var state) && state.ValueKind == global::System.Text.Json.JsonValueKind.Array
            && state.EnumerateArray().FirstOrDefault().ToString() is { } before
            && Enum.TryParse<MeetingState>(before, out var s) && s >= FirstPublic;
    }
}
