using Protokol.Core.Mail;

namespace Protokol.Core.Abstractions;

/// <summary>
/// The mail outbox and the public's subscriptions. It shares the unit of work of
/// <see cref="IProtokolStore"/>: a message queued here is saved by the same SaveChanges, in the same
/// transaction, as the action that caused it.
/// </summary>
public interface IMailStore
{
    /// <summary>Queues a message, unless one with the same key was ever queued: then false, and nothing changes.</summary>
    Task<bool> EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>Pending messages whose next try is due, oldest first, with their files; not tracked (a try's outcome is written by <see cref="RecordTryAsync"/>).</summary>
    Task<IReadOnlyList<OutgoingMail>> DueAsync(DateTime utcNow, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a due message for one sender, atomically in the database: its next try moves to
    /// <paramref name="leaseUntil"/> and <paramref name="owner"/> is written beside it, so no other
    /// sender (another thread, another web process) takes it meanwhile. False when another sender
    /// claimed it first. A sender that dies holding the claim leaves the message due again when the
    /// lease ends, or earlier when a sender sees the owner is gone (<see cref="ReleaseClaimAsync"/>).
    /// </summary>
    Task<bool> ClaimAsync(long id, string owner, DateTime utcNow, DateTime leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the outcome of one try (sent, or failed with its next try) in one small statement of
    /// its own and ends the claim. Only a message still pending is changed: false otherwise.
    /// </summary>
    Task<bool> RecordTryAsync(OutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>The pending messages a sender holds right now (their lease has not ended), with the owner.</summary>
    Task<IReadOnlyList<MailClaim>> ClaimsAsync(DateTime utcNow, CancellationToken cancellationToken);

    /// <summary>Makes a claimed message due now, if <paramref name="owner"/> still holds it and it was not sent.</summary>
    Task<bool> ReleaseClaimAsync(long id, string owner, DateTime utcNow, CancellationToken cancellationToken);

    Task<OutgoingMail?> FindMailAsync(long id, CancellationToken cancellationToken);

    /// <summary>The files a message carries (name, type, size), without their bytes.</summary>
    Task<IReadOnlyList<MailPartSummary>> PartsAsync(long mailId, CancellationToken cancellationToken);

    /// <summary>The messages whose key starts with <paramref name="keyPrefix"/> ("agenda:17:"), also those queued in this unit of work, oldest first.</summary>
    Task<IReadOnlyList<MailRecipient>> RecipientsAsync(string keyPrefix, CancellationToken cancellationToken);

    /// <summary>The newest messages, of the given councils (null: all, also those about no council), without their files.</summary>
    Task<IReadOnlyList<MailSummary>> RecentAsync(IReadOnlyCollection<int>? organizationIds, int limit, CancellationToken cancellationToken);

    Task<Subscription?> FindSubscriptionAsync(string token, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscription>> ConfirmedSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>The address's subscriptions not yet confirmed, asked for since <paramref name="createdSince"/>, newest first.</summary>
    Task<IReadOnlyList<Subscription>> UnconfirmedSubscriptionsAsync(string email, DateTime createdSince, CancellationToken cancellationToken);

    void Add(Subscription subscription);

    /// <summary>Deletes the subscription and every message sent to it, so the address is gone (at the next save).</summary>
    Task RemoveAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Deletes subscriptions never confirmed since <paramref name="createdBefore"/>, with their messages; returns how many.</summary>
    Task<int> RemoveUnconfirmedAsync(DateTime createdBefore, CancellationToken cancellationToken);

    Task SaveChangesAsync(CancellationToken cancellationToken);
}

/// <summary>A message a sender holds while it sends it.</summary>
public sealed record MailClaim(long Id, string Owner);

/// <summary>Whom a message went to, by its key, and when it was queued.</summary>
public sealed record MailRecipient(string Key, string ToAddress, string? ToName, MailStatus Status, DateTime Created);

/// <summary>A file a message carries, as the back office shows it.</summary>
public sealed record MailPartSummary(string FileName, string MediaType, long Bytes, MailPartKind Kind);

/// <summary>A message as the back office lists it.</summary>
public sealed record MailSummary(long Id, string Purpose, string ToAddress, string? ToName, string Subject, MailStatus Status, int Attempts, DateTime Created, DateTime? SentAt, DateTime NextAttemptAt, string? LastError, int? OrganizationId);
