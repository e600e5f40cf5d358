using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <summary>Use case: add a person to a municipality's registry (a new member, a guest, the owner of a follow-up).</summary>
public sealed class CreatePerson(IProtokolStore store, IRegistryStore registry, IStaffResources resources)
{
    public async Task<Person> ExecuteAsync(StaffRights who, int bodyId, string name, string? email, PublicationLevel publication, string? publicRole, CancellationToken cancellationToken) =>
        (await CreateAsync(who, bodyId, name, email, publication, publicRole, cancellationToken)).Person;

    /// <summary>
    /// Adds the person, and names a record of the municipality that already had the name (or has it as another spelling), letters'
    /// case aside: most likely the same person added twice, which the secretary merges from the new record's page.
    /// </summary>
    public async Task<CreatedPerson> CreateAsync(StaffRights who, int bodyId, string name, string? email, PublicationLevel publication, string? publicRole, CancellationToken cancellationToken)
    {
        var body = await registry.FindBodyAsync(bodyId, cancellationToken) ?? throw new DomainRuleException("Vælg kommunen.");
        if (!who.IsAdministrator && !(await resources.CouncilsOfBodyAsync(bodyId, cancellationToken)).Any(who.CanRun))
        {
            throw new AccessDeniedException("Kun sekretæren for et råd i kommunen kan tilføje personer til dens register.");
        }

        var person = new Person(body, name, publication, publicRole);
        person.SetEmail(email);
        var namesake = await store.FindPersonByNameAsync(bodyId, person.Name, cancellationToken);
        store.Add(person);
        await store.SaveChangesAsync(cancellationToken);
        return new CreatedPerson(person, namesake);
    }
}

/// <summary>A person added, and the record that already had the name, if any.</summary>
public sealed record CreatedPerson(Person Person, Person? Namesake);
