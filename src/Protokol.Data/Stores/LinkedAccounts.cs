using Microsoft.EntityFrameworkCore;

namespace Protokol.Data.Stores;

/// <summary>A person without an address of their own is reached at the back-office account linked to them (the oldest open one).</summary>
internal static class LinkedAccounts
{
    public static async Task<Dictionary<int, string>> AddressesAsync(ProtokolDbContext db, IEnumerable<int> personIds, CancellationToken cancellationToken)
    {
        var ids = personIds.Distinct().Select(id => (int?)id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return (await db.UserAccounts.AsNoTracking()
                .Where(a => ids.Contains(a.PersonId) && !a.Disabled)
                .OrderBy(a => a.Id)
                .Select(a => new { PersonId = a.PersonId!.Value, a.Email })
                .ToListAsync(cancellationToken))
            .DistinctBy(a => a.PersonId)
            .ToDictionary(a => a.PersonId, a => a.Email);
    }

    /// <summary>Of these people, those with an open account of their own that reads the organization's pages (an administrator's, or one with access to it).</summary>
    public static async Task<IReadOnlySet<int>> ReadersAsync(ProtokolDbContext db, IEnumerable<int> personIds, int organizationId, CancellationToken cancellationToken)
    {
        var ids = personIds.Distinct().Select(id => (int?)id).ToList();
        if (ids.Count == 0)
        {
            return new HashSet<int>();
        }

        return (await db.UserAccounts.AsNoTracking()
                .Where(a => ids.Contains(a.PersonId) && !a.Disabled && (a.IsAdministrator || a.Access.Any(x => x.OrganizationId == organizationId)))
                .Select(a => a.PersonId!.Value)
                .ToListAsync(cancellationToken))
            .ToHashSet();
    }
}
