using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;

namespace Protokol.Core.Meetings;

/// <summary>
/// Pre-fills a new meeting's draft agenda: the organization's standing items, then every open
/// follow-up marked for the next meeting, then every hearing whose deadline falls before the
/// following meeting, and the items that close every agenda (Eventuelt) last.
/// </summary>
public static class DraftAgendaBuilder
{
    public const string FollowUpTitlePrefix = "Opfølgning: ";
    public const string HearingTitlePrefix = "Høring: ";

    /// <param name="meeting">A planned meeting with an empty agenda.</param>
    /// <param name="followUps">Candidate follow-ups of the organization; those that belong on this agenda are taken.</param>
    /// <param name="hearings">Candidate hearings; those due before <paramref name="followingMeetingDate"/> are taken.</param>
    /// <param name="followingMeetingDate">The date of the meeting after this one, or null when none is planned (then hearings due within 60 days are taken).</param>
    public static void Fill(Meeting meeting, IEnumerable<FollowUp> followUps, IEnumerable<Hearing> hearings, DateOnly? followingMeetingDate)
    {
        if (meeting.Items.Count > 0)
        {
            throw new Common.DomainRuleException("Dagsordenen er allerede påbegyndt.");
        }

        var standing = meeting.Organization.StandingItems.OrderBy(s => s.Position).ToList();
        foreach (var s in standing.Where(s => !s.PlaceLast))
        {
            meeting.AppendItem(s.Title, s.Kind);
        }

        foreach (var followUp in followUps.Where(f => f.BelongsOnAgendaOf(meeting)).OrderBy(f => f.Due ?? DateOnly.MaxValue).ThenBy(f => f.Created))
        {
            var owner = followUp.Owner is null ? string.Empty : $" (ansvarlig: {followUp.Owner.Name})";
            var item = meeting.AppendItem(Truncate(FollowUpTitlePrefix + followUp.Text, 480) + owner, AgendaItemKind.Information);
            followUp.CarryTo(item);
        }

        var horizon = followingMeetingDate ?? meeting.Date.AddDays(60);
        foreach (var hearing in hearings.Where(h => h.Organization == meeting.Organization && h.AgendaItem is null && h.IsDueBefore(horizon)).OrderBy(h => h.Deadline))
        {
            var item = meeting.AppendItem(Truncate(HearingTitlePrefix + hearing.Subject, 500), AgendaItemKind.Hearing);
            hearing.TreatAt(item);
        }

        foreach (var s in standing.Where(s => s.PlaceLast))
        {
            meeting.AppendItem(s.Title, s.Kind);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
