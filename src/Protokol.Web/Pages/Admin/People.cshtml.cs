using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>The people registry of the municipalities the user works in: find, add, and the import's "maybe the same person" pairs.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PeopleModel(ProtokolDbContext db, IProtokolStore store) : PageModel
{
    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<Body> Bodies { get; private set; } = [];

    public IReadOnlyList<PersonMatchProposal> Proposals { get; private set; } = [];

    public string? Query { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? query, CancellationToken ct)
    {
        if (!await LoadAsync(query, ct))
        {
            return Forbid();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int body, string name, string? email, PublicationLevel publication, string? publicRole, CancellationToken ct)
    {
        if (!await LoadAsync(null, ct))
        {
            return Forbid();
        }

        try
        {
            var owner = Bodies.FirstOrDefault(b => b.Id == body) ?? throw new DomainRuleException("Vælg kommunen.");
            var person = new Person(owner, name, publication, publicRole);
            person.SetEmail(email);
            store.Add(person);
            await store.SaveChangesAsync(ct);
            return Redirect($"/admin/personer/{person.Id}");
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>Secretaries and administrators manage the registry of the municipalities of their councils.</summary>
    private async Task<bool> LoadAsync(string? query, CancellationToken ct)
    {
        var runs = User.SecretaryOf();
        if (runs is { Count: 0 })
        {
            return false;
        }

        var bodies = db.Organizations.Where(o => runs == null || runs.Contains(o.Id)).Select(o => o.BodyId).Distinct();
        Bodies = await db.Bodies.Where(b => bodies.Contains(b.Id)).OrderBy(b => b.Name).ToListAsync(ct);
        var ids = Bodies.Select(b => b.Id).ToList();
        Query = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        // Matched here rather than in SQL: the same case-insensitive rule on both engines, over one municipality's register.
        var all = await db.People.Include(p => p.Aliases).Where(p => ids.Contains(p.BodyId)).ByNameAsync(ct);
        People = all.Where(p => Query is null || p.Name.Contains(Query, StringComparison.OrdinalIgnoreCase) || p.Aliases.Any(a => a.Name.Contains(Query, StringComparison.OrdinalIgnoreCase))).ToList();
        Proposals = await db.PersonMatchProposals.Include(p => p.Person).Include(p => p.Candidate)
            .Where(p => !p.Dismissed && ids.Contains(p.Person.BodyId)).ToListAsync(ct);
        return true;
    }
}
