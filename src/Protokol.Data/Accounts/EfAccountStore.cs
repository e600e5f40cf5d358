using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Registry;

namespace Protokol.Data.Accounts;

internal sealed class EfAccountStore(ProtokolDbContext db) : IAccountStore, IAccountQueries
{
    public Task<UserAccount?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.UserAccounts.Include(u => u.Access).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<bool> EmailTakenAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.UserAccounts.AnyAsync(u => u.Email == normalizedEmail, cancellationToken);

    public async Task<IReadOnlySet<int>> CouncilIdsAsync(CancellationToken cancellationToken) =>
        (await db.Organizations.Where(o => o.Kind != OrganizationKind.ExternalOrganisation).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();

    public Task<bool> PersonExistsAsync(int personId, CancellationToken cancellationToken) =>
        db.People.AnyAsync(p => p.Id == personId, cancellationToken);

    public async Task<IReadOnlyList<UserAccount>> AccountsAsync(CancellationToken cancellationToken) =>
        (await db.UserAccounts.AsNoTracking().Include(u => u.Access).ToListAsync(cancellationToken))
            .OrderBy(u => u.Disabled).ThenBy(u => u.DisplayName, Stores.RegistryQueries.DanishNames).ToList();

    public Task<UserAccount?> AccountAsync(int id, CancellationToken cancellationToken) =>
        db.UserAccounts.AsNoTracking().Include(u => u.Access).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Organization>> CouncilsAsync(CancellationToken cancellationToken) =>
        (await db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.ExternalOrganisation).ToListAsync(cancellationToken))
            .OrderBy(o => o.Name, Stores.RegistryQueries.DanishNames).ToList();

    public async Task<IReadOnlyList<Person>> PeopleAsync(CancellationToken cancellationToken) =>
        (await db.People.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(p => p.Name, Stores.RegistryQueries.DanishNames).ToList();
}

/// <summary>ASP.NET Core Identity's password hasher (PBKDF2 with a salt; the format records its parameters).</summary>
internal sealed class IdentityPasswordHasher : IPasswordHasher
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public string Hash(UserAccount account, string password) => Hasher.HashPassword(account, password);

    public PasswordCheck Verify(UserAccount account, string hash, string password) => Hasher.VerifyHashedPassword(account, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Success,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
        _ => PasswordCheck.Failed,
    };
}
