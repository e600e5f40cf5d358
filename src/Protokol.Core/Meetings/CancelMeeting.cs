using Protokol.Core.Abstractions;

namespace Protokol.Core.Meetings;

/// <summary>Use case: the secretary cancels a meeting (the public sees it as "aflyst"), or takes the cancellation back.</summary>
public sealed class CancelMeeting(IProtokolStore store, TimeProvider clock)
{
    public async Task<Meeting> ExecuteAsync(int meetingId, string? reason, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        meeting.Cancel(reason, clock.GetUtcNow().UtcDateTime);
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    public async Task<Meeting> ReinstateAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        meeting.Reinstate();
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }
}
