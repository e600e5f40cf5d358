using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Meetings;

namespace Protokol.Core.Registry;

/// <summary>
/// Use cases of the municipalities and their meeting places: an administrator registers a municipality, so that its
/// councils can be created in it; a council's secretary registers the places where its meetings are held, so the
/// meeting's form offers them.
/// </summary>
public sealed class ManageBodies(IProtokolStore store, IRegistryStore registry)
{
    public async Task<Body> CreateAsync(StaffRights who, string? name, string? website, CancellationToken cancellationToken)
    {
        who.EnsureAdministrator();
        var line = Guard.Line(name, "Navn", 200);
        var key = Slug.From(line);
        if (key.Length == 0)
        {
            throw new DomainRuleException($"Navn: \"{line}\" har ingen bogstaver at lave kommunens adresse af.", "Navn");
        }

        if (await store.FindBodyAsync(key, cancellationToken) is { } existing)
        {
            throw new DomainRuleException($"Navn: kommunen \"{existing.Name}\" findes allerede.", "Navn");
        }

        var body = new Body(key, line, Guard.OptionalWebAddress(website, "Hjemmeside"));
        store.Add(body);
        await store.SaveChangesAsync(cancellationToken);
        return body;
    }

    /// <summary>A meeting place of the council's municipality, offered to all its councils.</summary>
    public async Task<Location> AddLocationAsync(StaffRights who, int councilId, string? name, string? street, string? postalCode, string? locality, string? room, CancellationToken cancellationToken)
    {
        who.EnsureCanRun(councilId);
        var council = await registry.FindOrganizationAsync(councilId, cancellationToken) ?? throw new DomainRuleException("Rådet findes ikke.");
        var body = await registry.FindBodyAsync(council.BodyId, cancellationToken) ?? throw new DomainRuleException("Rådets kommune findes ikke.");
        var location = new Location(body, Guard.Line(name, "Mødested", 200), Guard.OptionalLine(street, "Adresse", 200), Guard.OptionalLine(postalCode, "Postnummer", 10),
            Guard.OptionalLine(locality, "By", 100), Guard.OptionalLine(room, "Lokale", 100));
        if (await store.FindLocationAsync(body.Id, location.Name, cancellationToken) is not null)
        {
            throw new DomainRuleException($"Mødested: \"{location.Name}\" findes allerede i {body.Name}.", "Mødested");
        }

        store.Add(location);
        await store.SaveChangesAsync(cancellationToken);
        return location;
    }
}
