using Protokol.Core.Abstractions;

namespace Protokol.Core.Meetings;

/// <summary>Use case: the secretary publishes the agenda on the portal, and on the day marks the meeting held.</summary>
public sealed class PublishAgenda(IProtokolStore store, TimeProvider clock)
{
    public async Task<Meeting> ExecuteAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        meeting.PublishAgenda(clock.GetUtcNow().UtcDateTime);
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    /// <summary>The meeting took place: from now on attendance and minutes are written.</summary>
    public async Task<Meeting> MarkHeldAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        meeting.MarkHeld(Common.Copenhagen.Today(clock));
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }
}
