using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Protokol.Data.Accounts;
using Protokol.Web.Accounts;
using Protokol.Web.Localization;

namespace Protokol.Web.Pages;

/// <summary>
/// The back office's sign-in: e-mail and password. Attempts are throttled per address and client
/// (<see cref="SignInThrottle"/>); every failure gets the same answer, so it never tells which addresses exist.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class LoginModel(AccountService accounts, SignInThrottle throttle, IStringLocalizer<SharedResource> text, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>The one answer to every failed sign-in: wrong address, wrong password or too many attempts.</summary>
    public const string FailureMessage = "Forkert e-mail eller adgangskode. Efter mange forsøg skal du vente 15 minutter, før du kan prøve igen.";

    public string? Email { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Where to go after signing in, when the sign-in was asked for by a page; otherwise the account's home.</summary>
    public string? Back { get; private set; }

    /// <summary>Where an account lands without a page to go back to: a member their own page, secretaries and administrators the back office.</summary>
    public static string Home(ClaimsPrincipal user) =>
        !user.IsAdministrator() && user.SecretaryOf() is { Count: 0 } ? "/medlem" : "/admin";

    public IActionResult OnGet([FromQuery(Name = "tilbage")] string? back)
    {
        Back = LanguageSwitch.LocalPath(back);
        return User.IsStaff() ? LocalRedirect(Back ?? Home(User)) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, [FromForm(Name = "tilbage")] string? back, CancellationToken cancellationToken)
    {
        Back = LanguageSwitch.LocalPath(back);
        Email = email;
        var address = email ?? string.Empty;
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!await throttle.IsThrottledAsync(address, client, cancellationToken))
        {
            var result = await accounts.SignInAsync(address, password ?? string.Empty, cancellationToken);
            if (result.Outcome == SignInOutcome.Success)
            {
                await throttle.SucceededAsync(address, client, cancellationToken);
                var principal = StaffClaims.Principal(result.Account!);
                await HttpContext.SignInAsync(StaffClaims.Scheme, principal);
                return LocalRedirect(Back ?? Home(principal));
            }

            await throttle.FailedAsync(address, client, cancellationToken);
            logger.LogWarning("Failed sign-in for {Address} from {Client}", address, client);
        }
        else
        {
            logger.LogWarning("Sign-in for {Address} from {Client} refused: too many failed attempts", address, client);
        }

        Problem = text[FailureMessage];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
