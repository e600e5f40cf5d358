using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;
using Protokol.Core.Text;
using Protokol.Web.Rendering;

namespace Protokol.Web.Pages.Organizations;

public sealed class MeetingsModel(PortalService portal) : PageModel
{
    public OrganizationMeetings? Result { get; private set; }

    /// <remarks>The handler takes no parameters, so Razor Pages runs no model binding for it (issue 17): the route's values, which its constraints have checked, are read as the binder would read them.</remarks>
    public async Task<IActionResult> OnGetAsync()
    {
        var year = RouteValues.OptionalNumber(RouteData, "year");
        if (year is { } y && !DanishInput.IsSupportedYear(y))
        {
            return NotFound();
        }

        Result = await portal.GetOrganizationMeetingsAsync(RouteValues.Text(RouteData, "slug"), year, HttpContext.RequestAborted);
        return Result is null ? NotFound() : Page();
    }
}
