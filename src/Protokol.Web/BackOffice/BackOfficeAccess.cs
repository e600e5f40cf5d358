using System.Security.Claims;
using Protokol.Web.Accounts;

namespace Protokol.Web.BackOffice;

/// <summary>Who may do what with one organization: members read its drafts, secretaries change it, administrators do both everywhere.</summary>
public static class BackOfficeAccess
{
    public static bool CanRead(this ClaimsPrincipal user, int organizationId) =>
        user.ReadableOrganizations() is not { } readable || readable.Contains(organizationId);

    public static bool CanEdit(this ClaimsPrincipal user, int organizationId) =>
        user.SecretaryOf() is not { } runs || runs.Contains(organizationId);
}
