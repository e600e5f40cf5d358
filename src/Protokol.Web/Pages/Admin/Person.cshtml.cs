using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Core.Text;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>One person: name, e-mail, how the public sees them (named or by role only), memberships, and merging a duplicate record into this one.</summary>
[StaffRule(StaffRule.Registry)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PersonModel(IRegistryQueries registry) : BackOfficePage
{
    private const string Conflict = "Nogen har ændret personen, siden du åbnede siden. Din ændring er ikke gemt; her er den gemte udgave.";

    public PersonView View { get; private set; } = null!;

    public Person Person => View.Person;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ShowDone();
        return Page();
    }

    [StaffRule(StaffRule.ChangePerson)]
    public Task<IActionResult> OnPostDetailsAsync([FromServices] UpdatePersonDetails update, int id, long version, string name, string? email, PublicationLevel publication, string? publicRole, string? alias, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var person = await update.ExecuteAsync(Rights, new PersonDetails(id, version, name, email, publication, publicRole, alias), ct);
            return person.Publication == PublicationLevel.RoleOnly
                ? $"{person.Name} er gemt og vises offentligt kun som \"{person.PublicRole}\"."
                : $"{person.Name} er gemt og vises offentligt med navn.";
        }, Back(id), () => LoadAsync(id, ct), Conflict);

    [StaffRule(StaffRule.ChangePerson)]
    public Task<IActionResult> OnPostMembershipAsync([FromServices] AddMembership add, int id, int organization, MembershipRole role, int? onBehalfOf, string? newOrganisation, string? start, string? end, int? substituteFor, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var seat = new NewMembership(organization, role, onBehalfOf, newOrganisation, DanishInput.OptionalDate(start, "Fra"), DanishInput.OptionalDate(end, "Til"), substituteFor);
            var membership = await add.ExecuteAsync(Rights, id, seat, ct);
            return $"{membership.Person.Name} er nu {Localization.Words.Role(role)} i {membership.Organization.Name}.";
        }, Back(id), () => LoadAsync(id, ct), Conflict);

    [StaffRule(StaffRule.ChangePerson)]
    public Task<IActionResult> OnPostEndAsync([FromServices] EndMembership endMembership, int id, int membership, string? end, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var seat = await endMembership.ExecuteAsync(Rights, id, membership, DanishInput.Date(end, "Slutdato"), ct);
            return $"Medlemskabet af {seat.Organization.Name} slutter {DanishDates.Date(seat.End!.Value)}.";
        }, Back(id), () => LoadAsync(id, ct), Conflict);

    [StaffRule(StaffRule.ChangePerson)]
    public Task<IActionResult> OnPostMergeAsync([FromServices] MergePeople merge, int id, int? other, bool confirm, CancellationToken ct) =>
        SaveAsync(async () =>
            {
                // The form asks for both (required): a browser without validation, or a crafted post, is refused here with nothing merged.
                if (other is not { } otherId)
                {
                    throw new DomainRuleException("Vælg den anden post, der skal lægges sammen med denne person.", "Den anden post");
                }

                if (!confirm)
                {
                    throw new DomainRuleException("Sæt hak ved, at det er den samme person: sammenlægningen kan ikke fortrydes.", "Ja, det er den samme person. Sammenlægningen kan ikke fortrydes.");
                }

                return $"\"{await merge.ExecuteAsync(Rights, id, otherId, ct)}\" er lagt sammen med denne person; navnet er gemt som alternativ stavemåde.";
            },
            Back(id), () => LoadAsync(id, ct), Conflict);

    private static string Back(int id) => $"/admin/personer/{id}";

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        View = (await registry.PersonAsync(Rights, id, ct))!;
        return View is not null;
    }
}
