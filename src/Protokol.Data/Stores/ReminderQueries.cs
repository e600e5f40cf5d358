using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;

namespace Protokol.Data.Stores;

/// <summary>Reads for <see cref="Core.Mail.Reminders"/>.</summary>
internal sealed class ReminderQueries(ProtokolDbContext db) : IReminderQueries
{
    public async Task<IReadOnlyList<FollowUpReminderRow>> OpenFollowUpsDueByAsync(DateOnly dueBy, CancellationToken cancellationToken)
    {
        var rows = await db.FollowUps.AsNoTracking()
            .Where(f => f.Status == FollowUpStatus.Open && f.OwnerId != null && f.Due != null && f.Due <= dueBy)
            .OrderBy(f => f.Due).ThenBy(f => f.Id)
            .Select(f => new
            {
                f.Id,
                f.OrganizationId,
                OrganizationName = f.Organization.Name,
                f.Text,
                Due = f.Due!.Value,
                OwnerId = f.OwnerId!.Value,
                OwnerName = f.Owner!.Name,
                OwnerEmail = f.Owner.Email,
            })
            .ToListAsync(cancellationToken);

        // An owner without an address of their own is reached at the account linked to them, if any.
        var accounts = await LinkedAccounts.AddressesAsync(db, rows.Where(r => string.IsNullOrWhiteSpace(r.OwnerEmail)).Select(r => r.OwnerId), cancellationToken);
        return rows.Select(r => new FollowUpReminderRow(r.Id, r.OrganizationId, r.OrganizationName, r.Text, r.Due, r.OwnerId, r.OwnerName,
            string.IsNullOrWhiteSpace(r.OwnerEmail) ? accounts.GetValueOrDefault(r.OwnerId) : r.OwnerEmail)).ToList();
    }

    public async Task<IReadOnlyList<HearingReminderRow>> OpenHearingsDueAsync(DateOnly from, DateOnly through, CancellationToken cancellationToken) =>
        await db.Hearings.AsNoTracking()
            .Where(h => h.Status == HearingStatus.Open && h.Deadline >= from && h.Deadline <= through)
            .OrderBy(h => h.Deadline).ThenBy(h => h.Id)
            .Select(h => new HearingReminderRow(h.Id, h.OrganizationId, h.Organization.Name, h.Subject, h.Sender, h.Deadline, h.AgendaItem == null ? null : h.AgendaItem.MeetingId))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<int, IReadOnlyList<SecretaryAddress>>> SecretariesAsync(IReadOnlyCollection<int> organizationIds, CancellationToken cancellationToken)
    {
        var rows = await db.OrganizationAccess.AsNoTracking()
            .Where(a => organizationIds.Contains(a.OrganizationId) && a.Level == AccessLevel.Secretary && !a.UserAccount.Disabled)
            .OrderBy(a => a.UserAccountId)
            .Select(a => new { a.OrganizationId, a.UserAccountId, a.UserAccount.Email, a.UserAccount.DisplayName })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.OrganizationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SecretaryAddress>)g.Select(r => new SecretaryAddress(r.UserAccountId, r.Email, r.DisplayName)).ToList());
    }
}
