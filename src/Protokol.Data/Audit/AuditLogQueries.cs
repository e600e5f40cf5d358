using Microsoft.EntityFrameworkCore;

namespace Protokol.Data.Audit;

/// <summary>One page of the audit log: newest first, and the id to continue before when there are older entries.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<string> Types, long? OlderBefore);

/// <summary>The audit log as the administrator reads it.</summary>
public sealed class AuditLogQueries(ProtokolDbContext db)
{
    /// <param name="type">Only changes of this kind of record, or all.</param>
    /// <param name="actor">Only changes by someone whose name contains this (case ignored), or all.</param>
    /// <param name="before">Only entries older than this id (the next page), or the newest.</param>
    /// <param name="pageSize">Entries a page.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<AuditLogPage> PageAsync(string? type, string? actor, long? before, int pageSize, CancellationToken cancellationToken)
    {
        var types = await db.AuditLog.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (type is not null)
        {
            query = query.Where(e => e.EntityType == type);
        }

        if (actor is not null)
        {
            var actorText = actor.ToLowerInvariant();
            query = query.Where(e => e.Actor.Contains(actorText));
        }

        if (before is { } b)
        {
            query = query.Where(e => e.Id < b);
        }

        // One more than a page tells whether an older page exists.
        var entries = await query.OrderByDescending(e => e.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = entries.Take(pageSize).ToList();
        return new AuditLogPage(page, types, entries.Count > pageSize ? page[^1].Id : null);
    }
}
