using Microsoft.Net.Http.Headers;
using Protokol.Core.Portal;

namespace Protokol.Web;

/// <summary>Serves the original files of imported public meetings.</summary>
internal static class Files
{
    public static async Task<IResult> ServeImportedAsync(string sha256, string name, PortalService portal, HttpContext http, CancellationToken cancellationToken)
    {
        var file = await portal.GetImportedFileAsync(sha256, cancellationToken);
        if (file is null)
        {
            return Results.NotFound();
        }

        // A stored web page is somebody else's HTML: download it, never render it on this site.
        var inline = !file.MediaType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        // Its bytes never change (the address names their hash), but whether it may be public does (someone in it shown by role
        // only from now on): kept no longer than a public page.
        http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=60";
        return Results.File(file.Content, file.MediaType, inline ? null : file.FileName, enableRangeProcessing: true);
    }
}
