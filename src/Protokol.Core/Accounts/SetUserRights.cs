using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Accounts;

/// <summary>
/// Use case: an administrator changes an account's name, rights and linked person. Changed rights
/// end the account's sessions (a new security stamp). Nobody removes their own administrator role,
/// so there is always one administrator who can undo a mistake.
/// </summary>
public sealed class SetUserRights(IProtokolStore store, IAccountStore accounts)
{
    public async Task<UserAccount> ExecuteAsync(StaffRights who, int accountId, string name, bool isAdministrator, IReadOnlyDictionary<int, AccessLevel> access, int? personId, CancellationToken cancellationToken)
    {
        who.EnsureAdministrator();
        if (who.AccountId == accountId && !isAdministrator)
        {
            throw new DomainRuleException("Du kan ikke fjerne din egen administratorrolle; bed en anden administrator om det.");
        }

        var account = await AccountRules.FindAsync(accounts, accountId, cancellationToken);
        account.Rename(name ?? string.Empty);
        account.SetAdministrator(isAdministrator);
        account.SetAccess(await AccountRules.CheckedAccessAsync(accounts, access, cancellationToken));
        account.LinkPerson(await AccountRules.CheckedPersonAsync(accounts, personId, cancellationToken));
        await store.SaveChangesAsync(cancellationToken);
        return account;
    }
}
