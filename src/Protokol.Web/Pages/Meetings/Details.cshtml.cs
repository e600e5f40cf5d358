using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;
using Protokol.Web.Rendering;

namespace Protokol.Web.Pages.Meetings;

public sealed class DetailsModel(PortalService portal) : PageModel
{
    /// <summary>
    /// The release that renders the page: its HTML depends on this page, the <see cref="PrivacyGate"/>, the lean read and Markdig as
    /// much as on the data, so a page kept by another build is rendered again (the module ids are the same for the same build).
    /// </summary>
    private static readonly string Release = string.Join('.', new[] { typeof(DetailsModel), typeof(PrivacyGate), typeof(Data.ProtokolDbContext), typeof(Markdig.Markdown) }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    /// <summary>The meeting's key and kept page (issue 17); its HTML is written as it is when <see cref="KeptMeetingPage.Current"/>.</summary>
    public KeptMeetingPage? Kept { get; private set; }

    /// <summary>The meeting as the public may see it, read only when the kept page is not current.</summary>
    public PublicMeeting? Meeting { get; private set; }

    /// <remarks>
    /// The handler takes no parameters, so Razor Pages runs no model binding for it (value providers, binders and
    /// validation for an id the route's int constraint has already checked: about 3 % of the page's request, issue 17);
    /// the id is the route value as the binder would read it.
    /// The page's main content is kept as rendered (issue 17): the key of its inputs is read first, and only when the kept HTML was
    /// rendered under another key is the meeting read and the page rendered (and kept, <see cref="KeepAsync"/>).
    /// </remarks>
    public async Task<IActionResult> OnGetAsync()
    {
        var id = RouteValues.Number(RouteData, "id");
        var ct = HttpContext.RequestAborted;
        Kept = await portal.GetKeptMeetingPageAsync(id, Variant(), ct);
        if (Kept is null)
        {
            return NotFound();
        }

        if (Kept.Current)
        {
            return Page();
        }

        Meeting = await portal.GetMeetingAsync(id, ct);
        return Meeting is null ? NotFound() : Page();
    }

    /// <summary>Keeps the main content just rendered from <see cref="Meeting"/> under the key read before it.</summary>
    public Task KeepAsync(string html) => portal.KeepMeetingPageAsync(Kept! with { Html = html }, HttpContext.RequestAborted);

    /// <summary>The language (texts, and dates' and numbers' formats) and the release the page is rendered in.</summary>
    private static string Variant() => string.Join('/', CultureInfo.CurrentUICulture.Name, CultureInfo.CurrentCulture.Name, Release);
}
