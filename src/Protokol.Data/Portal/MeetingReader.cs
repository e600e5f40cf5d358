using Microsoft.EntityFrameworkCore;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Data.Portal;

/// <summary>A meeting as read for the public: the portal's record and what OParl adds to it.</summary>
internal sealed record MeetingRead(
    MeetingRecord Record,
    int BodyId,
    Location? Location,
    DateTime Created,
    DateTime Modified,
    IReadOnlyDictionary<int, (DateTime Created, DateTime Modified)> ItemStamps,
    IReadOnlyDictionary<int, string> AttachmentTexts,
    IReadOnlyDictionary<int, int> HearingOfItem);

/// <summary>
/// The one read of public meetings, shared by the meeting page (<c>EfPortalQueries.GetMeetingAsync</c>)
/// and OParl (<c>OParlQueries.MeetingsAsync</c>): one statement per kind of row for all the meetings
/// asked for, never one per meeting, and no tracking. A planned meeting's draft agenda, attachments
/// and attendance are not read at all (the privacy gate would drop them). The statements are compiled
/// queries (EF Core translates them once per process, not per request), projected straight to rows;
/// each attendee's seat on the meeting's day comes with the attendance (five statements for a meeting
/// page without guests, six for OParl).
/// </summary>
internal static class MeetingReader
{
    private sealed record MeetingRow(
        int Id, int OrganizationId, string OrganizationSlug, string OrganizationName, string BodyName, int BodyId,
        string? Name, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, Location? Location, string? HostName,
        MeetingState State, int? MinutesApprovedById, DateOnly? ApprovedOn, string? ImportedFrom, string? ImportedSha256,
        DateTime? CancelledAt, string? CancellationReason, DateTime Created, DateTime Modified);

    private sealed record ItemRow(
        int MeetingId, int Id, string Number, int? ParentId, string Title, AgendaItemKind Kind, bool IsPublic,
        string? PublicText, string? Minutes, string? Decision, bool Withdrawn, string? WithdrawnReason, DateTime Created, DateTime Modified);

    private sealed record AttendanceRow(
        int Id, int MeetingId, PersonRef Person, AttendanceStatus Status, PersonRef? SubstituteFor, string? Affiliation,
        MembershipRole? Role, string? OnBehalfOf);

    private sealed record GuestItemRow(int AttendanceId, string Number, int Position);

    private sealed record AttachmentRow(int MeetingId, AttachmentRecord Record, string? Text);

    private sealed record HearingRow(int Id, int ItemId);

    private sealed record WithheldRow(int BodyId, string Name, string? PublicRole, List<string> Aliases);

    /// <summary>
    /// The statements, compiled once per model: a compiled query belongs to the model it first ran
    /// with, and one process may use both engines (the tests; a move between engines).
    /// </summary>
    private sealed class Compiled
    {
        public readonly Func<ProtokolDbContext, int[], IAsyncEnumerable<MeetingRow>> Meetings = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] ids) => db.Meetings.AsNoTracking()
                .Where(m => ids.Contains(m.Id))
                .OrderBy(m => m.Id)
                .Select(m => new MeetingRow(
                    m.Id, m.OrganizationId, m.Organization.Slug, m.Organization.Name, m.Organization.Body.Name, m.Organization.BodyId,
                    m.Name, m.Date, m.StartTime, m.EndTime, m.Location, m.Host == null ? null : m.Host.Name,
                    m.State, m.MinutesApprovedById, m.MinutesApprovedBy == null ? (DateOnly?)null : m.MinutesApprovedBy.Date,
                    m.ImportedFrom, m.ImportedSha256, m.CancelledAt, m.CancellationReason, m.Created, m.Modified)));

        public readonly Func<ProtokolDbContext, int[], IAsyncEnumerable<ItemRow>> Items = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] open) => db.AgendaItems.AsNoTracking()
                .Where(i => open.Contains(i.MeetingId))
                .OrderBy(i => i.MeetingId).ThenBy(i => i.Position)
                .Select(i => new ItemRow(i.MeetingId, i.Id, i.Number, i.ParentId, i.Title, i.Kind, i.IsPublic, i.PublicText, i.Minutes, i.Decision, i.Withdrawn, i.WithdrawnReason, i.Created, i.Modified)));

        // The seat is the attendee's membership of the meeting's organization on the meeting's day (the
        // highest role when there are two), read with the row instead of by a statement of its own.
        public readonly Func<ProtokolDbContext, int[], IAsyncEnumerable<AttendanceRow>> Present = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] open) => db.Attendance.AsNoTracking()
                .Where(a => open.Contains(a.MeetingId))
                .Select(a => new AttendanceRow(
                    a.Id,
                    a.MeetingId,
                    new PersonRef(a.Person.Id, a.Person.Name, a.Person.Publication, a.Person.PublicRole),
                    a.Status,
                    a.SubstituteFor == null ? null : new PersonRef(a.SubstituteFor.Id, a.SubstituteFor.Name, a.SubstituteFor.Publication, a.SubstituteFor.PublicRole),
                    a.Affiliation,
                    db.Memberships
                        .Where(ms => ms.OrganizationId == a.Meeting.OrganizationId && ms.PersonId == a.PersonId
                            && (ms.Start == null || ms.Start <= a.Meeting.Date) && (ms.End == null || ms.End >= a.Meeting.Date))
                        .OrderBy(ms => ms.Role).ThenBy(ms => ms.Id)
                        .Select(ms => (MembershipRole?)ms.Role)
                        .FirstOrDefault(),
                    db.Memberships
                        .Where(ms => ms.OrganizationId == a.Meeting.OrganizationId && ms.PersonId == a.PersonId
                            && (ms.Start == null || ms.Start <= a.Meeting.Date) && (ms.End == null || ms.End >= a.Meeting.Date))
                        .OrderBy(ms => ms.Role).ThenBy(ms => ms.Id)
                        .Select(ms => ms.OnBehalfOf == null ? null : ms.OnBehalfOf.Name)
                        .FirstOrDefault())));

        public readonly Func<ProtokolDbContext, int[], IAsyncEnumerable<GuestItemRow>> GuestItems = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] open) => db.Attendance.AsNoTracking()
                .Where(a => open.Contains(a.MeetingId))
                .SelectMany(a => a.GuestItems, (a, i) => new GuestItemRow(a.Id, i.Number, i.Position)));

        public readonly Func<ProtokolDbContext, int[], bool, IAsyncEnumerable<AttachmentRow>> Attachments = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] open, bool forOParl) => db.Attachments.AsNoTracking()
                .Where(a => open.Contains(a.MeetingId))
                .OrderBy(a => a.Id)
                .Select(a => new AttachmentRow(
                    a.MeetingId,
                    new AttachmentRecord(a.Id, a.AgendaItemId, a.Title, a.FileName, a.MediaType, a.SizeBytes, a.IsPublic, db.StoredFiles.Any(f => f.Sha256 == a.Sha256)),

                    // The text of public attachments on public items only, for OParl; the gate decides again.
                    forOParl && a.IsPublic && (a.AgendaItemId == null || a.AgendaItem!.IsPublic) ? a.Text : null)));

        public readonly Func<ProtokolDbContext, int[], IAsyncEnumerable<HearingRow>> Hearings = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] open) => db.Hearings.AsNoTracking()
                .Where(h => h.AgendaItemId != null && open.Contains(h.AgendaItem!.MeetingId))
                .OrderBy(h => h.Id)
                .Select(h => new HearingRow(h.Id, h.AgendaItemId!.Value)));

        public readonly Func<ProtokolDbContext, int[], IAsyncEnumerable<WithheldRow>> Withheld = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] bodies) => db.People.AsNoTracking()
                .Where(p => p.Publication == PublicationLevel.RoleOnly && bodies.Contains(p.BodyId))
                .Select(p => new WithheldRow(p.BodyId, p.Name, p.PublicRole, p.Aliases.Select(a => a.Name).ToList())));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Compiled> PerModel = [];

    private static Compiled For(ProtokolDbContext db) => PerModel.GetValue(db.Model, _ => new Compiled());

    /// <summary>The meetings by id in id order; <paramref name="forOParl"/> also reads the public attachments' texts and the hearings treated at the items.</summary>
    public static async Task<List<MeetingRead>> ReadAsync(ProtokolDbContext db, IReadOnlyCollection<int> ids, bool forOParl, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var q = For(db);
        var meetings = await ListAsync(q.Meetings(db, [.. ids]), ct);
        if (meetings.Count == 0)
        {
            return [];
        }

        int[] open = [.. meetings.Where(m => PrivacyGate.IsPublic(m.State)).Select(m => m.Id)];
        var agenda = open.Length == 0 ? [] : await ListAsync(q.Items(db, open), ct);
        var present = open.Length == 0 ? [] : await ListAsync(q.Present(db, open), ct);

        // Only guests come with items; most meetings have none, and then there is nothing to read.
        var guestItems = (!present.Exists(a => a.Status == AttendanceStatus.Guest) ? [] : await ListAsync(q.GuestItems(db, open), ct))
            .ToLookup(g => g.AttendanceId);
        var attachments = open.Length == 0 ? [] : await ListAsync(q.Attachments(db, open, forOParl), ct);
        var hearings = !forOParl || open.Length == 0 ? [] : await ListAsync(q.Hearings(db, open), ct);
        var withheld = await WithheldAsync(db, meetings.Select(m => m.BodyId).Distinct().ToList(), ct);

        var agendaOf = agenda.ToLookup(i => i.MeetingId);
        var presentOf = present.ToLookup(a => a.MeetingId);
        var attachmentsOf = attachments.ToLookup(a => a.MeetingId);
        var hearingOf = hearings.GroupBy(h => h.ItemId).ToDictionary(g => g.Key, g => g.First().Id);
        var danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);
        return meetings.ConvertAll(meeting =>
        {
            var rows = agendaOf[meeting.Id].ToList();
            var numberOf = rows.ToDictionary(i => i.Id, i => i.Number);
            var items = rows.ConvertAll(i => new AgendaItemRecord(i.Id, i.Number, i.ParentId is { } p ? numberOf[p] : null, i.Title, i.Kind, i.IsPublic, i.PublicText, i.Minutes, i.Decision, i.Withdrawn, i.WithdrawnReason));
            var attendance = presentOf[meeting.Id]
                .Select(a => new AttendanceRecord(a.Person, a.Status, a.SubstituteFor, a.Affiliation,
                    guestItems[a.Id].OrderBy(i => i.Position).Select(i => i.Number).ToList(), a.OnBehalfOf, a.Role))
                .OrderBy(a => a.Role ?? MembershipRole.Observer + 1)
                .ThenBy(a => a.Person.Name, danish)
                .ToList();
            var files = attachmentsOf[meeting.Id].ToList();
            var record = new MeetingRecord(
                meeting.Id, meeting.OrganizationId, meeting.OrganizationSlug, meeting.OrganizationName, meeting.BodyName,
                meeting.Name, meeting.Date, meeting.StartTime, meeting.EndTime,
                meeting.Location?.Name, meeting.Location?.Description, meeting.HostName,
                meeting.State, meeting.MinutesApprovedById, meeting.ApprovedOn,
                items, attendance, files.ConvertAll(a => a.Record),
                meeting.ImportedFrom, meeting.ImportedSha256, withheld[meeting.BodyId].ToList(),
                meeting.CancelledAt, meeting.CancellationReason);
            return new MeetingRead(
                record, meeting.BodyId, meeting.Location, meeting.Created, meeting.Modified,
                rows.ToDictionary(i => i.Id, i => (i.Created, i.Modified)),
                files.Where(a => a.Text is not null).ToDictionary(a => a.Record.Id, a => a.Text!),
                hearingOf.Where(h => numberOf.ContainsKey(h.Key)).ToDictionary(h => h.Key, h => h.Value));
        });
    }

    /// <summary>Every spelling of the names of people shown by role only, per municipality.</summary>
    public static async Task<ILookup<int, WithheldName>> WithheldAsync(ProtokolDbContext db, List<int> bodies, CancellationToken ct) =>
        (await ListAsync(For(db).Withheld(db, [.. bodies]), ct))
        .SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => (p.BodyId, Name: new WithheldName(n, p.PublicRole!))))
        .ToLookup(p => p.BodyId, p => p.Name);

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }
}
