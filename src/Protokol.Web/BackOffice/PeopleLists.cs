using Microsoft.EntityFrameworkCore;
using Protokol.Core.Registry;

namespace Protokol.Web.BackOffice;

/// <summary>People as the back office lists them: in Danish alphabetical order (Å after Z), case ignored.</summary>
internal static class PeopleLists
{
    public static readonly StringComparer DanishNames = StringComparer.Create(Localization.PortalCultures.DanishCulture, ignoreCase: true);

    public static async Task<List<Person>> ByNameAsync(this IQueryable<Person> people, CancellationToken ct) =>
        (await people.ToListAsync(ct)).OrderBy(p => p.Name, DanishNames).ToList();
}
