using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Common;
using Protokol.Data.Accounts;
using Protokol.Web.Accounts;

namespace Protokol.Web.Pages.Admin;

/// <summary>The signed-in user's own account: changing the password.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AccountModel(AccountService accounts) : PageModel
{
    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public void OnGet() => Done = TempData["Done"] as string;

    public async Task<IActionResult> OnPostAsync(string current, string password, string repeat, CancellationToken ct)
    {
        try
        {
            if (!string.Equals(password, repeat, StringComparison.Ordinal))
            {
                throw new DomainRuleException("De to nye adgangskoder er ikke ens.");
            }

            var account = await accounts.ChangePasswordAsync(User.AccountId() ?? 0, current ?? string.Empty, password ?? string.Empty, ct);

            // The new password ends every other session; this one continues with the new stamp.
            await HttpContext.SignInAsync(StaffClaims.Scheme, StaffClaims.Principal(account));
            TempData["Done"] = "Din adgangskode er skiftet. Du er logget ud alle andre steder.";
            return Redirect("/admin/konto");
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
