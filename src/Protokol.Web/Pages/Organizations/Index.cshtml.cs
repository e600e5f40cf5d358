using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;

namespace Protokol.Web.Pages.Organizations;

public sealed class OrganizationModel(PortalService portal) : PageModel
{
    public OrganizationRecord? Organization { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Organization = await portal.GetOrganizationAsync(slug, cancellationToken);
        return Organization is null ? NotFound() : Page();
    }
}
