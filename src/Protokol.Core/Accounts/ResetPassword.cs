using Protokol.Core.Abstractions;

namespace Protokol.Core.Accounts;

/// <summary>Use case: an administrator gives an account a new password (a forgotten one): every session of the account ends.</summary>
public sealed class ResetPassword(IProtokolStore store, IAccountStore accounts, IPasswordHasher hasher)
{
    public async Task<UserAccount> ExecuteAsync(StaffRights who, int accountId, string password, CancellationToken cancellationToken)
    {
        who.EnsureAdministrator();
        PasswordRule.Check(password);
        var account = await AccountRules.FindAsync(accounts, accountId, cancellationToken);
        account.SetPasswordHash(hasher.Hash(account, password));
        await store.SaveChangesAsync(cancellationToken);
        return account;
    }
}
