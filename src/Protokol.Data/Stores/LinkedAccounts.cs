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
}
