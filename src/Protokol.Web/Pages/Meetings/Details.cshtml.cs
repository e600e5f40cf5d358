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

/// <summary>An item as the meeting page renders it: at which heading level, and whether minutes are shown.</summary>
/// <remarks><c>Held</c>: whether the meeting has taken place, so a closed item "was" or "will be" treated behind closed doors.</remarks>
public sealed record AgendaItemView(int MeetingId, PublicAgendaItem Item, int HeadingLevel, bool MinutesVisible, IReadOnlyList<AttachmentRecord> Attachments, bool Held);
