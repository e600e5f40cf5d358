using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>Use case: the secretary deletes a draft meeting that never became public (planned by mistake).</summary>
public sealed class DeleteMeeting(IProtokolStore store)
{
    public async Task<Meeting> ExecuteAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        if (!meeting.CanBeDeleted)
        {
            throw new DomainRuleException("Kun et planlagt møde, hvis dagsorden ikke er offentliggjort, kan slettes. Aflys mødet i stedet.");
        }

        store.Remove(meeting);
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }
}
