using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Protokol.Core.Accounts;
using Protokol.Data.Accounts;

namespace Protokol.Web.Accounts;

/// <summary>
/// The back office's sign-in: a cookie (HttpOnly, Secure, SameSite=Strict) holding the account's id,
/// security stamp and rights. Every minute or so the stamp is checked against the database, so a
/// disabled account or a changed password ends the sessions signed in before.
/// </summary>
public static class StaffClaims
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Administrator = "protokol:administrator";
    public const string Secretary = "protokol:secretary";
    public const string Member = "protokol:member";
    public const string Stamp = "protokol:stamp";
    public const string PersonId = "protokol:person";

    /// <summary>Policy: signed in with any right at all (administrator, secretary or member somewhere).</summary>
    public const string StaffPolicy = "staff";

    /// <summary>Policy: administrators only.</summary>
    public const string AdministratorPolicy = "administrator";

    public static ClaimsPrincipal Principal(UserAccount account)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Email, account.Email),
            new(Stamp, account.SecurityStamp),
        };
        if (account.IsAdministrator)
        {
            claims.Add(new Claim(Administrator, "true"));
        }

        if (account.PersonId is { } person)
        {
            claims.Add(new Claim(PersonId, person.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var access in account.Access)
        {
            claims.Add(new Claim(access.Level == AccessLevel.Secretary ? Secretary : Member, access.OrganizationId.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.HasClaim(Administrator, "true");

    public static int? AccountId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static int? LinkedPersonId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(PersonId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Organizations the user may read drafts of (member or secretary); null means all (administrator).</summary>
    public static IReadOnlySet<int>? ReadableOrganizations(this ClaimsPrincipal user) =>
        user.IsAdministrator() ? null : Organizations(user, Member, Secretary);

    /// <summary>Organizations the user runs as secretary; null means all (administrator).</summary>
    public static IReadOnlySet<int>? SecretaryOf(this ClaimsPrincipal user) =>
        user.IsAdministrator() ? null : Organizations(user, Secretary);

    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsAdministrator() || user.HasClaim(c => c.Type is Secretary or Member));

    private static HashSet<int> Organizations(ClaimsPrincipal user, params string[] types) =>
        user.Claims.Where(c => types.Contains(c.Type))
            .Select(c => int.Parse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture)).ToHashSet();

    public static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = "/login";
        options.LogoutPath = "/logout";
        options.AccessDeniedPath = "/ingen-adgang";
        options.ReturnUrlParameter = "tilbage";
        options.Cookie.Name = "protokol.login";
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
        options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = ValidateAsync;

        // The redirect to the sign-in or no-access page stays on this site whatever Host the request named.
        options.Events.OnRedirectToLogin = RedirectOnSite;
        options.Events.OnRedirectToAccessDenied = RedirectOnSite;
    }

    private static Task RedirectOnSite(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Ends a session whose account was disabled or whose password or rights changed since sign-in.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.AccountId() is not { } id || context.Principal.FindFirstValue(Stamp) is not { } stamp)
        {
            context.RejectPrincipal();
            return;
        }

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        if (await accounts.FindActiveAsync(id, stamp, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
