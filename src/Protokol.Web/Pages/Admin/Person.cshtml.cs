using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Data.Stores;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>One person: name, e-mail, how the public sees them (named or by role only), memberships, and merging a duplicate record into this one.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PersonModel(ProtokolDbContext db, IProtokolStore store, RegistryService registry) : PageModel
{
    public Person? Person { get; private set; }

    public IReadOnlyList<Membership> Memberships { get; private set; } = [];

    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    public IReadOnlyList<Organization> Represented { get; private set; } = [];

    public IReadOnlyList<Person> Others { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        Done = TempData["Done"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostDetailsAsync(int id, long version, string name, string? email, PublicationLevel publication, string? publicRole, string? alias, CancellationToken ct) =>
        ChangeAsync(id, ct, p =>
        {
            p.EnsureVersion(version);
            p.Rename(name);
            p.SetEmail(email);
            p.SetPublication(publication, publicRole);
            if (!string.IsNullOrWhiteSpace(alias))
            {
                p.AddAlias(alias);
            }

            return Task.FromResult("Personen er gemt.");
        });

    public Task<IActionResult> OnPostMembershipAsync(int id, int organization, MembershipRole role, int? onBehalfOf, string? newOrganisation, string? start, string? end, int? substituteFor, CancellationToken ct) =>
        ChangeAsync(id, ct, async p =>
        {
            var council = Councils.FirstOrDefault(c => c.Id == organization) ?? throw new DomainRuleException("Vælg et råd, du er sekretær for.");
            var represented = onBehalfOf is { } o ? Represented.FirstOrDefault(r => r.Id == o) : await RepresentedNamedAsync(p.BodyId, newOrganisation, ct);
            var replaced = substituteFor is { } s ? await db.People.FirstOrDefaultAsync(x => x.Id == s && x.BodyId == p.BodyId, ct) : null;
            store.Add(new Membership(p, council, role, ParseDate(start), ParseDate(end), represented, null, replaced));
            return $"{p.Name} er nu {Localization.Words.Role(role)} i {council.Name}.";
        });

    public Task<IActionResult> OnPostEndAsync(int id, int membership, string end, CancellationToken ct) =>
        ChangeAsync(id, ct, p =>
        {
            var seat = Memberships.FirstOrDefault(m => m.Id == membership) ?? throw new DomainRuleException("Medlemskabet findes ikke.");
            if (!User.CanEdit(seat.OrganizationId))
            {
                throw new DomainRuleException("Kun rådets sekretær kan afslutte medlemskabet.");
            }

            seat.EndOn(ParseDate(end) ?? throw new DomainRuleException("Skriv slutdatoen."));
            return Task.FromResult("Medlemskabet er afsluttet.");
        });

    public async Task<IActionResult> OnPostMergeAsync(int id, int other, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        try
        {
            if (Others.All(o => o.Id != other))
            {
                throw new DomainRuleException("Vælg den anden person i samme kommunes register.");
            }

            var name = Others.First(o => o.Id == other).Name;
            await registry.MergeAsync(id, other, ct);
            TempData["Done"] = $"\"{name}\" er lagt sammen med denne person; navnet er gemt som alternativ stavemåde.";
            return Redirect($"/admin/personer/{id}");
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException)
        {
            return await ProblemAsync(id, e.Message, ct);
        }
    }

    /// <summary>The organisation a member represents, typed in when it is not in the list yet: found by name, or added to the municipality's register.</summary>
    private async Task<Organization?> RepresentedNamedAsync(int bodyId, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var known = Represented.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is not null)
        {
            return known;
        }

        var body = await db.Bodies.Include(b => b.Organizations).FirstAsync(b => b.Id == bodyId, ct);
        return body.AddOrganization(Slug.From(name), name.Trim(), OrganizationKind.ExternalOrganisation);
    }

    private async Task<IActionResult> ChangeAsync(int id, CancellationToken ct, Func<Person, Task<string>> change)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        try
        {
            TempData["Done"] = await change(Person!);
            await store.SaveChangesAsync(ct);
            return Redirect($"/admin/personer/{id}");
        }
        catch (DomainRuleException e)
        {
            return await ProblemAsync(id, e.Message, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return await ProblemAsync(id, "Nogen har ændret personen, siden du åbnede siden. Din ændring er ikke gemt; her er den gemte udgave.", ct);
        }
    }

    private async Task<IActionResult> ProblemAsync(int id, string problem, CancellationToken ct)
    {
        TempData.Remove("Done");
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var runs = User.SecretaryOf();
        if (runs is { Count: 0 })
        {
            return Forbid();
        }

        Person = await db.People.Include(p => p.Aliases).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Person is null)
        {
            return NotFound();
        }

        Councils = (await db.Organizations.Where(o => o.BodyId == Person.BodyId && o.Kind != OrganizationKind.ExternalOrganisation).OrderBy(o => o.Name).ToListAsync(ct))
            .Where(o => User.CanEdit(o.Id)).ToList();
        if (Councils.Count == 0)
        {
            return Forbid();
        }

        Represented = await db.Organizations.Where(o => o.BodyId == Person.BodyId && o.Kind == OrganizationKind.ExternalOrganisation).OrderBy(o => o.Name).ToListAsync(ct);
        Memberships = await db.Memberships.Include(m => m.Organization).Include(m => m.OnBehalfOf).Include(m => m.SubstituteFor)
            .Where(m => m.PersonId == id).OrderByDescending(m => m.Start).ToListAsync(ct);
        Others = await db.People.Where(p => p.BodyId == Person.BodyId && p.Id != id).ByNameAsync(ct);
        return null;
    }

    private static DateOnly? ParseDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new DomainRuleException($"\"{text}\" er ikke en dato (skriv fx 2027-01-01).");
}
