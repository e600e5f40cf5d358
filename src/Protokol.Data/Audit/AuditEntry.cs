namespace Protokol.Data.Audit;

/// <summary>
/// One stored change: who (the signed-in account, or the command line), when, which record, and the
/// changed fields' values before and after as JSON ({"Title": ["old", "new"]}). Written by
/// <see cref="ProtokolDbContext"/> in the same transaction as the change itself.
/// </summary>
public sealed class AuditEntry
{
    public AuditEntry(DateTime at, string actor, string entityType, int entityId, string action, string changes)
    {
        At = at;
        Actor = actor;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Changes = changes;
    }

    public long Id { get; private set; }

    public DateTime At { get; private set; }

    public string Actor { get; private set; }

    public string EntityType { get; private set; }

    public int EntityId { get; private set; }

    /// <summary>"added", "changed" or "removed".</summary>
    public string Action { get; private set; }

    public string Changes { get; private set; }
}

/// <summary>Who is making the changes of the current unit of work: an e-mail address, or "kommandolinje".</summary>
public interface IAuditActor
{
    string Name { get; }
}

/// <summary>The actor outside the web: the command line and background work.</summary>
public sealed class SystemAuditActor : IAuditActor
{
    public static readonly SystemAuditActor Instance = new();

    public string Name => "system";
}
