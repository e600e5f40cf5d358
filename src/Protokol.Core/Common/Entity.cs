namespace Protokol.Core.Common;

/// <summary>
/// Base of every stored record. <see cref="Version"/> is the optimistic concurrency token: the
/// storage layer increments it on every save and refuses a save whose version is stale, so two
/// people editing the same record get a conflict instead of one silently overwriting the other.
/// </summary>
public abstract class Entity
{
    public int Id { get; protected set; }

    public long Version { get; private set; }

    /// <summary>When the record was first stored (UTC).</summary>
    public DateTime Created { get; private set; }

    /// <summary>When the record was last changed (UTC).</summary>
    public DateTime Modified { get; private set; }

    /// <summary>Called by the storage layer when the record is inserted.</summary>
    public void StampCreated(DateTime utcNow)
    {
        Created = utcNow;
        Modified = utcNow;
        Version = 1;
    }

    /// <summary>Called by the storage layer when the record is updated.</summary>
    public void StampModified(DateTime utcNow)
    {
        Modified = utcNow;
        Version++;
    }

    /// <summary>
    /// Refuses an edit made on a stale copy: <paramref name="expectedVersion"/> is the version the
    /// editor saw when they opened the record.
    /// </summary>
    public void EnsureVersion(long expectedVersion)
    {
        if (expectedVersion != Version)
        {
            throw new ConcurrencyConflictException(GetType().Name, Id, expectedVersion, Version);
        }
    }
}
