using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

internal static class MeetingLookup
{
    public static async Task<Meeting> MeetingAsync(this IProtokolStore store, int id, CancellationToken cancellationToken) =>
        await store.FindMeetingAsync(id, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke.");

    public static AgendaItem Item(this Meeting meeting, int itemId) =>
        meeting.Items.FirstOrDefault(i => i.Id == itemId) ?? throw new DomainRuleException("Punktet findes ikke på dette møde.");

    public static async Task<T> RequiredAsync<T>(this IProtokolStore store, int id, string what, CancellationToken cancellationToken)
        where T : Entity =>
        await store.FindAsync<T>(id, cancellationToken) ?? throw new DomainRuleException($"{what} findes ikke.");
}
