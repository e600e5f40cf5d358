using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;

namespace Protokol.Web.Pages.People;

public sealed class PersonModel(PortalService portal) : PageModel
{
    public PersonRecord? Person { get; private set; }

    /// <summary>The person's page with the meetings of <paramref name="year"/> (without one: the newest year); 404 for a year without attendance.</summary>
    public async Task<IActionResult> OnGetAsync(int id, int? year, CancellationToken cancellationToken)
    {
        if (year is < 1900 or > 2200)
        {
            return NotFound();
        }

        Person = await portal.GetPersonAsync(id, year, cancellationToken);
        return Person is null || !Person.YearFound ? NotFound() : Page();
    }
}
