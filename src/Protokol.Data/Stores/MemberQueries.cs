using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.FollowUps;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

/// <summary>Reads for the members' own pages: their councils' coming meetings with their answer, and their follow-ups.</summary>
internal sealed class MemberQueries(ProtokolDbContext db) : IMemberQueries
{
    /// <summary>How many closed follow-ups the home page lists (the latest first).</summary>
    private const int ClosedShown = 10;

    public async Task<MemberHome> HomeAsync(IReadOnlySet<int>? organizations, int? personId, DateOnly today, CancellationToken cancellationToken)
    {
        var meetingQuery = db.Meetings.AsNoTracking()
            .Where(m => m.Date >= today && m.Organization.Kind != OrganizationKind.ExternalOrganisation);
        if (organizations is not null)
        {
            meetingQuery = meetingQuery.Where(m => organizations.Contains(m.OrganizationId));
        }

        var rows = await meetingQuery
            .OrderBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id,
                m.OrganizationId,
                OrganizationName = m.Organization.Name,
                m.Name,
                m.Date,
                m.StartTime,
                m.EndTime,
                m.Location,
                Host = m.Host == null ? null : m.Host.Name,
                m.State,
                Cancelled = m.CancelledAt != null,
                Answer = m.Attendance.Where(a => a.PersonId == personId).Select(a => (Core.Meetings.AttendanceStatus?)a.Status).FirstOrDefault(),
                Substitute = m.Attendance.Where(a => a.SubstituteForId == personId && personId != null).Select(a => a.Person.Name).FirstOrDefault(),
            })
            .Take(200)
            .ToListAsync(cancellationToken);
        var meetings = rows.Select(m => new MemberMeeting(
            m.Id, m.OrganizationId, m.OrganizationName, m.Name, m.Date, m.StartTime, m.EndTime, m.Location?.Description, m.Host,
            m.State, m.Cancelled, m.Answer, m.Substitute)).ToList();

        var readingQuery = db.MinutesReadings.AsNoTracking()
            .Where(r => r.Deadline >= today && r.Meeting.State == Core.Meetings.MeetingState.MinutesDrafted);
        if (organizations is not null)
        {
            readingQuery = readingQuery.Where(r => organizations.Contains(r.Meeting.OrganizationId));
        }

        var readings = await readingQuery
            .OrderBy(r => r.Deadline).ThenBy(r => r.MeetingId)
            .Select(r => new MemberReading(r.MeetingId, r.Meeting.Organization.Name, r.Meeting.Date, r.Deadline))
            .Take(50)
            .ToListAsync(cancellationToken);

        if (personId is not { } owner)
        {
            return new MemberHome(meetings, [], [], readings);
        }

        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.OwnerId == owner)
            .Select(f => new MemberFollowUp(
                f.Id, f.Version, f.OrganizationId, f.Organization.Name, f.Text, f.Due, f.Status, f.Completed, f.CompletionNote,
                f.OriginMeetingId, f.OriginMeeting == null ? null : f.OriginMeeting.Date))
            .ToListAsync(cancellationToken);
        var open = followUps.Where(f => f.Status == FollowUpStatus.Open)
            .OrderBy(f => f.Due ?? DateOnly.MaxValue).ThenBy(f => f.Id).ToList();
        var closed = followUps.Where(f => f.Status != FollowUpStatus.Open)
            .OrderByDescending(f => f.Completed ?? DateOnly.MinValue).ThenByDescending(f => f.Id).Take(ClosedShown).ToList();
        return new MemberHome(meetings, open, closed, readings);
    }

    public async Task<(int OrganizationId, int? OwnerId)?> FollowUpOwnerAsync(int followUpId, CancellationToken cancellationToken)
    {
        var row = await db.FollowUps.AsNoTracking().Where(f => f.Id == followUpId)
            .Select(f => new { f.OrganizationId, f.OwnerId })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.OrganizationId, row.OwnerId);
    }
}
