using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

/// <summary>The registry's changes that reach across records: merging two person records into one.</summary>
public sealed class RegistryService(ProtokolDbContext db, IProtokolStore store)
{
    /// <summary>Moves everything of <paramref name="removedId"/> to <paramref name="keptId"/> and deletes the removed record, in one transaction.</summary>
    public async Task<Person> MergeAsync(int keptId, int removedId, CancellationToken cancellationToken)
    {
        var people = await db.People.Include(p => p.Aliases).Where(p => p.Id == keptId || p.Id == removedId).ToListAsync(cancellationToken);
        var kept = people.FirstOrDefault(p => p.Id == keptId) ?? throw new DomainRuleException($"Personen med id {keptId} findes ikke.");
        var removed = people.FirstOrDefault(p => p.Id == removedId) ?? throw new DomainRuleException($"Personen med id {removedId} findes ikke.");

        var memberships = await db.Memberships.Where(m => m.PersonId == removedId || m.SubstituteForId == removedId).ToListAsync(cancellationToken);
        var attendance = await db.Attendance.Where(a => a.PersonId == removedId || a.SubstituteForId == removedId || a.PersonId == keptId).ToListAsync(cancellationToken);
        var followUps = await db.FollowUps.Where(f => f.OwnerId == removedId).ToListAsync(cancellationToken);
        var duplicates = PersonMerge.Merge(kept, removed, memberships, attendance, followUps);
        db.Attendance.RemoveRange(duplicates);

        foreach (var account in await db.UserAccounts.Where(u => u.PersonId == removedId).ToListAsync(cancellationToken))
        {
            account.LinkPerson(keptId);
        }

        db.PersonMatchProposals.RemoveRange(await db.PersonMatchProposals.Where(p => p.PersonId == removedId || p.CandidateId == removedId).ToListAsync(cancellationToken));
        db.People.Remove(removed);
        await store.SaveChangesAsync(cancellationToken);
        return kept;
    }
}
