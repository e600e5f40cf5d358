using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Web.Pages;

/// <summary>The one error page: Danish, no technical details, the right status code.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Der opstod en fejl";

    public string Explanation { get; private set; } = "Siden kunne ikke vises lige nu. Prøv igen om lidt.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        if (HttpContext.Response.StatusCode == StatusCodes.Status200OK)
        {
            // Visited directly (/fejl/404) rather than re-executed after an error.
            HttpContext.Response.StatusCode = status;
        }

        if (status == StatusCodes.Status404NotFound)
        {
            Heading = "Siden findes ikke";
            Explanation = "Vi kunne ikke finde den side, du leder efter. Mødet kan være flyttet, eller adressen kan være skrevet forkert.";
        }
        else if (status is >= 400 and < 500)
        {
            Heading = "Forespørgslen kunne ikke gennemføres";
            Explanation = "Adressen eller formularen indeholdt noget, vi ikke kunne bruge.";
        }
    }
}
