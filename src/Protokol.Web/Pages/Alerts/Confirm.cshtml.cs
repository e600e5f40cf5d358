using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;
using Protokol.Core.Portal;
using Protokol.Web.Search;

namespace Protokol.Web.Pages.Alerts;

/// <summary>
/// The double opt-in: the link in the confirmation mail opens this page, and its button confirms.
/// A button rather than the link itself, since mail scanners open links to look at them.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ConfirmSubscriptionModel(IMailStore store, Subscriptions subscriptions, PortalService portal, IStringLocalizer<SharedResource> text) : PageModel
{
    public bool Confirmed { get; private set; }

    /// <summary>What the subscription follows, in words ("Rådet for Socialt Udsatte", "søgningen «hjemløse»"), so the reader knows what they confirm.</summary>
    public string? What { get; private set; }

    public bool Unknown { get; private set; }

    /// <summary>The words searched for, when the subscription follows a search (its new hits are mailed).</summary>
    public string? SearchQuery { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await store.FindSubscriptionAsync(token, cancellationToken);
        Unknown = subscription is null;
        Confirmed = subscription?.IsConfirmed == true;
        What = await DescribeAsync(subscription, cancellationToken);
        return Unknown ? NotFoundPage() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.ConfirmAsync(token, cancellationToken);
        Unknown = subscription is null;
        Confirmed = !Unknown;
        What = await DescribeAsync(subscription, cancellationToken);
        return Unknown ? NotFoundPage() : Page();
    }

    private async Task<string?> DescribeAsync(Subscription? subscription, CancellationToken cancellationToken)
    {
        if (subscription?.OrganizationId is { } council)
        {
            return (await portal.ListOrganizationsAsync(cancellationToken)).FirstOrDefault(o => o.Id == council)?.Name;
        }

        if (subscription?.SearchQuery is { } search)
        {
            var request = SearchParameters.From(new QueryCollection(QueryHelpers.ParseQuery(search))).Request;
            if (string.IsNullOrWhiteSpace(request.Query))
            {
                return null;
            }

            SearchQuery = request.Query;
            return text["søgningen «{0}»", request.Query].Value;
        }

        return null;
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
