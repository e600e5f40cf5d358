using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Accounts;

/// <param name="Email">The sign-in name.</param>
/// <param name="Name">The name shown in the back office and the audit log.</param>
/// <param name="Password">The first password, given to the person by a safe way.</param>
/// <param name="IsAdministrator">Every council, the accounts and the audit log.</param>
/// <param name="Access">Member or secretary, per council.</param>
/// <param name="PersonId">The person in the registry the account belongs to, if any.</param>
public sealed record NewUser(string Email, string Name, string Password, bool IsAdministrator, IReadOnlyDictionary<int, AccessLevel> Access, int? PersonId = null);

/// <summary>Use case: an administrator (or the command line, acting as one) creates an account.</summary>
public sealed class CreateUser(IProtokolStore store, IAccountStore accounts, IPasswordHasher hasher)
{
    public async Task<UserAccount> ExecuteAsync(StaffRights who, NewUser user, CancellationToken cancellationToken)
    {
        who.EnsureAdministrator();
        // Every field is checked before any is refused, so an empty form names them all.
        Guard.All(() => Guard.Text(user.Name, "Navn", 200), () => UserAccount.NormalizeEmail(user.Email ?? string.Empty), () => PasswordRule.Check(user.Password));
        var account = new UserAccount(user.Email ?? string.Empty, user.Name ?? string.Empty, user.IsAdministrator);
        if (await accounts.EmailTakenAsync(account.Email, cancellationToken))
        {
            throw new DomainRuleException($"Der findes allerede en bruger med e-mailen {account.Email}.", "E-mail");
        }

        account.SetPasswordHash(hasher.Hash(account, user.Password));
        account.SetAccess(await AccountRules.CheckedAccessAsync(accounts, user.Access, cancellationToken));
        account.LinkPerson(await AccountRules.CheckedPersonAsync(accounts, user.PersonId, cancellationToken));
        store.Add(account);
        await store.SaveChangesAsync(cancellationToken);
        return account;
    }
}

internal static class AccountRules
{
    public static async Task<IReadOnlyDictionary<int, AccessLevel>> CheckedAccessAsync(IAccountStore accounts, IReadOnlyDictionary<int, AccessLevel> access, CancellationToken cancellationToken)
    {
        var councils = await accounts.CouncilIdsAsync(cancellationToken);
        foreach (var (id, level) in access)
        {
            if (!councils.Contains(id) || !Enum.IsDefined(level))
            {
                throw new DomainRuleException($"Ukendt adgang \"{level}\" til råd nr. {id}.");
            }
        }

        return access;
    }

    public static async Task<int?> CheckedPersonAsync(IAccountStore accounts, int? personId, CancellationToken cancellationToken) =>
        personId is { } id && !await accounts.PersonExistsAsync(id, cancellationToken)
            ? throw new DomainRuleException($"Personen nr. {id} findes ikke i registret.")
            : personId;

    public static async Task<UserAccount> FindAsync(IAccountStore accounts, int id, CancellationToken cancellationToken) =>
        await accounts.FindAsync(id, cancellationToken) ?? throw new DomainRuleException("Kontoen findes ikke.");
}
