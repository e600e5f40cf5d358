namespace Protokol.Web;

/// <summary>
/// HEAD answered as GET is, without the body, on every address: the feeds, calendars, exports, files, OParl and the search API are
/// minimal-API endpoints mapped for GET only, and a link checker's or a feed reader's HEAD got 405 there while the pages answered
/// it. The request is routed as a GET; Kestrel knows it is a HEAD and sends the headers only (Content-Length as the GET's). The method
/// is HEAD again for the middleware before this one (<see cref="PublicCaching"/> writes no body for it).
/// </summary>
public sealed class HeadAsGet(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
        }
    }
}
