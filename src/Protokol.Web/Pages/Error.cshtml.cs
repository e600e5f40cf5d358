using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Protokol.Web.Pages;

/// <summary>The one error page: Danish, no technical details, the right status code.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public string Heading { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // Only an error's status is shown: /fejl/999 or /fejl/101 typed by hand is a page that does not exist.
        var status = code switch
        {
            null => StatusCodes.Status500InternalServerError,
            >= 400 and <= 599 => code.Value,
            _ => StatusCodes.Status404NotFound,
        };
        if (HttpContext.Response.StatusCode == StatusCodes.Status200OK)
        {
            // Visited directly (/fejl/404) rather than re-executed after an error.
            HttpContext.Response.StatusCode = status;
        }

        // An upload larger than the form takes ends before any handler: said as what it is, not as an error of the site.
        var error = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        if (error is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (error is InvalidDataException data && data.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase)))
        {
            HttpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            (Heading, Explanation) = (text["Filen er for stor"].Value, text["Et bilag eller en fil til import må højst fylde 20 MB. Gå tilbage, og vælg en mindre fil."].Value);
            return;
        }

        (Heading, Explanation) = status switch
        {
            StatusCodes.Status404NotFound => (text["Siden findes ikke"].Value, text["Vi kunne ikke finde den side, du leder efter. Mødet kan være flyttet, eller adressen kan være skrevet forkert."].Value),
            >= 400 and < 500 => (text["Forespørgslen kunne ikke gennemføres"].Value, text["Adressen eller formularen indeholdt noget, vi ikke kunne bruge."].Value),
            _ => (text["Der opstod en fejl"].Value, text["Siden kunne ikke vises lige nu. Prøv igen om lidt."].Value),
        };
    }
}
