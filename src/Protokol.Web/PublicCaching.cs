using Microsoft.Net.Http.Headers;

namespace Protokol.Web;

/// <summary>
/// ETags and cache headers for public pages, feeds and calendars: the ETag is a hash of the body, so
/// it changes exactly when what the public sees changes (a publication, a correction), and a client
/// that already has that version gets 304 Not Modified. Short max-age: a secretary's publication
/// shows within a minute.
/// </summary>
internal sealed class PublicCaching(RequestDelegate next)
{
    private static readonly string[] CachedTypes = ["text/html", "application/atom+xml", "text/calendar", "application/json"];

    public async Task InvokeAsync(HttpContext context)
    {
        // Original files and static assets carry their own (immutable) caching and may be large: never buffered here.
        var path = context.Request.Path;
        if ((!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            || path.StartsWithSegments("/filer") || path.StartsWithSegments("/css") || path.StartsWithSegments("/lib"))
        {
            await next(context);
            return;
        }

        if (path.StartsWithSegments(OParl.OParlUrls.Prefix))
        {
            // The OParl API holds each answer whole in its own buffer and hands it to SendAsync: no second copy of it here.
            context.Response.OnStarting(() =>
            {
                if (!PublicPageCache.IsPublic(context))
                {
                    context.Response.Headers.CacheControl = "no-store, private";
                }

                return Task.CompletedTask;
            });
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new PooledBuffer();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        await SendAsync(context, buffer);
    }

    /// <summary>
    /// Sends a response held whole (status, content type and other headers set): with its ETag and cache headers when it is a
    /// public 200 of a cached type, as 304 Not Modified when the client has that version, else with its length.
    /// </summary>
    public static async Task SendAsync(HttpContext context, PooledBuffer body)
    {
        var type = context.Response.ContentType ?? string.Empty;
        if (!PublicPageCache.IsPublic(context))
        {
            // The back office and pages for a signed-in reader: never kept by a browser or a proxy.
            context.Response.Headers.CacheControl = "no-store, private";
        }
        else if (context.Response.StatusCode == StatusCodes.Status200OK && CachedTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            var etag = $"\"{Convert.ToBase64String(body.ContentHash()[..12]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "public, max-age=60";
            // The reader's language lives in a cookie: a shared cache must keep one copy per cookie.
            context.Response.Headers.Vary = $"{HeaderNames.AcceptEncoding}, {HeaderNames.Cookie}";
            var requested = context.Request.Headers.IfNoneMatch.ToString();
            if (requested.Split(',').Any(t => t.Trim() == etag || t.Trim() == "W/" + etag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.ContentLength = null;
                return;
            }
        }

        if (body.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentLength = body.Length;
            await body.WriteToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
