using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Portal;

namespace Protokol.Web.Pages.People;

public sealed class PersonModel(PortalService portal) : PageModel
{
    public PersonRecord? Person { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Person = await portal.GetPersonAsync(id, cancellationToken);
        return Person is null ? NotFound() : Page();
    }
}
