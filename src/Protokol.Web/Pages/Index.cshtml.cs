using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;
using Protokol.Web.Rendering;

namespace Protokol.Web.Pages;

public sealed class IndexModel(PortalService portal, RenderedLists lists) : PageModel
{
    private const string List = "front";

    public IReadOnlyList<OrganizationSummary> Organizations { get; private set; } = [];

    /// <summary>The council list's markup as rendered from these same councils before (<see cref="RenderedLists"/>), or null.</summary>
    public string? ListHtml { get; private set; }

    /// <remarks>No parameters, so Razor Pages runs no model binding for the handler (issue 17).</remarks>
    public async Task OnGetAsync()
    {
        Organizations = await portal.ListOrganizationsAsync(HttpContext.RequestAborted);
        ListHtml = lists.Find(List, Organizations);
    }

    /// <summary>Keeps the council list's markup just rendered from <see cref="Organizations"/>.</summary>
    public void KeepList(string html) => lists.Keep(List, Organizations, html);
}
