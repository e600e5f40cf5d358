using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;

namespace Protokol.Web.Pages.Meetings;

public sealed class DetailsModel(PortalService portal) : PageModel
{
    public PublicMeeting? Meeting { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Meeting = await portal.GetMeetingAsync(id, cancellationToken);
        return Meeting is null ? NotFound() : Page();
    }
}
