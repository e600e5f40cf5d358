using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Text;

namespace Protokol.Core.Registry;

/// <param name="Year">The year of dates written without one; null when every date gives its year.</param>
/// <param name="Dates">One date a line (<see cref="DanishInput.DateLines"/>).</param>
/// <param name="Start">Start time, "15.00".</param>
/// <param name="End">End time.</param>
/// <param name="RotateHosts">Hosts in turn among the represented organisations.</param>
public sealed record YearPlanForm(int? Year, string? Dates, string? Start, string? End, bool RotateHosts);

/// <summary>Use case: the council's secretary plans a year's meetings at once (<see cref="YearPlan"/>); dates already planned are skipped.</summary>
public sealed class PlanMeetingYear(IProtokolStore store, IRegistryStore registry, TimeProvider clock)
{
    public async Task<IReadOnlyList<Meeting>> ExecuteAsync(StaffRights who, int councilId, YearPlanForm form, CancellationToken cancellationToken)
    {
        who.EnsureCanRun(councilId);
        var council = await registry.FindOrganizationAsync(councilId, cancellationToken) ?? throw new DomainRuleException("Rådet findes ikke.");
        var dates = DanishInput.DateLines(form.Dates, form.Year);
        var (existing, rotation, lastHost) = await registry.PlanningAsync(councilId, Copenhagen.Today(clock), cancellationToken);
        var meetings = YearPlan.Create(council, dates, DanishInput.OptionalTime(form.Start, "Starttidspunktet"), DanishInput.OptionalTime(form.End, "Sluttidspunktet"),
            form.RotateHosts ? rotation : [], YearPlan.NextTurn(rotation, lastHost), existing);
        foreach (var meeting in meetings)
        {
            store.Add(meeting);
        }

        await store.SaveChangesAsync(cancellationToken);
        return meetings;
    }
}
