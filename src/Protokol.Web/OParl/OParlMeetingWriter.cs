using System.Text.Json;
using Protokol.Core.Abstractions;
using Protokol.Core.Portal;
using Protokol.Web.Exports;

namespace Protokol.Web.OParl;

/// <summary>
/// OParl's Meeting and AgendaItem objects (and the Files and Locations embedded in them) written straight into a
/// <see cref="Utf8JsonWriter"/> from the public view of their meetings, without a <c>JsonObject</c> per object
/// (issue 17: building the nodes and writing them were a fifth of a meeting list's time). The bytes are those of
/// <see cref="OParlObjects"/>' nodes written by <see cref="OParlEndpoints.Write"/>: the same properties in the same
/// order, a string left out when it is empty or white space, an array when it is empty (<see cref="OParlJson"/>'s
/// <c>Put</c>), the same escaping. The data passes the same gate: <see cref="PrivacyGate.ForPublic"/> per meeting.
/// </summary>
internal sealed class OParlMeetingWriter(IOParlQueries queries, OParlUrls urls)
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText MeetingType = JsonEncodedText.Encode(OParlJson.Schema + "Meeting");
    private static readonly JsonEncodedText AgendaItemType = JsonEncodedText.Encode(OParlJson.Schema + "AgendaItem");
    private static readonly JsonEncodedText FileType = JsonEncodedText.Encode(OParlJson.Schema + "File");
    private static readonly JsonEncodedText LocationType = JsonEncodedText.Encode(OParlJson.Schema + "Location");

    /// <summary>Characters of a long string written at a time, as <see cref="OParlEndpoints.Write"/> does.</summary>
    private const int StringPart = 2048;

    /// <summary>The meetings of a page (or of one object) as the public sees them, by id; and the meeting of each agenda item.</summary>
    internal sealed class Views(Dictionary<int, OParlObjects.MeetingView> meetings, IReadOnlyDictionary<int, int> itemMeetings)
    {
        public Dictionary<int, OParlObjects.MeetingView> Meetings { get; } = meetings;

        public IReadOnlyDictionary<int, int> ItemMeetings { get; } = itemMeetings;
    }

    /// <summary>
    /// Reads the meetings of <paramref name="entries"/> (meetings, agenda items, their tombstones) in one command:
    /// meetings with their attendance, the meetings of agenda items without it (an AgendaItem shows none), both without the
    /// long texts (an embedded File carries no text). As <see cref="OParlObjects.BuildAsync"/> reads them for these kinds.
    /// </summary>
    public async Task<Views> ReadAsync(IReadOnlyList<OParlEntry> entries, CancellationToken ct)
    {
        var meetingIds = new List<int>();
        var itemMeetings = new Dictionary<int, int>();
        List<int>? unknown = null;
        foreach (var entry in entries)
        {
            if (entry.Removed is not null)
            {
                continue;
            }

            if (entry.Kind == OParlKind.Meeting)
            {
                meetingIds.Add(entry.Id);
            }
            else if (entry.Kind == OParlKind.AgendaItem)
            {
                if (entry.MeetingId is { } meeting)
                {
                    itemMeetings.TryAdd(entry.Id, meeting);
                }
                else
                {
                    (unknown ??= []).Add(entry.Id);
                }
            }
        }

        if (unknown is not null)
        {
            foreach (var (id, meeting) in await queries.MeetingsOfAgendaItemsAsync(unknown.Distinct().ToList(), ct))
            {
                itemMeetings.TryAdd(id, meeting);
            }
        }

        var views = new Dictionary<int, OParlObjects.MeetingView>();
        if (meetingIds.Count > 0)
        {
            foreach (var record in await queries.MeetingObjectsAsync(meetingIds, ct))
            {
                views[record.Record.Id] = new OParlObjects.MeetingView(PrivacyGate.ForPublic(record.Record), record);
            }
        }

        var itemsOnly = itemMeetings.Values.Where(id => !views.ContainsKey(id)).Distinct().ToList();
        if (itemsOnly.Count > 0)
        {
            foreach (var record in await queries.MeetingsWithoutTextsAsync(itemsOnly, attendance: false, ct))
            {
                views[record.Record.Id] = new OParlObjects.MeetingView(PrivacyGate.ForPublic(record.Record), record);
            }
        }

        return new Views(views, itemMeetings);
    }

    /// <summary>Writes the entry's object (or its tombstone); false, writing nothing, when it is not public after all.</summary>
    public bool Write(Utf8JsonWriter writer, OParlEntry entry, Views views)
    {
        if (entry.Removed is { } removal)
        {
            WriteTombstone(writer, entry.Kind, removal);
            return true;
        }

        if (entry.Kind == OParlKind.Meeting)
        {
            if (!views.Meetings.TryGetValue(entry.Id, out var view))
            {
                return false;
            }

            WriteMeeting(writer, view);
            return true;
        }

        if (entry.Kind == OParlKind.AgendaItem
            && views.ItemMeetings.TryGetValue(entry.Id, out var meetingId)
            && views.Meetings.TryGetValue(meetingId, out var itemView)
            && itemView.Order.TryGetValue(entry.Id, out var order))
        {
            WriteAgendaItem(writer, itemView, itemView.Flat[order], order);
            return true;
        }

        return false;
    }

    private void WriteTombstone(Utf8JsonWriter w, OParlKind kind, OParlRemoval removal)
    {
        w.WriteStartObject();
        if (kind == OParlKind.Meeting)
        {
            Url(w, Id, "/meeting/", removal.Id);
            w.WriteString(Type, MeetingType);
        }
        else
        {
            Url(w, Id, "/agendaitem/", removal.Id);
            w.WriteString(Type, AgendaItemType);
        }

        Stamps(w, removal.Created, removal.Deleted);
        w.WriteBoolean("deleted", true);
        w.WriteEndObject();
    }

    private void WriteMeeting(Utf8JsonWriter w, OParlObjects.MeetingView view)
    {
        var m = view.Meeting;
        w.WriteStartObject();
        Url(w, Id, "/meeting/", m.Id);
        w.WriteString(Type, MeetingType);
        String(w, "name", m.Name ?? $"{m.OrganizationName}, {Core.Text.DanishDates.Date(m.Date)}");
        String(w, "meetingState", OParlObjects.MeetingState(m));
        w.WriteBoolean("cancelled", m.Cancelled);
        String(w, "start", OParlJson.DateTime(m.Date, m.StartTime ?? TimeOnly.MinValue));
        if (m.EndTime is { } end)
        {
            String(w, "end", OParlJson.DateTime(m.Date, end));
        }

        if (view.Record.Location is { } l)
        {
            w.WritePropertyName("location");
            WriteLocation(w, l);
        }

        w.WriteStartArray("organization");
        Url(w, "/organization/", view.Record.Record.OrganizationId);
        w.WriteEndArray();

        var participants = m.Present.Concat(m.Guests).Select(p => p.PersonId).OfType<int>().Distinct().ToList();
        if (participants.Count > 0)
        {
            w.WriteStartArray("participant");
            foreach (var person in participants)
            {
                Url(w, "/person/", person);
            }

            w.WriteEndArray();
        }

        if (m.AgendaVisible)
        {
            w.WritePropertyName(m.MinutesVisible ? "resultsProtocol" : "invitation");
            WriteMeetingDocument(w, view);
        }

        var auxiliary = false;
        foreach (var a in m.Attachments)
        {
            if (a.AgendaItemId is null && a.HasFile)
            {
                if (!auxiliary)
                {
                    w.WriteStartArray("auxiliaryFile");
                    auxiliary = true;
                }

                WriteAttachmentFile(w, view, a);
            }
        }

        if (m.ImportedFileUrl is not null)
        {
            if (!auxiliary)
            {
                w.WriteStartArray("auxiliaryFile");
                auxiliary = true;
            }

            WriteOriginalFile(w, view);
        }

        if (auxiliary)
        {
            w.WriteEndArray();
        }

        if (view.Flat.Count > 0)
        {
            w.WriteStartArray("agendaItem");
            for (var i = 0; i < view.Flat.Count; i++)
            {
                WriteAgendaItem(w, view, view.Flat[i], i);
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("keyword");
        w.WriteStringValue(Danish.State(m.State));
        if (m.Cancelled)
        {
            w.WriteStringValue("Aflyst");
        }

        w.WriteEndArray();
        Stamps(w, view.Record.Created, view.Record.Modified);
        WebUrl(w, "/moeder/", m.Id, null);
        w.WriteEndObject();
    }

    private void WriteAgendaItem(Utf8JsonWriter w, OParlObjects.MeetingView view, PublicAgendaItem item, int order)
    {
        var stamps = view.Record.ItemStamps[item.Id];
        var meetingId = view.Meeting.Id;
        w.WriteStartObject();
        Url(w, Id, "/agendaitem/", item.Id);
        w.WriteString(Type, AgendaItemType);
        Url(w, "meeting", "/meeting/", meetingId);
        String(w, "number", item.Number);
        w.WriteNumber("order", order + 1);
        String(w, "name", item.Title);
        w.WriteBoolean("public", item.IsPublic);
        if (item.IsPublic && view.Record.ItemHearings.TryGetValue(item.Id, out var hearing))
        {
            Url(w, "consultation", "/consultation/", hearing);
        }

        if (item.Withdrawn)
        {
            w.WriteString("result", "trukket tilbage");
        }

        String(w, "resolutionText", item.Decision);
        var files = false;
        foreach (var a in view.Meeting.Attachments)
        {
            if (a.AgendaItemId == item.Id && a.HasFile)
            {
                if (!files)
                {
                    w.WriteStartArray("auxiliaryFile");
                    files = true;
                }

                WriteAttachmentFile(w, view, a);
            }
        }

        if (files)
        {
            w.WriteEndArray();
        }

        w.WriteStartArray("keyword");
        w.WriteStringValue(Danish.Kind(item.Kind));
        w.WriteEndArray();
        Stamps(w, stamps.Created, stamps.Modified);
        WebUrl(w, "/moeder/", meetingId, "#" + item.Anchor);
        w.WriteEndObject();
    }

    /// <summary>An attachment embedded in a meeting or an item: a File without its text (docs/oparl.md).</summary>
    private void WriteAttachmentFile(Utf8JsonWriter w, OParlObjects.MeetingView view, AttachmentRecord a)
    {
        var meetingId = view.Meeting.Id;
        w.WriteStartObject();
        FileUrl(w, Id, 'a', a.Id);
        w.WriteString(Type, FileType);
        String(w, "name", a.Title);
        String(w, "fileName", a.FileName);
        String(w, "mimeType", a.MediaType);
        w.WriteNumber("size", a.SizeBytes);
        String(w, "accessUrl", string.Concat(urls.Origin, "/moeder/", OParlUrls.Id(meetingId), "/bilag/", OParlUrls.Id(a.Id), "/", Uri.EscapeDataString(a.FileName)));
        w.WriteStartArray("meeting");
        Url(w, "/meeting/", meetingId);
        w.WriteEndArray();
        if (a.AgendaItemId is { } itemId)
        {
            w.WriteStartArray("agendaItem");
            Url(w, "/agendaitem/", itemId);
            w.WriteEndArray();
        }

        Stamps(w, view.Record.Created, view.Record.Modified);
        w.WriteEndObject();
    }

    /// <summary>The agenda or the minutes as embedded in their meeting: without the text.</summary>
    private void WriteMeetingDocument(Utf8JsonWriter w, OParlObjects.MeetingView view)
    {
        var m = view.Meeting;
        w.WriteStartObject();
        FileUrl(w, Id, 'm', m.Id);
        w.WriteString(Type, FileType);
        String(w, "name", MinutesOutline.Title(m));
        String(w, "fileName", MinutesOutline.FileName(m, "pdf"));
        w.WriteString("mimeType", "application/pdf");
        String(w, "date", OParlJson.Date(m.Date));
        WebUrl(w, "accessUrl", "/moeder/", m.Id, "/referat.pdf");
        w.WriteStartArray("meeting");
        Url(w, "/meeting/", m.Id);
        w.WriteEndArray();
        Stamps(w, view.Record.Created, view.Record.Modified);
        WebUrl(w, "/moeder/", m.Id, null);
        w.WriteEndObject();
    }

    private void WriteOriginalFile(Utf8JsonWriter w, OParlObjects.MeetingView view)
    {
        var m = view.Meeting;
        var extension = Path.GetExtension(m.ImportedFrom ?? string.Empty).ToLowerInvariant();
        w.WriteStartObject();
        FileUrl(w, Id, 'o', m.Id);
        w.WriteString(Type, FileType);
        String(w, "name", "Importeret fra " + m.ImportedFrom);
        String(w, "fileName", m.ImportedFrom);
        w.WriteString("mimeType", extension switch
        {
            ".pdf" => "application/pdf",
            ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".html" or ".htm" => "text/html",
            _ => "text/plain",
        });
        String(w, "accessUrl", urls.Origin + m.ImportedFileUrl);
        w.WriteStartArray("meeting");
        Url(w, "/meeting/", m.Id);
        w.WriteEndArray();
        Stamps(w, view.Record.Created, view.Record.Modified);
        w.WriteEndObject();
    }

    private void WriteLocation(Utf8JsonWriter w, OParlLocationRecord l)
    {
        w.WriteStartObject();
        Url(w, Id, "/location/", l.Id);
        w.WriteString(Type, LocationType);
        String(w, "description", string.Join(", ", new[] { l.Name, l.Street, string.Join(' ', new[] { l.PostalCode, l.Locality }.OfType<string>()) }.Where(s => !string.IsNullOrWhiteSpace(s))));
        String(w, "streetAddress", l.Street);
        String(w, "room", l.Room);
        String(w, "postalCode", l.PostalCode);
        String(w, "locality", l.Locality);
        w.WriteStartArray("bodies");
        Url(w, "/body/", l.BodyId);
        w.WriteEndArray();
        Stamps(w, l.Created, l.Modified);
        w.WriteEndObject();
    }

    private static void Stamps(Utf8JsonWriter w, DateTime created, DateTime modified) => OParlWrites.Stamps(w, created, modified);

    /// <summary>A string property, left out when empty or white space (as <c>Put</c>); a long one in parts (as <see cref="OParlEndpoints.Write"/>).</summary>
    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        w.WritePropertyName(name);
        if (value.Length <= StringPart)
        {
            w.WriteStringValue(value);
            return;
        }

        for (var at = 0; at < value.Length; at += StringPart)
        {
            w.WriteStringValueSegment(value.AsSpan(at, Math.Min(StringPart, value.Length - at)), isFinalSegment: at + StringPart >= value.Length);
        }
    }

    private void Url(Utf8JsonWriter w, JsonEncodedText name, string path, int id)
    {
        w.WritePropertyName(name);
        Url(w, path, id);
    }

    private void Url(Utf8JsonWriter w, string name, string path, int id)
    {
        w.WritePropertyName(name);
        Url(w, path, id);
    }

    /// <summary>An API URL, origin + "/oparl/v1" + <paramref name="path"/> + id, composed on the stack: no string per link.</summary>
    private void Url(Utf8JsonWriter w, string path, int id) => Compose(w, OParlUrls.Prefix, path, default, id, null);

    private void FileUrl(Utf8JsonWriter w, JsonEncodedText name, char kind, int id)
    {
        w.WritePropertyName(name);
        Compose(w, OParlUrls.Prefix, "/file/", kind, id, null);
    }

    private void WebUrl(Utf8JsonWriter w, string path, int id, string? suffix) => WebUrl(w, "web", path, id, suffix);

    private void WebUrl(Utf8JsonWriter w, string name, string path, int id, string? suffix)
    {
        w.WritePropertyName(name);
        Compose(w, string.Empty, path, default, id, suffix);
    }

    private void Compose(Utf8JsonWriter w, string prefix, string path, char kind, int id, string? suffix) => OParlWrites.Url(w, urls, prefix, path, kind, id, suffix);
}
