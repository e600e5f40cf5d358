using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>
/// Use case: under "Godkendelse af referat" a held meeting approves the published minutes of an
/// earlier meeting of the same council; the item's minutes and decision say so when still empty.
/// </summary>
public sealed class ApproveMinutes(IProtokolStore store)
{
    public const string ApprovalItemTitle = "Godkendelse af referat";

    public async Task<Meeting> ExecuteAsync(int meetingId, int previousId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var earlier = await store.FindMeetingAsync(previousId, cancellationToken) ?? throw new DomainRuleException("Det tidligere møde findes ikke.");
        earlier.ApproveMinutes(meeting);
        var item = meeting.ItemsInOrder.FirstOrDefault(i => string.Equals(i.Title, ApprovalItemTitle, StringComparison.OrdinalIgnoreCase));
        if (item is not null && !item.Withdrawn && item.Minutes is null && item.Decision is null && meeting.State < MeetingState.MinutesPublished)
        {
            meeting.RecordMinutes(item, PrefilledMinutes(earlier), "Godkendt.");
        }

        await store.SaveChangesAsync(cancellationToken);
        return earlier;
    }

    /// <summary>What "Godkendelse af referat" says once the previous minutes are approved.</summary>
    public static string PrefilledMinutes(Meeting earlier) => $"Referatet fra mødet {Text.DanishDates.Date(earlier.Date)} blev godkendt.";
}
