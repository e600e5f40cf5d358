using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <param name="OrganizationId">The council or committee the seat is in.</param>
/// <param name="Role">Member, chair, substitute …</param>
/// <param name="OnBehalfOfId">The represented organisation chosen from the list, if any.</param>
/// <param name="NewOrganisation">Or its name typed in: found by name, or added to the municipality's register.</param>
/// <param name="Start">First day of the seat.</param>
/// <param name="End">Last day of the seat.</param>
/// <param name="SubstituteForId">The member this seat substitutes for.</param>
public sealed record NewMembership(int OrganizationId, MembershipRole Role, int? OnBehalfOfId, string? NewOrganisation, DateOnly? Start, DateOnly? End, int? SubstituteForId);

/// <summary>Use case: give a person a seat in a council. The council's secretary may, for a person she may change.</summary>
public sealed class AddMembership(IProtokolStore store, IRegistryStore registry, IStaffResources resources)
{
    public async Task<Membership> ExecuteAsync(StaffRights who, int personId, NewMembership seat, CancellationToken cancellationToken)
    {
        var scope = await resources.PersonScopeAsync(personId, cancellationToken) ?? throw new DomainRuleException("Personen findes ikke.");
        scope.EnsureChangeableBy(who);
        var person = await registry.FindPersonAsync(personId, cancellationToken) ?? throw new DomainRuleException("Personen findes ikke.");
        var body = await registry.FindBodyAsync(person.BodyId, cancellationToken) ?? throw new DomainRuleException("Personens kommune findes ikke.");
        var council = body.Organizations.FirstOrDefault(o => o.Id == seat.OrganizationId && o.Kind != OrganizationKind.ExternalOrganisation)
            ?? throw new DomainRuleException("Vælg et råd i personens kommune.");
        who.EnsureCanRun(council.Id);
        var represented = seat.OnBehalfOfId is { } id
            ? body.Organizations.FirstOrDefault(o => o.Id == id && o.Kind == OrganizationKind.ExternalOrganisation) ?? throw new DomainRuleException("Vælg en organisation fra listen.")
            : Represented(body, seat.NewOrganisation);
        Person? replaced = null;
        if (seat.SubstituteForId is { } substituteFor)
        {
            replaced = await registry.FindPersonAsync(substituteFor, cancellationToken);
            if (replaced is null || replaced.BodyId != person.BodyId)
            {
                throw new DomainRuleException("Vælg den, suppleanten er suppleant for, i samme kommunes register.");
            }
        }

        var membership = new Membership(person, council, seat.Role, seat.Start, seat.End, represented, null, replaced);
        store.Add(membership);
        await store.SaveChangesAsync(cancellationToken);
        return membership;
    }

    /// <summary>The organisation typed in: the one of that name (case ignored) in the municipality, or a new one.</summary>
    private static Organization? Represented(Body body, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return body.Organizations.FirstOrDefault(o => o.Kind == OrganizationKind.ExternalOrganisation && string.Equals(o.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? body.AddOrganization(Slug.From(name), name.Trim(), OrganizationKind.ExternalOrganisation);
    }
}
