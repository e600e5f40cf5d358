using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;
using Protokol.Core.Text;
using Protokol.Web.Rendering;

namespace Protokol.Web.Pages.People;

public sealed class PersonModel(PortalService portal) : PageModel
{
    public PersonRecord? Person { get; private set; }

    /// <summary>The person's page with the meetings of the route's year (without one: the newest year); 404 for a year without attendance.</summary>
    /// <remarks>No handler parameters, so no model binding (issue 17): the route's values are read as <see cref="RouteValues"/> says.</remarks>
    public async Task<IActionResult> OnGetAsync()
    {
        var year = RouteValues.OptionalNumber(RouteData, "year");
        if (year is { } y && !DanishInput.IsSupportedYear(y))
        {
            return NotFound();
        }

        Person = await portal.GetPersonAsync(RouteValues.Number(RouteData, "id"), year, HttpContext.RequestAborted);
        return Person is null || !Person.YearFound ? NotFound() : Page();
    }
}
