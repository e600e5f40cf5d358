using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;
using Protokol.Web.Rendering;

namespace Protokol.Web.Pages.Organizations;

public sealed class OrganizationModel(PortalService portal) : PageModel
{
    public OrganizationRecord? Organization { get; private set; }

    /// <remarks>The handler takes no parameters, so Razor Pages runs no model binding for it (issue 17): the route's values, which its constraints have checked, are read as the binder would read them.</remarks>
    public async Task<IActionResult> OnGetAsync()
    {
        Organization = await portal.GetOrganizationAsync(RouteValues.Text(RouteData, "slug"), HttpContext.RequestAborted);
        return Organization is null ? NotFound() : Page();
    }
}
