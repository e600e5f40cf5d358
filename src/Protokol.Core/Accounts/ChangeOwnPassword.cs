using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Accounts;

/// <summary>Use case: the account holder changes their own password, proving they know the current one; their other sessions end.</summary>
public sealed class ChangeOwnPassword(IProtokolStore store, IAccountStore accounts, IPasswordHasher hasher)
{
    public async Task<UserAccount> ExecuteAsync(int accountId, string current, string password, string repeat, CancellationToken cancellationToken)
    {
        if (!string.Equals(password, repeat, StringComparison.Ordinal))
        {
            throw new DomainRuleException("De to nye adgangskoder er ikke ens.");
        }

        var account = await accounts.FindAsync(accountId, cancellationToken);
        if (account is null || account.Disabled)
        {
            throw new DomainRuleException("Kontoen findes ikke.");
        }

        if (hasher.Verify(account, account.PasswordHash, current ?? string.Empty) == PasswordCheck.Failed)
        {
            throw new DomainRuleException("Den nuværende adgangskode er forkert.");
        }

        PasswordRule.Check(password);
        account.SetPasswordHash(hasher.Hash(account, password));
        await store.SaveChangesAsync(cancellationToken);
        return account;
    }
}
