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
/// and attendance are not read at all (the privacy gate would drop them).
/// </summary>
internal static class MeetingReader
{
    /// <summary>The meetings by id in id order; <paramref name="forOParl"/> also reads the public attachments' texts and the hearings treated at the items.</summary>
    public static async Task<List<MeetingRead>> ReadAsync(ProtokolDbContext db, IReadOnlyCollection<int> ids, bool forOParl, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .OrderBy(m => m.Id)
            .Select(m => new
            {
                m.Id,
                m.OrganizationId,
                OrganizationSlug = m.Organization.Slug,
                OrganizationName = m.Organization.Name,
                BodyName = m.Organization.Body.Name,
                m.Organization.BodyId,
                m.Name,
                m.Date,
                m.StartTime,
                m.EndTime,
                m.Location,
                HostName = m.Host == null ? null : m.Host.Name,
                m.State,
                m.MinutesApprovedById,
                ApprovedOn = m.MinutesApprovedBy == null ? (DateOnly?)null : m.MinutesApprovedBy.Date,
                m.ImportedFrom,
                m.ImportedSha256,
                m.CancelledAt,
                m.CancellationReason,
                m.Created,
                m.Modified,
            })
            .ToListAsync(ct);
        if (meetings.Count == 0)
        {
            return [];
        }

        var open = meetings.Where(m => PrivacyGate.IsPublic(m.State)).Select(m => m.Id).ToList();
        var agenda = open.Count == 0 ? [] : await db.AgendaItems.AsNoTracking()
            .Where(i => open.Contains(i.MeetingId))
            .OrderBy(i => i.MeetingId).ThenBy(i => i.Position)
            .Select(i => new { i.MeetingId, i.Id, i.Number, i.ParentId, i.Title, i.Kind, i.IsPublic, i.PublicText, i.Minutes, i.Decision, i.Withdrawn, i.WithdrawnReason, i.Created, i.Modified })
            .ToListAsync(ct);
        var present = open.Count == 0 ? [] : await db.Attendance.AsNoTracking()
            .Where(a => open.Contains(a.MeetingId))
            .Select(a => new
            {
                a.Id,
                a.MeetingId,
                Person = new PersonRef(a.Person.Id, a.Person.Name, a.Person.Publication, a.Person.PublicRole),
                a.Status,
                SubstituteFor = a.SubstituteFor == null ? null : new PersonRef(a.SubstituteFor.Id, a.SubstituteFor.Name, a.SubstituteFor.Publication, a.SubstituteFor.PublicRole),
                a.Affiliation,
            })
            .ToListAsync(ct);

        // Only guests come with items; most meetings have none, and then there is nothing to read.
        var guestItems = (!present.Any(a => a.Status == AttendanceStatus.Guest) ? [] : await db.Attendance.AsNoTracking()
            .Where(a => open.Contains(a.MeetingId))
            .SelectMany(a => a.GuestItems, (a, i) => new { AttendanceId = a.Id, i.Number, i.Position })
            .ToListAsync(ct))
            .ToLookup(g => g.AttendanceId);
        var attachments = open.Count == 0 ? [] : await db.Attachments.AsNoTracking()
            .Where(a => open.Contains(a.MeetingId))
            .OrderBy(a => a.Id)
            .Select(a => new
            {
                a.MeetingId,
                Record = new AttachmentRecord(a.Id, a.AgendaItemId, a.Title, a.FileName, a.MediaType, a.SizeBytes, a.IsPublic, db.StoredFiles.Any(f => f.Sha256 == a.Sha256)),

                // The text of public attachments on public items only, for OParl; the gate decides again.
                Text = forOParl && a.IsPublic && (a.AgendaItemId == null || a.AgendaItem!.IsPublic) ? a.Text : null,
            })
            .ToListAsync(ct);
        var hearings = !forOParl || open.Count == 0 ? [] : await db.Hearings.AsNoTracking()
            .Where(h => h.AgendaItemId != null && open.Contains(h.AgendaItem!.MeetingId))
            .OrderBy(h => h.Id)
            .Select(h => new { h.Id, ItemId = h.AgendaItemId!.Value })
            .ToListAsync(ct);

        // The seats of the people present, in the meetings' organizations; the one on the meeting's date is picked below.
        var personIds = present.Select(a => a.Person.Id).Distinct().ToList();
        var organizationIds = meetings.Select(m => m.OrganizationId).Distinct().ToList();
        var seats = (personIds.Count == 0 ? [] : await db.Memberships.AsNoTracking()
            .Where(ms => organizationIds.Contains(ms.OrganizationId) && personIds.Contains(ms.PersonId))
            .Select(ms => new { ms.OrganizationId, ms.PersonId, ms.Role, ms.Start, ms.End, OnBehalfOf = ms.OnBehalfOf == null ? null : ms.OnBehalfOf.Name })
            .ToListAsync(ct))
            .ToLookup(ms => (ms.OrganizationId, ms.PersonId));
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
            var items = rows
                .Select(i => new AgendaItemRecord(i.Id, i.Number, i.ParentId is { } p ? numberOf[p] : null, i.Title, i.Kind, i.IsPublic, i.PublicText, i.Minutes, i.Decision, i.Withdrawn, i.WithdrawnReason))
                .ToList();
            var attendance = presentOf[meeting.Id]
                .Select(a =>
                {
                    var seat = seats[(meeting.OrganizationId, a.Person.Id)]
                        .Where(ms => (ms.Start == null || ms.Start <= meeting.Date) && (ms.End == null || ms.End >= meeting.Date))
                        .OrderBy(ms => ms.Role)
                        .FirstOrDefault();
                    return new AttendanceRecord(a.Person, a.Status, a.SubstituteFor, a.Affiliation,
                        guestItems[a.Id].OrderBy(i => i.Position).Select(i => i.Number).ToList(), seat?.OnBehalfOf, seat?.Role);
                })
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
        (await db.People.AsNoTracking()
            .Where(p => p.Publication == PublicationLevel.RoleOnly && bodies.Contains(p.BodyId))
            .Select(p => new { p.BodyId, p.Name, p.PublicRole, Aliases = p.Aliases.Select(a => a.Name).ToList() })
            .ToListAsync(ct))
        .SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => (p.BodyId, Name: new WithheldName(n, p.PublicRole!))))
        .ToLookup(p => p.BodyId, p => p.Name);
}
