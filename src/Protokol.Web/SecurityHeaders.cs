using Microsoft.Extensions.Options;

namespace Protokol.Web;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows no inline script or style
/// (the pages need no JavaScript; the theme colour is a stylesheet of its own, /css/tema.css),
/// no framing, no MIME sniffing and no full referrer to other sites.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>Images may come from https (the municipality's logo may live elsewhere); everything else from this site only.</summary>
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;

            // An endpoint with a stricter policy of its own (a served attachment: sandbox) keeps it.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = Policy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>The municipality's accent colour as a stylesheet, so no page carries inline style.</summary>
public static class ThemeStylesheet
{
    public const string Path = "/css/tema.css";

    /// <summary>The link for the layout: versioned by the colour, so a changed colour is fetched anew.</summary>
    /// <remarks>Every page asks for it, so the last colour's link is kept instead of hashing the stylesheet per request.</remarks>
    public static string? Href(string? accent)
    {
        var last = lastHref;
        if (last is not null && string.Equals(last.Accent, accent, StringComparison.Ordinal))
        {
            return last.Href;
        }

        var href = SiteTheme.Css(accent) is { } css ? Path + "?v=" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)))[..12] : null;
        lastHref = new ThemeHref(accent, href);
        return href;
    }

    private static ThemeHref? lastHref;

    private sealed record ThemeHref(string? Accent, string? Href);

    public static IEndpointRouteBuilder MapThemeStylesheet(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (IOptions<SiteOptions> site, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(SiteTheme.Css(site.Value.AccentColor) ?? string.Empty, "text/css; charset=utf-8");
        });
        return app;
    }
}

/// <summary>
/// The portal's public address for absolute URLs (OParl ids, feeds, the search API's next page):
/// Protokol:Site:PublicUrl, never the Host header a client sends.
/// </summary>
public static class PublicAddress
{
    /// <summary>"https://protokol.havnby.dk" or "https://havnby.dk/protokol", without a trailing slash.</summary>
    public static string Origin(HttpContext http) => Origin(http.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value);

    public static string Origin(SiteOptions site) => (site.PublicUrl ?? SiteOptions.DefaultPublicUrl).TrimEnd('/');

    /// <summary>
    /// The default when PublicUrl is not set: the first address the portal listens on (Urls), with a
    /// wildcard host read as localhost; otherwise http://localhost:5080.
    /// </summary>
    public static string? FromListenAddresses(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        first = first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(first, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
