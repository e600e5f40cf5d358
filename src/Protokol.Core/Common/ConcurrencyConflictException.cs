using System.Globalization;

namespace Protokol.Core.Common;

/// <summary>
/// Somebody else saved the same record after it was opened. Carries what is known about both
/// versions so a page can show the user their own text beside the one now stored.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string entityType, int entityId, long expectedVersion, long? storedVersion, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{entityType} {entityId} was changed by someone else (edited version {expectedVersion}, stored version {storedVersion?.ToString(CultureInfo.InvariantCulture) ?? "deleted"})."),
            innerException)
    {
        EntityType = entityType;
        EntityId = entityId;
        ExpectedVersion = expectedVersion;
        StoredVersion = storedVersion;
    }

    public ConcurrencyConflictException()
    {
        EntityType = string.Empty;
    }

    public ConcurrencyConflictException(string message) : base(message)
    {
        EntityType = string.Empty;
    }

    public ConcurrencyConflictException(string message, Exception innerException) : base(message, innerException)
    {
        EntityType = string.Empty;
    }

    public string EntityType { get; }

    public int EntityId { get; }

    public long ExpectedVersion { get; }

    /// <summary>The version now stored, or null when the record has been deleted.</summary>
    public long? StoredVersion { get; }
}
