using Protokol.Core.Abstractions;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>Use case: the secretary moves a meeting (date, time), changes its place or host, or names it; a move is sent to the members who got the agenda.</summary>
public sealed class ChangeMeetingDetails(IProtokolStore store, MemberInvitations invitations)
{
    public async Task<Meeting> ExecuteAsync(int meetingId, long version, DateOnly date, TimeOnly? start, TimeOnly? end, int? locationId, int? hostId, string? name, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        meeting.EnsureVersion(version);
        var scheduled = meeting.ScheduleVersion;
        if (date != meeting.Date)
        {
            // As "Nyt møde": two meetings of a council on one day break the approval of the minutes at the next meeting.
            await MeetingDay.EnsureFreeAsync(store, meeting.OrganizationId, date, cancellationToken);
        }

        meeting.Reschedule(date, start, end);
        var location = locationId is { } l ? await store.RequiredAsync<Location>(l, "Mødestedet", cancellationToken) : null;
        var host = hostId is { } h ? await store.RequiredAsync<Organization>(h, "Værten", cancellationToken) : null;
        meeting.SetPlace(location, host);
        meeting.Rename(name);
        if (meeting.ScheduleVersion != scheduled)
        {
            // Members who got the agenda get the moved invitation, in the same transaction.
            await invitations.QueueChangeAsync(meeting, cancellationToken);
        }

        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }
}
