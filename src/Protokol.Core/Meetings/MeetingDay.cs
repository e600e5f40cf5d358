using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>
/// One meeting a day per council: the agenda, the minutes and their approval at the next meeting are found by the
/// meeting's date, so "Nyt møde" and a move in "Mødets oplysninger" refuse a day the council already meets.
/// </summary>
internal static class MeetingDay
{
    /// <summary>Refuses <paramref name="date"/> when the council has a meeting that day (a cancelled one too), naming the date field.</summary>
    public static async Task EnsureFreeAsync(IProtokolStore store, int organizationId, DateOnly date, CancellationToken cancellationToken)
    {
        if (await store.HasMeetingOnAsync(organizationId, date, cancellationToken))
        {
            throw new DomainRuleException($"Rådet har allerede et møde {Text.DanishDates.Date(date)}.", "Dato");
        }
    }
}
