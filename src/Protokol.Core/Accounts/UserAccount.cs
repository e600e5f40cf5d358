using System.Net.Mail;
using Protokol.Core.Common;

namespace Protokol.Core.Accounts;

/// <summary>What a person may do in the back office, per organization.</summary>
public enum AccessLevel
{
    /// <summary>Reads drafts and sees their own follow-ups.</summary>
    Member = 1,

    /// <summary>Runs the organization's meeting cycle: plan, agenda, minutes, publication.</summary>
    Secretary = 2,
}

/// <summary>
/// Someone who signs in to the back office. Administrators may do everything; anyone else gets
/// <see cref="Access"/> per organization. The password is kept only as a hash made by the web layer's
/// password hasher. Wrong passwords never lock an account (anyone could lock anyone); the portal
/// throttles sign-in attempts instead.
/// </summary>
public sealed class UserAccount : Entity
{
    private readonly List<OrganizationAccess> _access = [];

    private UserAccount()
    {
        Email = DisplayName = PasswordHash = SecurityStamp = string.Empty;
    }

    public UserAccount(string email, string displayName, bool isAdministrator)
    {
        Email = NormalizeEmail(email);
        DisplayName = Guard.Line(displayName, "Navn", 200);
        IsAdministrator = isAdministrator;
        PasswordHash = string.Empty;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>The sign-in name, lower case.</summary>
    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    public bool IsAdministrator { get; private set; }

    /// <summary>The person in the registry this account belongs to (for "my follow-ups"), if any.</summary>
    public int? PersonId { get; private set; }

    public string PasswordHash { get; private set; }

    /// <summary>Changes when the password or the rights change, so sessions signed in before end.</summary>
    public string SecurityStamp { get; private set; }

    public bool Disabled { get; private set; }

    public IReadOnlyList<OrganizationAccess> Access => _access;

    public static string NormalizeEmail(string email)
    {
        var trimmed = Guard.Text(email, "E-mail", 254).ToLowerInvariant();
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal))
        {
            throw new DomainRuleException($"\"{trimmed}\" er ikke en e-mailadresse.", "E-mail");
        }

        return trimmed;
    }

    public void SetPasswordHash(string hash)
    {
        PasswordHash = Guard.Text(hash, "Adgangskode", 1000);
        NewSecurityStamp();
    }

    /// <summary>Links the account to a person; a change ends the sessions signed in before, since "my follow-ups" and answers follow the person.</summary>
    public void LinkPerson(int? personId)
    {
        if (PersonId != personId)
        {
            PersonId = personId;
            NewSecurityStamp();
        }
    }

    public void Grant(int organizationId, AccessLevel level)
    {
        var existing = _access.FirstOrDefault(a => a.OrganizationId == organizationId);
        if (existing is not null)
        {
            existing.Change(level);
        }
        else
        {
            _access.Add(new OrganizationAccess(this, organizationId, level));
        }

        NewSecurityStamp();
    }

    public void Rename(string displayName) => DisplayName = Guard.Line(displayName, "Navn", 200);

    /// <summary>Makes the account an administrator or not; every session signs in again with the new rights.</summary>
    public void SetAdministrator(bool isAdministrator)
    {
        if (IsAdministrator != isAdministrator)
        {
            IsAdministrator = isAdministrator;
            NewSecurityStamp();
        }
    }

    /// <summary>Sets the account's access exactly: organizations not listed lose theirs.</summary>
    public void SetAccess(IReadOnlyDictionary<int, AccessLevel> access)
    {
        var removed = _access.RemoveAll(a => !access.ContainsKey(a.OrganizationId));
        var changed = false;
        foreach (var (organizationId, level) in access)
        {
            var existing = _access.FirstOrDefault(a => a.OrganizationId == organizationId);
            if (existing is null)
            {
                _access.Add(new OrganizationAccess(this, organizationId, level));
                changed = true;
            }
            else if (existing.Level != level)
            {
                existing.Change(level);
                changed = true;
            }
        }

        if (removed > 0 || changed)
        {
            NewSecurityStamp();
        }
    }

    public void Disable()
    {
        Disabled = true;
        NewSecurityStamp();
    }

    public void Enable() => Disabled = false;

    /// <summary>Ends every session signed in before (signing out): their security stamp no longer matches.</summary>
    public void EndSessions() => NewSecurityStamp();

    private void NewSecurityStamp() => SecurityStamp = Guid.NewGuid().ToString("N");
}

/// <summary>An account's access to one organization.</summary>
public sealed class OrganizationAccess : Entity
{
    private OrganizationAccess()
    {
        UserAccount = null!;
    }

    internal OrganizationAccess(UserAccount account, int organizationId, AccessLevel level)
    {
        UserAccount = account;
        OrganizationId = organizationId;
        Level = level;
    }

    public int UserAccountId { get; private set; }

    public UserAccount UserAccount { get; private set; }

    public int OrganizationId { get; private set; }

    public AccessLevel Level { get; private set; }

    internal void Change(AccessLevel level) => Level = level;
}
