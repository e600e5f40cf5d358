using Protokol.Core.Abstractions;

namespace Protokol.Core.Meetings;

/// <summary>
/// Use case: the secretary cancels a meeting (the public sees it as "aflyst"), or takes the
/// cancellation back; members who got the agenda get the cancellation or the renewed invitation.
/// </summary>
public sealed class CancelMeeting(IProtokolStore store, TimeProvider clock, MemberInvitations invitations)
{
    public async Task<Meeting> ExecuteAsync(int meetingId, string? reason, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        meeting.Cancel(reason, clock.GetUtcNow().UtcDateTime);
        await invitations.QueueChangeAsync(meeting, cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    public async Task<Meeting> ReinstateAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        meeting.Reinstate();
        await invitations.QueueChangeAsync(meeting, cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }
}
