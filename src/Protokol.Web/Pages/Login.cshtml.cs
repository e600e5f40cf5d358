using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Protokol.Data.Accounts;
using Protokol.Web.Accounts;
using Protokol.Web.Localization;

namespace Protokol.Web.Pages;

/// <summary>The back office's sign-in: e-mail and password, five wrong passwords lock the account for 15 minutes.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class LoginModel(AccountService accounts, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public string? Email { get; private set; }

    public string? Problem { get; private set; }

    public string Back { get; private set; } = "/admin";

    public IActionResult OnGet([FromQuery(Name = "tilbage")] string? back)
    {
        Back = LanguageSwitch.LocalPath(back) ?? "/admin";
        return User.IsStaff() ? LocalRedirect(Back) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, [FromForm(Name = "tilbage")] string? back, CancellationToken cancellationToken)
    {
        Back = LanguageSwitch.LocalPath(back) ?? "/admin";
        Email = email;
        var result = await accounts.SignInAsync(email ?? string.Empty, password ?? string.Empty, cancellationToken);
        switch (result.Outcome)
        {
            case SignInOutcome.Success:
                await HttpContext.SignInAsync(StaffClaims.Scheme, StaffClaims.Principal(result.Account!));
                return LocalRedirect(Back);
            case SignInOutcome.LockedOut:
                var minutes = Math.Max(1, (int)Math.Ceiling((result.LockedUntil!.Value - clock.GetUtcNow().UtcDateTime).TotalMinutes));
                Problem = text["Kontoen er låst efter for mange forkerte forsøg. Prøv igen om {0} minutter.", minutes];
                break;
            default:
                Problem = text["Forkert e-mail eller adgangskode."];
                break;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
