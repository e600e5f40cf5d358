using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Accounts;

namespace Protokol.Data.Accounts;

/// <summary>How a sign-in went; only <see cref="Success"/> carries the account.</summary>
public enum SignInOutcome
{
    Success,
    WrongEmailOrPassword,
}

public sealed record SignInResult(SignInOutcome Outcome, UserAccount? Account = null);

/// <summary>Checks sign-ins (hashed passwords; attempts are throttled by the portal, never by locking accounts) and creates accounts for the command line and tests through <see cref="CreateUser"/>.</summary>
public sealed class AccountService(ProtokolDbContext db, CreateUser createUser)
{
    public const int MinPasswordLength = PasswordRule.MinLength;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>Hashed once: compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, "protokol-dummy-password"));

    public static void CheckPassword(string password) => PasswordRule.Check(password);

    /// <summary>An account made by the system (the command line, a test): <see cref="CreateUser"/> acting as administrator.</summary>
    public Task<UserAccount> CreateAsync(string email, string displayName, string password, bool isAdministrator, IReadOnlyList<(int OrganizationId, AccessLevel Level)> access, CancellationToken cancellationToken, int? personId = null) =>
        createUser.ExecuteAsync(StaffRights.Administrator, new NewUser(email, displayName, password, isAdministrator, access.ToDictionary(a => a.OrganizationId, a => a.Level), personId), cancellationToken);

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = (email ?? string.Empty).Trim().ToLowerInvariant();
        var account = normalized.Length == 0 ? null : await db.UserAccounts.Include(u => u.Access).FirstOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (account is null || account.Disabled)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password ?? string.Empty);
            return new SignInResult(SignInOutcome.WrongEmailOrPassword);
        }

        // Wrong passwords never lock the account: a lock is a weapon anyone could point at any
        // account (the administrator's too). The portal throttles attempts per address and per
        // client instead (SignInThrottle), without telling which addresses exist.
        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? string.Empty);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return new SignInResult(SignInOutcome.WrongEmailOrPassword);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.SetPasswordHash(Hasher.HashPassword(account, password!));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new SignInResult(SignInOutcome.Success, account);
    }

    /// <summary>
    /// Signing out: a new security stamp, so every cookie issued before (a copy included) is refused
    /// at its next request. Signing out on one device therefore signs out the account's other devices.
    /// </summary>
    public async Task EndSessionsAsync(int accountId, CancellationToken cancellationToken)
    {
        if (await db.UserAccounts.FirstOrDefaultAsync(u => u.Id == accountId, cancellationToken) is { } account)
        {
            account.EndSessions();
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The account behind a session, when it still exists, is enabled and has the same security stamp.</summary>
    public Task<UserAccount?> FindActiveAsync(int id, string securityStamp, CancellationToken cancellationToken) =>
        db.UserAccounts.AsNoTracking().Include(u => u.Access)
            .FirstOrDefaultAsync(u => u.Id == id && !u.Disabled && u.SecurityStamp == securityStamp, cancellationToken);
}
