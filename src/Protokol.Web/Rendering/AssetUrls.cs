using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Protokol.Web.Rendering;

/// <summary>
/// The fingerprinted URL of a static asset, as <c>&lt;link href="~/…" asp-append-version="true"&gt;</c> writes
/// it: from the static asset manifest the endpoint carries (<c>MapStaticAssets</c>: "/css/site.abc123.css"),
/// else with the file's hash appended by the file version provider. The layout writes its stylesheets
/// through this instead of the link tag helper, whose per-request machinery (tag helper context, attribute
/// lists, URL resolution) cost more than the lookup.
/// </summary>
public static class AssetUrls
{
    /// <param name="context">The request (its endpoint's manifest and path base).</param>
    /// <param name="path">An application-relative path starting with "/".</param>
    public static string Versioned(HttpContext context, string path)
    {
        var pathBase = context.Request.PathBase;
        if (context.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>() is { } assets)
        {
            var key = path[1..];
            if (assets.IsContentSpecificUrl(key))
            {
                return pathBase + path;
            }

            var url = assets[key];
            if (!string.Equals(url, key, StringComparison.Ordinal))
            {
                return pathBase.HasValue ? $"{pathBase}/{url}" : "/" + url;
            }
        }

        return context.RequestServices.GetRequiredService<IFileVersionProvider>().AddFileVersionToPath(pathBase, pathBase + path);
    }
}
