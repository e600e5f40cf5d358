using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <summary>Use case: end a person's seat on a date. Only the secretary of the seat's council may.</summary>
public sealed class EndMembership(IProtokolStore store, IRegistryStore registry)
{
    public async Task<Membership> ExecuteAsync(StaffRights who, int personId, int membershipId, DateOnly end, CancellationToken cancellationToken)
    {
        var seat = await registry.FindMembershipAsync(membershipId, cancellationToken);
        if (seat is null || seat.PersonId != personId)
        {
            throw new DomainRuleException("Medlemskabet findes ikke.");
        }

        who.EnsureCanRun(seat.OrganizationId);
        seat.EndOn(end);
        await store.SaveChangesAsync(cancellationToken);
        return seat;
    }
}
