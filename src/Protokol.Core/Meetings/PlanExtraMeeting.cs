using Protokol.Core.Abstractions;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>Use case: the secretary adds one meeting outside the year plan (an extra or a theme meeting).</summary>
public sealed class PlanExtraMeeting(IProtokolStore store)
{
    public async Task<Meeting> ExecuteAsync(int organizationId, DateOnly date, TimeOnly? start, TimeOnly? end, int? locationId, string? name, CancellationToken cancellationToken)
    {
        var organization = await store.RequiredAsync<Organization>(organizationId, "Rådet", cancellationToken);
        await MeetingDay.EnsureFreeAsync(store, organizationId, date, cancellationToken);

        var meeting = new Meeting(organization, date, start, end);
        meeting.Rename(name);
        if (locationId is { } l)
        {
            var location = await store.RequiredAsync<Location>(l, "Mødestedet", cancellationToken);
            if (location.BodyId != organization.BodyId)
            {
                throw new Common.DomainRuleException("Mødested: vælg et af kommunens mødesteder; det valgte hører til en anden kommune.");
            }

            meeting.SetPlace(location, null);
        }

        store.Add(meeting);
        await store.SaveChangesAsync(cancellationToken);
        return meeting;
    }
}
