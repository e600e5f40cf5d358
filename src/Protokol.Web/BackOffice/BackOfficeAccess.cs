using System.Security.Claims;
using Protokol.Core.Accounts;
using Protokol.Web.Accounts;

namespace Protokol.Web.BackOffice;

/// <summary>The signed-in account's rights, as the use cases and the back office's rules take them.</summary>
public static class BackOfficeAccess
{
    public static StaffRights Rights(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? StaffRights.None
        : new StaffRights(user.IsAdministrator(), user.SecretaryOf() ?? new HashSet<int>(), user.ReadableOrganizations() ?? new HashSet<int>(), user.AccountId(), user.LinkedPersonId());

    public static bool CanRead(this ClaimsPrincipal user, int organizationId) => user.Rights().CanRead(organizationId);

    public static bool CanEdit(this ClaimsPrincipal user, int organizationId) => user.Rights().CanRun(organizationId);
}
