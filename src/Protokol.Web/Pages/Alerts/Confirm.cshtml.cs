using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;

namespace Protokol.Web.Pages.Alerts;

/// <summary>
/// The double opt-in: the link in the confirmation mail opens this page, and its button confirms.
/// A button rather than the link itself, since mail scanners open links to look at them.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ConfirmSubscriptionModel(IMailStore store, Subscriptions subscriptions) : PageModel
{
    public bool Confirmed { get; private set; }

    public bool Unknown { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await store.FindSubscriptionAsync(token, cancellationToken);
        Unknown = subscription is null;
        Confirmed = subscription?.IsConfirmed == true;
        return Unknown ? NotFoundPage() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.ConfirmAsync(token, cancellationToken);
        Unknown = subscription is null;
        Confirmed = !Unknown;
        return Unknown ? NotFoundPage() : Page();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
