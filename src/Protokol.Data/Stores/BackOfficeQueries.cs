using Microsoft.EntityFrameworkCore;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

/// <summary>The next meeting of one organization and what is still missing before it.</summary>
public sealed record MeetingReadiness(
    int MeetingId,
    int OrganizationId,
    string OrganizationName,
    DateOnly Date,
    TimeOnly? StartTime,
    MeetingState State,
    int ItemCount,
    bool HasPlace,
    bool HasHost,
    int AttendanceCount,
    int AttachmentCount)
{
    public bool AgendaPublished => State >= MeetingState.AgendaPublished;
}

public sealed record OpenFollowUp(int Id, int OrganizationId, string OrganizationName, string Text, int? OwnerId, string? OwnerName, DateOnly? Due, bool CarryToNextMeeting, int? OriginMeetingId)
{
    public bool IsOverdue(DateOnly today) => Due is { } due && due < today;
}

public sealed record OpenHearing(int Id, int OrganizationId, string OrganizationName, string Subject, string? Sender, DateOnly Deadline, bool OnAgenda);

public sealed record Dashboard(
    IReadOnlyList<(int Id, string Name, string Slug)> Organizations,
    IReadOnlyList<MeetingReadiness> NextMeetings,
    IReadOnlyList<OpenFollowUp> FollowUps,
    IReadOnlyList<OpenHearing> Hearings);

/// <summary>Reads for the back office: drafts included, limited to the organizations the user may see.</summary>
public sealed class BackOfficeQueries(ProtokolDbContext db)
{
    /// <param name="organizations">The organizations to show; null for all (an administrator).</param>
    /// <param name="onlyOwner">Only follow-ups owned by this person (a member's own), or null for all.</param>
    /// <param name="today">The day in Copenhagen: overdue is before it.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<Dashboard> DashboardAsync(IReadOnlySet<int>? organizations, int? onlyOwner, DateOnly today, CancellationToken cancellationToken)
    {
        var orgQuery = db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.ExternalOrganisation);
        if (organizations is not null)
        {
            orgQuery = orgQuery.Where(o => organizations.Contains(o.Id));
        }

        var orgs = (await orgQuery.Select(o => new { o.Id, o.Name, o.Slug }).ToListAsync(cancellationToken))
            .OrderBy(o => o.Name, StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true))
            .Select(o => (o.Id, o.Name, o.Slug)).ToList();
        var ids = orgs.Select(o => o.Id).ToList();

        var upcoming = await db.Meetings.AsNoTracking()
            .Where(m => ids.Contains(m.OrganizationId) && m.Date >= today)
            .GroupBy(m => m.OrganizationId)
            .Select(g => g.OrderBy(m => m.Date).Select(m => m.Id).First())
            .ToListAsync(cancellationToken);
        var next = await db.Meetings.AsNoTracking()
            .Where(m => upcoming.Contains(m.Id))
            .Select(m => new MeetingReadiness(
                m.Id, m.OrganizationId, m.Organization.Name, m.Date, m.StartTime, m.State,
                m.Items.Count, m.LocationId != null, m.HostId != null, m.Attendance.Count, m.Attachments.Count))
            .ToListAsync(cancellationToken);

        var followUpQuery = db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.OrganizationId) && f.Status == FollowUpStatus.Open);
        if (onlyOwner is { } owner)
        {
            followUpQuery = followUpQuery.Where(f => f.OwnerId == owner);
        }

        var followUps = (await followUpQuery
            .Select(f => new OpenFollowUp(f.Id, f.OrganizationId, f.Organization.Name, f.Text, f.OwnerId, f.Owner == null ? null : f.Owner.Name, f.Due, f.CarryToNextMeeting, f.OriginMeetingId))
            .ToListAsync(cancellationToken))
            .OrderByDescending(f => f.IsOverdue(today))
            .ThenBy(f => f.Due ?? DateOnly.MaxValue)
            .ThenBy(f => f.OwnerName, StringComparer.Ordinal)
            .ToList();

        var hearings = onlyOwner is not null ? [] : await db.Hearings.AsNoTracking()
            .Where(h => ids.Contains(h.OrganizationId) && h.Status == HearingStatus.Open)
            .OrderBy(h => h.Deadline)
            .Select(h => new OpenHearing(h.Id, h.OrganizationId, h.Organization.Name, h.Subject, h.Sender, h.Deadline, h.AgendaItemId != null))
            .ToListAsync(cancellationToken);

        return new Dashboard(orgs, next.OrderBy(m => m.Date).ToList(), followUps, hearings);
    }
}
