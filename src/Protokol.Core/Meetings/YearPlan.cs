using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>A host organisation and the venue it usually receives the council at.</summary>
public sealed record HostAndVenue(Organization Host, Location? Venue);

/// <summary>
/// The year's meetings at once: one planned meeting per date at the same times, hosts taken in turn
/// from the member organisations (continuing from where last year's rotation stopped), each at its
/// usual venue.
/// </summary>
public static class YearPlan
{
    /// <param name="organization">The council.</param>
    /// <param name="dates">The meeting dates (any order; duplicates and dates that already have a meeting are refused).</param>
    /// <param name="start">The start time of every meeting.</param>
    /// <param name="end">The end time of every meeting.</param>
    /// <param name="rotation">Hosts in rotation order; empty for no hosts.</param>
    /// <param name="firstHost">Index in <paramref name="rotation"/> of the first meeting's host.</param>
    /// <param name="existingDates">Dates on which the council already has a meeting.</param>
    public static IReadOnlyList<Meeting> Create(Organization organization, IEnumerable<DateOnly> dates, TimeOnly? start, TimeOnly? end,
        IReadOnlyList<HostAndVenue> rotation, int firstHost, IReadOnlySet<DateOnly> existingDates)
    {
        var ordered = dates.Order().ToList();
        if (ordered.Count == 0)
        {
            throw new DomainRuleException("Skriv mindst én mødedato.");
        }

        if (ordered.Count > 60)
        {
            throw new DomainRuleException("En årsplan kan højst have 60 møder.");
        }

        var duplicate = ordered.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainRuleException($"Datoen {Text.DanishDates.Date(duplicate.Key)} står der to gange.");
        }

        var taken = ordered.FirstOrDefault(existingDates.Contains);
        if (taken != default)
        {
            throw new DomainRuleException($"Rådet har allerede et møde {Text.DanishDates.Date(taken)}.");
        }

        if (start is { } s && end is { } e && e <= s)
        {
            throw new DomainRuleException("Sluttidspunktet skal ligge efter starttidspunktet.");
        }

        var meetings = new List<Meeting>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var meeting = new Meeting(organization, ordered[i], start, end);
            if (rotation.Count > 0)
            {
                var turn = rotation[(firstHost + i) % rotation.Count];
                meeting.SetPlace(turn.Venue, turn.Host);
            }

            meetings.Add(meeting);
        }

        return meetings;
    }

    /// <summary>The rotation index after the host of the council's latest meeting, so the turn continues.</summary>
    public static int NextTurn(IReadOnlyList<HostAndVenue> rotation, int? lastHostId)
    {
        for (var i = 0; i < rotation.Count; i++)
        {
            if (rotation[i].Host.Id == lastHostId)
            {
                return (i + 1) % rotation.Count;
            }
        }

        return 0;
    }
}
