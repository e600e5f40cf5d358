using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;

namespace Protokol.Web.Pages;

public sealed class IndexModel(PortalService portal) : PageModel
{
    public IReadOnlyList<OrganizationSummary> Organizations { get; private set; } = [];

    /// <remarks>No parameters, so Razor Pages runs no model binding for the handler (issue 17).</remarks>
    public async Task OnGetAsync() =>
        Organizations = await portal.ListOrganizationsAsync(HttpContext.RequestAborted);
}
