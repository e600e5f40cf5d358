namespace Protokol.Core.Accounts;

/// <summary>
/// What a signed-in account may do, as the use cases check it: an administrator everything; a
/// secretary runs the councils in <see cref="SecretaryOf"/>; a member reads the drafts of those in
/// <see cref="MemberOf"/>. Rights are per council, never per page.
/// </summary>
/// <param name="IsAdministrator">Every council, the accounts and the audit log.</param>
/// <param name="SecretaryOf">The councils the account runs.</param>
/// <param name="MemberOf">The councils whose drafts the account reads.</param>
/// <param name="AccountId">The account itself, when signed in (some rules are about oneself).</param>
/// <param name="PersonId">The person in the registry the account belongs to, if linked: a member answers and closes follow-ups as that person.</param>
public sealed record StaffRights(bool IsAdministrator, IReadOnlySet<int> SecretaryOf, IReadOnlySet<int> MemberOf, int? AccountId = null, int? PersonId = null)
{
    /// <summary>Nobody signed in: no rights at all.</summary>
    public static StaffRights None { get; } = new(false, new HashSet<int>(), new HashSet<int>());

    public static StaffRights Administrator { get; } = new(true, new HashSet<int>(), new HashSet<int>());

    /// <summary>Signed in with some right somewhere.</summary>
    public bool IsStaff => IsAdministrator || SecretaryOf.Count > 0 || MemberOf.Count > 0;

    /// <summary>Secretary of at least one council (or administrator): may keep the municipality's people registry.</summary>
    public bool IsSecretary => IsAdministrator || SecretaryOf.Count > 0;

    public bool CanRead(int organizationId) => IsAdministrator || SecretaryOf.Contains(organizationId) || MemberOf.Contains(organizationId);

    public bool CanRun(int organizationId) => IsAdministrator || SecretaryOf.Contains(organizationId);

    public void EnsureAdministrator()
    {
        if (!IsAdministrator)
        {
            throw new AccessDeniedException("Kun en administrator kan gøre det.");
        }
    }

    public void EnsureCanRun(int organizationId)
    {
        if (!CanRun(organizationId))
        {
            throw new AccessDeniedException("Kun rådets sekretær kan gøre det.");
        }
    }
}
