using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Web.Accounts;

namespace Protokol.Web.Pages;

/// <summary>Signing out is a POST with the anti-forgery token (the header's button); a GET only shows that button.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class LogoutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(StaffClaims.Scheme);
        return LocalRedirect("/");
    }
}
