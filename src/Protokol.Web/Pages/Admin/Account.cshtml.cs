using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Accounts;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>The signed-in user's own account: changing the password.</summary>
[StaffRule(StaffRule.SignedIn)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AccountModel : BackOfficePage
{
    public void OnGet() => ShowDone();

    [StaffRule(StaffRule.SignedIn)]
    public Task<IActionResult> OnPostAsync([FromServices] ChangeOwnPassword change, string? current, string? password, string? repeat, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var account = await change.ExecuteAsync(User.AccountId() ?? 0, current ?? string.Empty, password ?? string.Empty, repeat ?? string.Empty, ct);

            // The new password ends every other session; this one continues with the new stamp.
            await HttpContext.SignInAsync(StaffClaims.Scheme, StaffClaims.Principal(account));
            return "Din adgangskode er skiftet. Du er logget ud alle andre steder.";
        }, "/admin/konto", () => Task.FromResult(true));
}
