using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;
using Protokol.Web.Rendering;

namespace Protokol.Web.Pages.Meetings;

public sealed class DetailsModel(PortalService portal) : PageModel
{
    public PublicMeeting? Meeting { get; private set; }

    /// <remarks>
    /// The handler takes no parameters, so Razor Pages runs no model binding for it (value providers, binders and
    /// validation for an id the route's int constraint has already checked: about 3 % of the page's request, issue 17);
    /// the id is the route value as the binder would read it.
    /// </remarks>
    public async Task<IActionResult> OnGetAsync()
    {
        Meeting = await portal.GetMeetingAsync(RouteValues.Number(RouteData, "id"), HttpContext.RequestAborted);
        return Meeting is null ? NotFound() : Page();
    }
}
