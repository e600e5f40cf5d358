using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

internal sealed class EfRegistryStore(ProtokolDbContext db) : IRegistryStore, IStaffResources
{
    public Task<Person?> FindPersonAsync(int id, CancellationToken cancellationToken) =>
        db.People.Include(p => p.Aliases).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Membership?> FindMembershipAsync(int id, CancellationToken cancellationToken) =>
        db.Memberships.Include(m => m.Person).Include(m => m.Organization).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public Task<Organization?> FindOrganizationAsync(int id, CancellationToken cancellationToken) =>
        db.Organizations.Include(o => o.StandingItems).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<Body?> FindBodyAsync(int id, CancellationToken cancellationToken) =>
        db.Bodies.Include(b => b.Organizations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);

    public async Task<(IReadOnlySet<DateOnly> Dates, IReadOnlyList<HostAndVenue> Rotation, int? LastHostId)> PlanningAsync(int organizationId, DateOnly today, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.OrganizationId == organizationId)
            .OrderBy(m => m.Date).Select(m => new { m.Date, m.HostId }).ToListAsync(cancellationToken);
        var rotation = await RotationAsync(db, organizationId, today, tracked: true, cancellationToken);
        return (meetings.Select(m => m.Date).ToHashSet(), rotation, meetings.LastOrDefault(m => m.HostId != null)?.HostId);
    }

    /// <summary>
    /// Hosts in turn: the organisations the current members represent, each at the venue it last received a meeting at, in Danish order.
    /// <paramref name="tracked"/> when new meetings will point to them.
    /// </summary>
    internal static async Task<IReadOnlyList<HostAndVenue>> RotationAsync(ProtokolDbContext db, int organizationId, DateOnly today, bool tracked, CancellationToken cancellationToken)
    {
        var bodyId = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.BodyId).FirstAsync(cancellationToken);
        var memberships = tracked ? db.Memberships : db.Memberships.AsNoTracking();
        var hosts = await memberships.Where(m => m.OrganizationId == organizationId && m.OnBehalfOf != null && (m.End == null || m.End >= today))
            .Select(m => m.OnBehalfOf!).Distinct().ToListAsync(cancellationToken);
        var venues = await db.Meetings.Where(m => m.HostId != null && m.LocationId != null)
            .GroupBy(m => m.HostId).Select(g => new { HostId = g.Key, LocationId = g.OrderByDescending(m => m.Date).Select(m => m.LocationId).First() })
            .ToDictionaryAsync(v => v.HostId!.Value, v => v.LocationId, cancellationToken);
        var locations = await (tracked ? db.Locations : db.Locations.AsNoTracking()).Where(l => l.BodyId == bodyId).ToDictionaryAsync(l => l.Id, cancellationToken);
        return hosts.OrderBy(h => h.Name, RegistryQueries.DanishNames)
            .Select(h => new HostAndVenue(h, venues.TryGetValue(h.Id, out var l) && l is { } id ? locations.GetValueOrDefault(id) : null)).ToList();
    }

    public async Task MergeAsync(Person kept, Person removed, CancellationToken cancellationToken)
    {
        var (keptId, removedId) = (kept.Id, removed.Id);
        var memberships = await db.Memberships.Where(m => m.PersonId == removedId || m.SubstituteForId == removedId).ToListAsync(cancellationToken);
        var attendance = await db.Attendance.Where(a => a.PersonId == removedId || a.SubstituteForId == removedId || a.PersonId == keptId).ToListAsync(cancellationToken);
        var followUps = await db.FollowUps.Where(f => f.OwnerId == removedId).ToListAsync(cancellationToken);
        var duplicates = PersonMerge.Merge(kept, removed, memberships, attendance, followUps);
        db.Attendance.RemoveRange(duplicates);

        foreach (var account in await db.UserAccounts.Where(u => u.PersonId == removedId).ToListAsync(cancellationToken))
        {
            account.LinkPerson(keptId);
        }

        foreach (var comment in await db.MinutesComments.Where(c => c.PersonId == removedId).ToListAsync(cancellationToken))
        {
            comment.ReassignPerson(kept);
        }

        db.PersonMatchProposals.RemoveRange(await db.PersonMatchProposals.Where(p => p.PersonId == removedId || p.CandidateId == removedId).ToListAsync(cancellationToken));
        db.People.Remove(removed);
    }

    public Task<int?> CouncilIdAsync(string slug, CancellationToken cancellationToken) =>
        db.Organizations.Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken);

    public Task<int?> CouncilOfMeetingAsync(int meetingId, CancellationToken cancellationToken) =>
        db.Meetings.Where(m => m.Id == meetingId).Select(m => (int?)m.OrganizationId).FirstOrDefaultAsync(cancellationToken);

    public Task<int?> CouncilOfFollowUpAsync(int followUpId, CancellationToken cancellationToken) =>
        db.FollowUps.Where(f => f.Id == followUpId).Select(f => (int?)f.OrganizationId).FirstOrDefaultAsync(cancellationToken);

    public Task<int?> CouncilOfHearingAsync(int hearingId, CancellationToken cancellationToken) =>
        db.Hearings.Where(f => f.Id == hearingId).Select(f => (int?)f.OrganizationId).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<int>> CouncilsOfBodyAsync(int bodyId, CancellationToken cancellationToken) =>
        await db.Organizations.Where(o => o.BodyId == bodyId && o.Kind != OrganizationKind.ExternalOrganisation).Select(o => o.Id).ToListAsync(cancellationToken);

    public async Task<PersonScope?> PersonScopeAsync(int personId, CancellationToken cancellationToken)
    {
        var bodyId = await db.People.Where(p => p.Id == personId).Select(p => (int?)p.BodyId).FirstOrDefaultAsync(cancellationToken);
        if (bodyId is null)
        {
            return null;
        }

        var seats = await db.Memberships.Where(m => m.PersonId == personId).Select(m => m.OrganizationId).Distinct().ToListAsync(cancellationToken);
        return new PersonScope(personId, seats, await CouncilsOfBodyAsync(bodyId.Value, cancellationToken));
    }
}
