using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <summary>
/// Use case: two records are the same person; everything of the removed one moves to the kept one
/// (<see cref="PersonMerge"/>), saved at once. Whoever merges must be allowed to change both.
/// </summary>
public sealed class MergePeople(IProtokolStore store, IRegistryStore registry, IStaffResources resources)
{
    /// <returns>The removed record's name, now an alias of the kept one.</returns>
    public async Task<string> ExecuteAsync(StaffRights who, int keptId, int removedId, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { keptId, removedId })
        {
            var scope = await resources.PersonScopeAsync(id, cancellationToken) ?? throw new DomainRuleException("Vælg den anden person i samme kommunes register.");
            scope.EnsureChangeableBy(who);
        }

        var kept = await registry.FindPersonAsync(keptId, cancellationToken) ?? throw new DomainRuleException("Personen findes ikke.");
        var removed = await registry.FindPersonAsync(removedId, cancellationToken) ?? throw new DomainRuleException("Vælg den anden person i samme kommunes register.");
        var name = removed.Name;
        await registry.MergeAsync(kept, removed, cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        return name;
    }
}
