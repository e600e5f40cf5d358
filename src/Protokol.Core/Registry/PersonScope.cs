using Protokol.Core.Accounts;

namespace Protokol.Core.Registry;

/// <summary>
/// Whose person record this is, for the rule of who may change it. The registry is the
/// municipality's, but a person's record is looked after by the councils they sit in:
/// a secretary may change a person who has or had a seat in a council she runs (a former member's
/// name still stands in that council's minutes, so she must be able to correct its spelling and
/// publication), or who has no seat anywhere yet (a guest, or someone she has just added and is
/// about to give a seat) in the municipality of one of her councils. A person seated only in
/// other councils belongs to their secretaries: changing the publication level of someone
/// else's role-only member would put a name on the web that council promised to keep off it.
/// </summary>
/// <param name="PersonId">The person.</param>
/// <param name="Seats">The councils and committees the person has or had a membership of.</param>
/// <param name="CouncilsOfBody">Every council and committee of the person's municipality.</param>
public sealed record PersonScope(int PersonId, IReadOnlyCollection<int> Seats, IReadOnlyCollection<int> CouncilsOfBody)
{
    public bool MayBeChangedBy(StaffRights who) =>
        who.IsAdministrator || (Seats.Count > 0 ? Seats.Any(who.CanRun) : CouncilsOfBody.Any(who.CanRun));

    public void EnsureChangeableBy(StaffRights who)
    {
        if (!MayBeChangedBy(who))
        {
            throw new AccessDeniedException("Personen har kun plads i råd, du ikke er sekretær for; bed deres sekretær om ændringen.");
        }
    }
}
