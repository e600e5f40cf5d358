using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Protokol.Web.Localization;

/// <summary>
/// GET /sprog/en?tilbage=/moeder/12: remembers the reader's language in the culture cookie and goes back
/// to the page they came from. A plain link, so the switch works without JavaScript.
/// </summary>
public static class LanguageSwitch
{
    public static string Link(string code, HttpRequest request) =>
        $"/sprog/{code}?tilbage={Uri.EscapeDataString(request.Path + request.QueryString)}";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sprog/{code}", (string code, [FromQuery(Name = "tilbage")] string? back, HttpContext context, TimeProvider clock) =>
        {
            if (PortalCultures.Find(code) is not { } culture)
            {
                return Results.NotFound();
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture, culture)),
                new CookieOptions
                {
                    Expires = clock.GetUtcNow().AddYears(1),
                    IsEssential = true,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                });
            context.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(IsLocal(back) ? back! : "/");
        });
        return app;
    }

    /// <summary>Only paths on this site: "/x" but not "//host" or "/\host" (no open redirect).</summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
