using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <param name="PersonId">The person.</param>
/// <param name="Version">The record's version when the form was opened.</param>
/// <param name="Name">The name as the person spells it.</param>
/// <param name="Email">The e-mail address, or none.</param>
/// <param name="Publication">Named or shown by role only.</param>
/// <param name="PublicRole">What the public sees instead of a role-only name.</param>
/// <param name="Alias">Another spelling to add, or none.</param>
public sealed record PersonDetails(int PersonId, long Version, string Name, string? Email, PublicationLevel Publication, string? PublicRole, string? Alias);

/// <summary>
/// Use case: correct a person's name, e-mail, spellings and how the public sees them. Only someone
/// who may change the person (<see cref="PersonScope"/>) may; a stale version raises
/// <see cref="ConcurrencyConflictException"/>.
/// </summary>
public sealed class UpdatePersonDetails(IProtokolStore store, IRegistryStore registry, IStaffResources resources)
{
    public async Task<Person> ExecuteAsync(StaffRights who, PersonDetails details, CancellationToken cancellationToken)
    {
        var scope = await resources.PersonScopeAsync(details.PersonId, cancellationToken) ?? throw new DomainRuleException("Personen findes ikke.");
        scope.EnsureChangeableBy(who);
        var person = await registry.FindPersonAsync(details.PersonId, cancellationToken) ?? throw new DomainRuleException("Personen findes ikke.");
        person.EnsureVersion(details.Version);
        person.Rename(details.Name ?? string.Empty);
        person.SetEmail(details.Email);
        person.SetPublication(details.Publication, details.PublicRole);
        if (!string.IsNullOrWhiteSpace(details.Alias))
        {
            person.AddAlias(details.Alias);
        }

        await store.SaveChangesAsync(cancellationToken);
        return person;
    }
}
