using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <summary>Use case: an administrator creates a council or committee, with the usual standing items.</summary>
public sealed class CreateCouncil(IProtokolStore store, IRegistryStore registry)
{
    public async Task<Organization> ExecuteAsync(StaffRights who, int bodyId, string name, string slug, OrganizationKind kind, string? purpose, CancellationToken cancellationToken)
    {
        who.EnsureAdministrator();
        var body = await registry.FindBodyAsync(bodyId, cancellationToken) ?? throw new DomainRuleException("Vælg kommunen.", "Kommune");
        if (kind == OrganizationKind.ExternalOrganisation)
        {
            throw new DomainRuleException("Vælg råd eller udvalg; de organisationer, medlemmerne repræsenterer, oprettes, når et medlemskab tilføjes.");
        }

        var council = body.AddOrganization(slug ?? string.Empty, name ?? string.Empty, kind, purpose);
        if ((await store.CouncilsAtAsync(council.Slug, cancellationToken)).FirstOrDefault(c => c.BodyId != body.Id) is { } holder)
        {
            // The public address /raad/{slug} names no municipality: a second council there would never be reached.
            throw new DomainRuleException($"Adressen /raad/{council.Slug} bruges allerede af {holder.Name} ({holder.BodyName}). Vælg et andet kort navn, fx {council.Slug}-{Slug.From(body.Key)}.", "Kort navn i adressen");
        }

        council.UseDefaultStandingItems();
        await store.SaveChangesAsync(cancellationToken);
        return council;
    }
}
