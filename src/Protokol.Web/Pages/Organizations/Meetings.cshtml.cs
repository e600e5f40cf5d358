using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;

namespace Protokol.Web.Pages.Organizations;

public sealed class MeetingsModel(PortalService portal) : PageModel
{
    public OrganizationMeetings? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? year, CancellationToken cancellationToken)
    {
        if (year is < 1900 or > 2200)
        {
            return NotFound();
        }

        Result = await portal.GetOrganizationMeetingsAsync(slug, year, cancellationToken);
        return Result is null ? NotFound() : Page();
    }
}
