using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Accounts;

/// <summary>What an administrator does to an account's ability to sign in.</summary>
public enum AccountStatusChange
{
    /// <summary>Closes the account: its sessions end and it cannot sign in. Never one's own.</summary>
    Close,

    /// <summary>Opens a closed account again.</summary>
    Reopen,
}

/// <summary>Use case: an administrator closes or reopens an account.</summary>
public sealed class ChangeAccountStatus(IProtokolStore store, IAccountStore accounts)
{
    public async Task<UserAccount> ExecuteAsync(StaffRights who, int accountId, AccountStatusChange change, CancellationToken cancellationToken)
    {
        who.EnsureAdministrator();
        var account = await AccountRules.FindAsync(accounts, accountId, cancellationToken);
        switch (change)
        {
            case AccountStatusChange.Close when who.AccountId == accountId:
                throw new DomainRuleException("Du kan ikke lukke din egen konto.");
            case AccountStatusChange.Close:
                account.Disable();
                break;
            case AccountStatusChange.Reopen:
                account.Enable();
                break;
            default:
                throw new DomainRuleException("Ukendt ændring af kontoen.");
        }

        await store.SaveChangesAsync(cancellationToken);
        return account;
    }
}
