using Protokol.Core.Registry;

namespace Protokol.Web.BackOffice;

/// <summary>
/// The people a select offers, the council's members first: a follow-up's owner is nearly always one of them, and a
/// municipality's registry holds hundreds of people from every council and year.
/// </summary>
/// <param name="Members">The council's members on the day in question, in the registry's order.</param>
/// <param name="Others">Everyone else in the registry, in its order.</param>
/// <param name="Selected">The person chosen, if any.</param>
public sealed record PersonChoice(IReadOnlyList<Person> Members, IReadOnlyList<Person> Others, int? Selected)
{
    /// <summary>Splits <paramref name="people"/> (already in the order to show) into the council's members and the rest.</summary>
    public static PersonChoice Of(IReadOnlyList<Person> people, IEnumerable<int> memberIds, int? selected)
    {
        var members = memberIds.ToHashSet();
        return new PersonChoice(
            people.Where(p => members.Contains(p.Id)).ToList(),
            people.Where(p => !members.Contains(p.Id)).ToList(),
            selected);
    }
}
