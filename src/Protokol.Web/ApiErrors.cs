using Microsoft.AspNetCore.Diagnostics;

namespace Protokol.Web;

/// <summary>
/// Machines get machine answers: under /api and /oparl an error is a JSON problem (RFC 9457), not
/// the portal's Danish HTML error page that people get elsewhere.
/// </summary>
internal sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/oparl");

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // Logged with its stack trace for the operator; the client learns only that it failed.
            logger.LogError(e, "The request {Path} failed.", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            var status = context.Response.StatusCode;
            await Results.Problem(statusCode: status, title: status switch
            {
                StatusCodes.Status404NotFound => "Findes ikke",
                StatusCodes.Status405MethodNotAllowed => "Metoden er ikke tilladt",
                StatusCodes.Status500InternalServerError => "Noget gik galt; prøv igen senere",
                _ => "Fejl",
            }).ExecuteAsync(context);
        }
    }
}
