using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Web.Accounts;

namespace Protokol.Web.Pages;

/// <summary>Signing out is a POST with the anti-forgery token (the header's button); a GET only shows that button.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class LogoutModel(Protokol.Data.Accounts.AccountService accounts) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends the session for good: a copy of the cookie taken before is refused too (the account's security stamp changes).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.AccountId() is { } id)
        {
            await accounts.EndSessionsAsync(id, cancellationToken);
        }

        await HttpContext.SignOutAsync(StaffClaims.Scheme);
        return LocalRedirect("/");
    }
}
