using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;

namespace Protokol.Core.Meetings;

/// <summary>
/// Fills a meeting's draft agenda. An empty agenda gets the organization's standing items; every
/// agenda, empty or begun, gets each open follow-up marked for the next meeting and each open hearing
/// whose deadline falls on or after this meeting and before the following one (the last meeting
/// before the deadline treats it), once each, before the items that close every agenda (Eventuelt).
/// A hearing whose deadline has passed by the meeting day is never carried: it is overdue.
/// A published agenda that is not yet held gets only the waiting follow-ups and hearings, after its
/// last item and marked as added after publication, so the members can be sent them as a supplement;
/// its numbers stay as they were sent.
/// A follow-up waits for the council's first meeting after its origin that is still to be held: while an earlier meeting
/// is (<see cref="StillToBeHeld"/>, its agenda draft or already sent), a later agenda does not list or take the follow-up,
/// so it is offered once, on the earlier agenda (as a supplement when that was sent). Once that meeting is held, cancelled
/// or its day has passed without it, the follow-up goes on the next agenda.
/// </summary>
public static class DraftAgendaBuilder
{
    public const string FollowUpTitlePrefix = "Opfølgning: ";
    public const string HearingTitlePrefix = "Høring: ";

    /// <param name="meeting">A planned meeting.</param>
    /// <param name="followUps">Candidate follow-ups of the organization; those that belong on this agenda are taken.</param>
    /// <param name="hearings">Candidate hearings; those due from this meeting until <paramref name="followingMeetingDate"/> are taken.</param>
    /// <param name="followingMeetingDate">The date of the meeting after this one, or null when none is planned (then hearings due within 60 days are taken).</param>
    /// <param name="earlierMeetings">
    /// Whether the council met before this meeting: its first meeting has no minutes to approve, so the standing approval item
    /// (<see cref="ApproveMinutes.ApprovalItemTitle"/>) is left out (the secretary can still add it).
    /// </param>
    /// <param name="pending">
    /// The council's meeting just before this one when it is still to be held (<see cref="StillToBeHeld"/>): the follow-ups
    /// that belong on its agenda wait for it, not for this one. Null when there is none.
    /// </param>
    /// <returns>The number of items added.</returns>
    public static int Fill(Meeting meeting, IEnumerable<FollowUp> followUps, IEnumerable<Hearing> hearings, DateOnly? followingMeetingDate, bool earlierMeetings = true, Meeting? pending = null)
    {
        if (meeting.State > MeetingState.AgendaPublished || meeting.IsCancelled)
        {
            throw new Common.DomainRuleException(meeting.IsCancelled ? "Mødet er aflyst; dagsordenen udfyldes ikke." : "Mødet er holdt; dagsordenen kan ikke længere udfyldes.");
        }

        if (meeting.IsAgendaFrozen)
        {
            // Published: the numbers the members got stay; what is waiting comes last, as a supplement.
            return CarryWaiting(meeting, followUps, hearings, followingMeetingDate, pending);
        }

        // Standing items missing from the agenda come once each: the opening ones first, the closing ones (Eventuelt) last.
        var before = meeting.Items.Count;
        var present = meeting.Items.Where(i => i.Parent is null).Select(i => i.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var standing = meeting.Organization.StandingItems.OrderBy(s => s.Position)
            .Where(s => !present.Contains(s.Title) && (earlierMeetings || !string.Equals(s.Title, ApproveMinutes.ApprovalItemTitle, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var existing = meeting.ItemsInOrder.Where(i => i.Parent is null).ToList();
        var opening = standing.Where(s => !s.PlaceLast).Select(s => meeting.AppendItem(s.Title, s.Kind)).ToList();
        if (opening.Count > 0 && existing.Count > 0)
        {
            meeting.RenumberItems([.. opening, .. existing]);
        }

        CarryWaiting(meeting, followUps, hearings, followingMeetingDate, pending);

        foreach (var s in standing.Where(s => s.PlaceLast))
        {
            meeting.AppendItem(s.Title, s.Kind);
        }

        return meeting.Items.Count - before;
    }

    /// <summary>
    /// Whether <paramref name="meeting"/> is still to be held on <paramref name="today"/>: not cancelled, not held, and its day
    /// not passed. A follow-up from before it waits for its agenda (see <see cref="Fill"/>'s <c>pending</c>).
    /// </summary>
    public static bool StillToBeHeld(Meeting? meeting, DateOnly today) =>
        meeting is { IsCancelled: false, State: <= MeetingState.AgendaPublished } && meeting.Date >= today;

    /// <summary>The follow-ups and hearings that belong on this agenda and are not on it yet, in the order <see cref="Fill"/> puts them there.</summary>
    /// <param name="meeting">The meeting whose agenda is filled.</param>
    /// <param name="followUps">Candidate follow-ups of the organization.</param>
    /// <param name="hearings">Candidate hearings.</param>
    /// <param name="followingMeetingDate">The date of the meeting after this one, or null.</param>
    /// <param name="pending">The meeting just before this one when still to be held: its follow-ups wait for it (see <see cref="Fill"/>).</param>
    public static (IReadOnlyList<FollowUp> FollowUps, IReadOnlyList<Hearing> Hearings) Waiting(Meeting meeting, IEnumerable<FollowUp> followUps, IEnumerable<Hearing> hearings, DateOnly? followingMeetingDate, Meeting? pending = null)
    {
        var horizon = followingMeetingDate ?? meeting.Date.AddDays(60);
        var waitsEarlier = pending is not null && pending.Date < meeting.Date && pending.Organization == meeting.Organization;
        return (followUps.Where(f => f.BelongsOnAgendaOf(meeting) && !(waitsEarlier && f.BelongsOnAgendaOf(pending!))).OrderBy(f => f.Due ?? DateOnly.MaxValue).ThenBy(f => f.Created).ToList(),
            hearings.Where(h => h.BelongsOnAgendaOf(meeting, horizon)).OrderBy(h => h.Deadline).ToList());
    }

    /// <summary>Carries every waiting follow-up and hearing (<see cref="Waiting"/>) onto the agenda; returns how many.</summary>
    private static int CarryWaiting(Meeting meeting, IEnumerable<FollowUp> followUps, IEnumerable<Hearing> hearings, DateOnly? followingMeetingDate, Meeting? pending)
    {
        var (waitingFollowUps, waitingHearings) = Waiting(meeting, followUps, hearings, followingMeetingDate, pending);
        foreach (var followUp in waitingFollowUps)
        {
            Carry(meeting, followUp);
        }

        foreach (var hearing in waitingHearings)
        {
            Carry(meeting, hearing);
        }

        return waitingFollowUps.Count + waitingHearings.Count;
    }

    /// <summary>Puts one follow-up on the agenda, before Eventuelt.</summary>
    public static AgendaItem Carry(Meeting meeting, FollowUp followUp)
    {
        var owner = followUp.Owner is null ? string.Empty : $" (ansvarlig: {followUp.Owner.Name})";
        var item = meeting.AddMainItem(Truncate(FollowUpTitle(followUp.Text), 480) + owner, AgendaItemKind.Information);
        followUp.CarryTo(item);
        return item;
    }

    /// <summary>Puts one hearing on the agenda, before Eventuelt.</summary>
    public static AgendaItem Carry(Meeting meeting, Hearing hearing)
    {
        var item = meeting.AddMainItem(HearingItemTitle(hearing.Subject), AgendaItemKind.Hearing);
        hearing.TreatAt(item);
        return item;
    }

    /// <summary>"Høring: Ny boligplan", or the subject alone when it already says so ("Høring om ny boligplan").</summary>
    public static string HearingTitle(string subject) => Titled(HearingTitlePrefix, subject);

    /// <summary>The title of the item that carries a hearing of this subject (<see cref="HearingTitle"/>, shortened to an item title's length).</summary>
    public static string HearingItemTitle(string subject) => Truncate(HearingTitle(subject), 500);

    /// <summary>"Opfølgning: Svar fra forvaltningen", or the text alone when it already says so.</summary>
    public static string FollowUpTitle(string text) => Titled(FollowUpTitlePrefix, text);

    private static string Titled(string prefix, string text)
    {
        var word = prefix.TrimEnd(':', ' ');
        return text.StartsWith(word, StringComparison.OrdinalIgnoreCase) ? text : prefix + text;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
