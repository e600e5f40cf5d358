using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;

namespace Protokol.Data.Mail;

internal sealed class EfMailStore(ProtokolDbContext db) : IMailStore
{
    public async Task<bool> EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.Entries<OutgoingMail>().Any(e => string.Equals(e.Entity.Key, mail.Key, StringComparison.Ordinal))
            || await db.OutgoingMail.AnyAsync(m => m.Key == mail.Key, cancellationToken))
        {
            return false;
        }

        db.OutgoingMail.Add(mail);
        return true;
    }

    public async Task<IReadOnlyList<OutgoingMail>> DueAsync(DateTime utcNow, int limit, CancellationToken cancellationToken) =>
        await db.OutgoingMail.AsNoTracking().Include(m => m.Parts)
            .Where(m => m.Status == MailStatus.Pending && m.NextAttemptAt <= utcNow)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(limit)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    public async Task<bool> ClaimAsync(long id, string owner, DateTime utcNow, DateTime leaseUntil, CancellationToken cancellationToken) =>
        await db.OutgoingMail
            .Where(m => m.Id == id && m.Status == MailStatus.Pending && m.NextAttemptAt <= utcNow)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, leaseUntil).SetProperty(m => m.ClaimedBy, owner), cancellationToken) == 1;

    public async Task<bool> RecordTryAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        await db.OutgoingMail
            .Where(m => m.Id == mail.Id && m.Status == MailStatus.Pending)
            .ExecuteUpdateAsync(
                u => u.SetProperty(m => m.Status, mail.Status)
                    .SetProperty(m => m.Attempts, mail.Attempts)
                    .SetProperty(m => m.SentAt, mail.SentAt)
                    .SetProperty(m => m.LastError, mail.LastError)
                    .SetProperty(m => m.NextAttemptAt, mail.NextAttemptAt)
                    .SetProperty(m => m.ClaimedBy, (string?)null),
                cancellationToken) == 1;

    public async Task<IReadOnlyList<MailClaim>> ClaimsAsync(DateTime utcNow, CancellationToken cancellationToken) =>
        await db.OutgoingMail.AsNoTracking()
            .Where(m => m.Status == MailStatus.Pending && m.ClaimedBy != null && m.NextAttemptAt > utcNow)
            .OrderBy(m => m.Id)
            .Select(m => new MailClaim(m.Id, m.ClaimedBy!))
            .ToListAsync(cancellationToken);

    public async Task<bool> ReleaseClaimAsync(long id, string owner, DateTime utcNow, CancellationToken cancellationToken) =>
        await db.OutgoingMail
            .Where(m => m.Id == id && m.Status == MailStatus.Pending && m.ClaimedBy == owner)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, utcNow).SetProperty(m => m.ClaimedBy, (string?)null), cancellationToken) == 1;

    public Task<OutgoingMail?> FindMailAsync(long id, CancellationToken cancellationToken) =>
        db.OutgoingMail.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public async Task<IReadOnlyList<MailPartSummary>> PartsAsync(long mailId, CancellationToken cancellationToken) =>
        await db.Set<MailPart>().AsNoTracking()
            .Where(p => EF.Property<long>(p, "MailId") == mailId)
            .OrderBy(p => p.Id)
            .Select(p => new MailPartSummary(p.FileName, p.MediaType, p.Content.Length, p.Kind))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<MailRecipient>> RecipientsAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var stored = await db.OutgoingMail.AsNoTracking()
            .Where(m => m.Key.StartsWith(keyPrefix))
            .OrderBy(m => m.Id)
            .Select(m => new MailRecipient(m.Key, m.ToAddress, m.ToName, m.Status, m.Created))
            .ToListAsync(cancellationToken);
        var queued = db.ChangeTracker.Entries<OutgoingMail>()
            .Where(e => e.State == EntityState.Added && e.Entity.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
            .Select(e => new MailRecipient(e.Entity.Key, e.Entity.ToAddress, e.Entity.ToName, e.Entity.Status, e.Entity.Created));
        return [.. stored, .. queued];
    }

    public async Task<IReadOnlyList<MailSummary>> RecentAsync(IReadOnlyCollection<int>? organizationIds, int limit, CancellationToken cancellationToken) =>
        await db.OutgoingMail.AsNoTracking()
            .Where(m => organizationIds == null || (m.OrganizationId != null && organizationIds.Contains(m.OrganizationId.Value)))
            .OrderByDescending(m => m.Id)
            .Take(limit)
            .Select(m => new MailSummary(m.Id, m.Purpose, m.ToAddress, m.ToName, m.Subject, m.Status, m.Attempts, m.Created, m.SentAt, m.NextAttemptAt, m.LastError, m.OrganizationId))
            .ToListAsync(cancellationToken);

    public Task<Subscription?> FindSubscriptionAsync(string token, CancellationToken cancellationToken) =>
        db.Subscriptions.FirstOrDefaultAsync(s => s.Token == token, cancellationToken);

    public async Task<IReadOnlyList<Subscription>> ConfirmedSubscriptionsAsync(CancellationToken cancellationToken) =>
        await db.Subscriptions.Where(s => s.ConfirmedAt != null).OrderBy(s => s.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Subscription>> UnconfirmedSubscriptionsAsync(string email, DateTime createdSince, CancellationToken cancellationToken) =>
        await db.Subscriptions.Where(s => s.Email == email && s.ConfirmedAt == null && s.Created >= createdSince).OrderByDescending(s => s.Id).ToListAsync(cancellationToken);

    public void Add(Subscription subscription) => db.Subscriptions.Add(subscription);

    public async Task RemoveAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        db.Subscriptions.Remove(subscription);
        db.OutgoingMail.RemoveRange(await MessagesTo(subscription.Token).ToListAsync(cancellationToken));
    }

    public async Task<int> RemoveUnconfirmedAsync(DateTime createdBefore, CancellationToken cancellationToken)
    {
        var expired = await db.Subscriptions.Where(s => s.ConfirmedAt == null && s.Created < createdBefore).ToListAsync(cancellationToken);
        foreach (var subscription in expired)
        {
            await RemoveAsync(subscription, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }

    // Every message to a subscriber carries the subscription's token in its key (Subscriptions names them so).
    private IQueryable<OutgoingMail> MessagesTo(string token) =>
        db.OutgoingMail.Where(m => m.Key == "subscription-confirm:" + token || m.Key.StartsWith("digest:" + token + ":"));

    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
