namespace Protokol.Web;

/// <summary>
/// The portal answers GET, HEAD and POST only. Any other method (TRACE, PUT, OPTIONS…) is refused with 405
/// before it reaches a page: a Razor page asked with a method it has no handler for would render without its model.
/// </summary>
public sealed class AllowedMethods(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD, POST";
        return Task.CompletedTask;
    }
}
