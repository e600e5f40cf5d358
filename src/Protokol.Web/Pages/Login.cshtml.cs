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

    /// <summary>The e-mail field was left empty (asked for at the field; this tells nothing about any account).</summary>
    public string? EmailError { get; private set; }

    /// <summary>The password field was left empty.</summary>
    public string? PasswordError { get; private set; }

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
        // A field left empty is asked for, not answered with "wrong e-mail or password": that says nothing about which
        // addresses exist, and nothing was tried, so the attempt does not count against the throttle either.
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            EmailError = string.IsNullOrWhiteSpace(email) ? text["Skriv din e-mailadresse."].Value : null;
            PasswordError = string.IsNullOrEmpty(password) ? text["Skriv din adgangskode."].Value : null;
            Problem = string.Join(' ', new[] { EmailError, PasswordError }.OfType<string>());
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var address = email;
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!await throttle.IsThrottledAsync(address, client, cancellationToken))
        {
            var result = await accounts.SignInAsync(address, password, cancellationToken);
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
