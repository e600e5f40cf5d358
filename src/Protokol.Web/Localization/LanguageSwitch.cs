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
            return Results.Redirect(LocalPath(back) ?? "/");
        });
        return app;
    }

    /// <summary>
    /// A path on this site to go back to, or null: "/x" but not "//host", "/\\host" or "/\t/host"
    /// (a browser drops tabs and line breaks, which would make it "//host"). Anything with a control
    /// character or a backslash is refused; letters outside ASCII are percent-encoded, so the
    /// Location header is always valid (never a 500).
    /// </summary>
    public static string? LocalPath(string? url)
    {
        if (url is not { Length: > 0 } || url.Length > 2048 || url[0] != '/')
        {
            return null;
        }

        if (url.Any(c => char.IsControl(c) || c == '\\' || char.IsWhiteSpace(c)))
        {
            return null;
        }

        if (url.Length > 1 && url[1] == '/')
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(url.Length);
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                builder.Append(Uri.EscapeDataString(rune.ToString()));
            }
        }

        var local = builder.ToString();
        return Uri.TryCreate(local, UriKind.Relative, out _) ? local : null;
    }
}
