using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>
/// Use case: a member answers the agenda e-mail from its signed link, without signing in: "Jeg
/// kommer" records them present, "Jeg melder afbud" records apologies and, when they name one, their
/// substitute present in their place. The secretary's attendance form shows the answer, and she can
/// still change it.
/// </summary>
public sealed class AnswerInvitation(IProtokolStore store, IBackOfficeQueries queries)
{
    /// <summary>The meeting and the member's seat, checked: null when the person is no member on the meeting's day.</summary>
    public async Task<(Meeting Meeting, Membership? Seat, IReadOnlyList<Membership> Substitutes)> LoadAsync(int meetingId, int personId, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke længere.");
        var members = await queries.MembersOnAsync(meeting.OrganizationId, meeting.Date, cancellationToken);
        var seat = members.FirstOrDefault(m => m.PersonId == personId && m.Role != MembershipRole.Substitute) ?? members.FirstOrDefault(m => m.PersonId == personId);

        // The member's own substitutes first, then the council's other substitutes.
        var substitutes = members.Where(m => m.Role == MembershipRole.Substitute && m.PersonId != personId)
            .OrderBy(m => m.SubstituteForId == personId ? 0 : 1).ThenBy(m => m.Person.Name, StringComparer.Create(Text.DanishDates.Culture, false))
            .DistinctBy(m => m.PersonId)
            .ToList();
        return (meeting, seat, substitutes);
    }

    /// <summary>
    /// The substitutes already coming in another member's place at the meeting (by person id), with that member's name: not to be
    /// named by <paramref name="personId"/> too.
    /// </summary>
    public static IReadOnlyDictionary<int, string> StandingIn(Meeting meeting, int personId)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.Attendance
            .Where(a => a.Status == AttendanceStatus.Present && (a.SubstituteForId ?? a.SubstituteFor?.Id) is { } principal && principal != personId)
            .GroupBy(a => a.PersonId)
            .ToDictionary(g => g.Key, g => g.First().SubstituteFor?.Name ?? "et andet medlem");
    }

    public async Task<Attendance> ExecuteAsync(int meetingId, int personId, bool attending, int? substituteId, CancellationToken cancellationToken)
    {
        var (meeting, seat, substitutes) = await LoadAsync(meetingId, personId, cancellationToken);
        if (meeting.IsCancelled)
        {
            throw new DomainRuleException("Mødet er aflyst, så der er intet at svare på.");
        }

        if (meeting.State != MeetingState.AgendaPublished)
        {
            throw new DomainRuleException("Mødet er holdt, så svaret kan ikke længere ændres her. Kontakt sekretæren.");
        }

        if (seat is null)
        {
            throw new DomainRuleException("Du er ikke medlem af rådet på mødedagen. Kontakt sekretæren.");
        }

        var person = await store.RequiredAsync<Person>(personId, "Medlemmet", cancellationToken);
        if (attending)
        {
            // Coming after all: no one stands in for the member any longer.
            meeting.WithdrawStandIns(person);
            var present = meeting.RecordAttendance(person, AttendanceStatus.Present);
            await store.SaveChangesAsync(cancellationToken);
            return present;
        }

        Person? substitute = null;
        if (substituteId is { } id and > 0)
        {
            if (substitutes.All(s => s.PersonId != id))
            {
                throw new DomainRuleException("Suppleant: vælg en af rådets suppleanter på listen.");
            }

            substitute = await store.RequiredAsync<Person>(id, "Suppleanten", cancellationToken);
            if (StandingIn(meeting, personId).TryGetValue(id, out var other))
            {
                // Taken silently, the other member's stand-in would be gone without either of them knowing.
                throw new DomainRuleException($"Suppleant: {substitute.Name} kommer allerede i stedet for {other}. Vælg en anden suppleant, eller kontakt sekretæren.");
            }
        }

        // The answer names the substitute anew: one named before and not now (none, or another) no longer comes.
        meeting.WithdrawStandIns(person, substitute);
        var answer = meeting.RecordAttendance(person, AttendanceStatus.Apologies);
        if (substitute is not null)
        {
            meeting.RecordAttendance(substitute, AttendanceStatus.Present, person);
        }

        await store.SaveChangesAsync(cancellationToken);
        return answer;
    }
}
