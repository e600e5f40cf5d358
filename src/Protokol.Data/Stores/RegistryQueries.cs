using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

internal sealed class RegistryQueries(ProtokolDbContext db, IStaffResources resources) : IRegistryQueries
{
    /// <summary>Names in Danish alphabetical order (Å after Z), case ignored.</summary>
    public static readonly StringComparer DanishNames = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);

    public async Task<PeopleView> PeopleAsync(StaffRights who, string? query, CancellationToken cancellationToken)
    {
        var runs = who.SecretaryOf.ToList();
        var all = who.IsAdministrator;
        var bodies = await db.Bodies.AsNoTracking()
            .Where(b => all || b.Organizations.Any(o => runs.Contains(o.Id)))
            .OrderBy(b => b.Name).ToListAsync(cancellationToken);
        var ids = bodies.Select(b => b.Id).ToList();
        var text = string.IsNullOrWhiteSpace(query) ? null : query.Trim();

        // Matched here rather than in SQL: the same case-insensitive rule on both engines, over one municipality's register.
        var people = (await db.People.AsNoTracking().Include(p => p.Aliases).Where(p => ids.Contains(p.BodyId)).ToListAsync(cancellationToken))
            .Where(p => text is null || p.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || p.Aliases.Any(a => a.Name.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(p => p.Name, DanishNames).ToList();
        var proposals = await db.PersonMatchProposals.AsNoTracking().Include(p => p.Person).Include(p => p.Candidate)
            .Where(p => !p.Dismissed && ids.Contains(p.Person.BodyId)).ToListAsync(cancellationToken);
        return new PeopleView(bodies, people, proposals);
    }

    public async Task<PersonView?> PersonAsync(StaffRights who, int id, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Aliases).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var scope = await resources.PersonScopeAsync(id, cancellationToken);
        if (person is null || scope is null)
        {
            return null;
        }

        // The registry of the municipalities she works in, as the list shows it: another municipality's people (the real
        // names of those shown by role only, their e-mail and seats) are not hers to read, whatever id the address names.
        var runs = who.SecretaryOf.ToList();
        if (!who.IsAdministrator && !await db.Organizations.AnyAsync(o => o.BodyId == person.BodyId && runs.Contains(o.Id), cancellationToken))
        {
            return null;
        }

        var organizations = await db.Organizations.AsNoTracking().Where(o => o.BodyId == person.BodyId).ToListAsync(cancellationToken);
        var councils = organizations.Where(o => o.Kind != OrganizationKind.ExternalOrganisation && who.CanRun(o.Id)).OrderBy(o => o.Name, DanishNames).ToList();
        var represented = organizations.Where(o => o.Kind == OrganizationKind.ExternalOrganisation).OrderBy(o => o.Name, DanishNames).ToList();
        var memberships = await db.Memberships.AsNoTracking().Include(m => m.Organization).Include(m => m.OnBehalfOf).Include(m => m.SubstituteFor)
            .Where(m => m.PersonId == id).OrderByDescending(m => m.Start).ToListAsync(cancellationToken);
        var others = (await db.People.AsNoTracking().Where(p => p.BodyId == person.BodyId && p.Id != id).ToListAsync(cancellationToken))
            .OrderBy(p => p.Name, DanishNames).ToList();
        return new PersonView(person, scope.MayBeChangedBy(who), memberships, councils, represented, others);
    }

    public async Task<CouncilsView> CouncilsAsync(CancellationToken cancellationToken)
    {
        var councils = (await db.Organizations.AsNoTracking().Include(o => o.Body).Where(o => o.Kind != OrganizationKind.ExternalOrganisation).ToListAsync(cancellationToken))
            .OrderBy(o => o.Name, DanishNames).ToList();
        return new CouncilsView(councils, await db.Bodies.AsNoTracking().OrderBy(b => b.Name).ToListAsync(cancellationToken));
    }

    public async Task<CouncilView?> CouncilAsync(string slug, DateOnly today, CancellationToken cancellationToken)
    {
        var council = await db.Organizations.AsNoTracking().Include(o => o.Body).Include(o => o.StandingItems)
            .FirstOrDefaultAsync(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation, cancellationToken);
        if (council is null)
        {
            return null;
        }

        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Host).Include(m => m.Location)
            .Where(m => m.OrganizationId == council.Id).OrderBy(m => m.Date).ToListAsync(cancellationToken);
        var rotation = await EfRegistryStore.RotationAsync(db, council.Id, today, tracked: false, cancellationToken);
        var locations = await db.Locations.AsNoTracking().Where(l => l.BodyId == council.BodyId).ToListAsync(cancellationToken);
        return new CouncilView(council, meetings, rotation, Core.Meetings.YearPlan.NextTurn(rotation, meetings.LastOrDefault(m => m.HostId != null)?.HostId),
            [.. locations.OrderBy(l => l.Name, DanishNames)]);
    }
}
