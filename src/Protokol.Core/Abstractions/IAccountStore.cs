using Protokol.Core.Accounts;
using Protokol.Core.Registry;

namespace Protokol.Core.Abstractions;

/// <summary>The accounts' write side beside <see cref="IProtokolStore"/> (which adds and saves).</summary>
public interface IAccountStore
{
    /// <summary>An account with its access, tracked.</summary>
    Task<UserAccount?> FindAsync(int id, CancellationToken cancellationToken);

    Task<bool> EmailTakenAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>The ids of every council and committee: the organizations access can be given to.</summary>
    Task<IReadOnlySet<int>> CouncilIdsAsync(CancellationToken cancellationToken);

    Task<bool> PersonExistsAsync(int personId, CancellationToken cancellationToken);
}

/// <summary>How passwords are kept: a salted, slow hash (the web layer's password hasher).</summary>
public interface IPasswordHasher
{
    string Hash(UserAccount account, string password);

    PasswordCheck Verify(UserAccount account, string hash, string password);
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Right, but hashed with older parameters: hash it again.</summary>
    SuccessRehashNeeded,
}

/// <summary>The accounts as the administrator's pages read them, without tracking.</summary>
public interface IAccountQueries
{
    /// <summary>Every account with its access: open ones first, by name.</summary>
    Task<IReadOnlyList<UserAccount>> AccountsAsync(CancellationToken cancellationToken);

    Task<UserAccount?> AccountAsync(int id, CancellationToken cancellationToken);

    /// <summary>Every council and committee, by name: the rows of the access grid.</summary>
    Task<IReadOnlyList<Organization>> CouncilsAsync(CancellationToken cancellationToken);

    /// <summary>Everyone in the registry, by name: whom an account can be linked to.</summary>
    Task<IReadOnlyList<Person>> PeopleAsync(CancellationToken cancellationToken);
}
