using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.FollowUps;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Members;

/// <summary>
/// A follow-up as its owner sees it: marked done with a note through <see cref="ManageFollowUps.CompleteOwnAsync"/>
/// (audited like every change); the council's secretary then sees it closed with the note. Only the
/// owner and the council's secretary may (<see cref="StaffRule.OwnFollowUp"/>).
/// </summary>
[StaffRule(StaffRule.OwnFollowUp)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class FollowUpModel(IBackOfficeQueries queries, ManageFollowUps followUps) : BackOfficePage
{
    public FollowUp? FollowUp { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        ShowDone();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    [StaffRule(StaffRule.OwnFollowUp)]
    public Task<IActionResult> OnPostAsync(int id, long version, string? note, CancellationToken cancellationToken) =>
        SaveAsync(
            async () =>
            {
                var done = await followUps.CompleteOwnAsync(Rights, id, version, note, cancellationToken);
                return $"Opfølgningen «{Shorten(done.Text)}» er markeret som udført.";
            },
            "/medlem#mine-opfoelgninger",
            () => LoadAsync(id, cancellationToken),
            "Opfølgningen er ændret, siden du åbnede siden (måske af sekretæren). Din ændring er ikke gemt; her er den gemte udgave.");

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        FollowUp = await queries.FollowUpAsync(id, cancellationToken);
        return FollowUp is not null;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
