using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>
/// Use case: write the minutes and decision of one agenda item. <c>expectedVersion</c> is the item's
/// version when the editor opened it; a stale edit raises <see cref="ConcurrencyConflictException"/>.
/// </summary>
public sealed class RecordMinutes(IProtokolStore store)
{
    public async Task<AgendaItem> ExecuteAsync(int itemId, long expectedVersion, string? minutes, string? decision, CancellationToken cancellationToken)
    {
        var item = await store.FindAgendaItemAsync(itemId, cancellationToken)
            ?? throw new DomainRuleException($"Punktet med id {itemId} findes ikke.");
        item.EnsureVersion(expectedVersion);
        item.Meeting.RecordMinutes(item, minutes, decision);
        await store.SaveChangesAsync(cancellationToken);
        return item;
    }
}
