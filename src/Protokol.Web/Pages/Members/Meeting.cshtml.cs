using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Members;

/// <summary>
/// A meeting as its council's members prepare for it: every item, the closed items' content too, and
/// every attachment (also the non-public ones, served by <see cref="Web.Members.MemberFiles"/>); and
/// the member's answer, attending or apologies with an optional substitute, through the same use case
/// as the agenda e-mail's link (<see cref="AnswerInvitation"/>), so the secretary's attendance form shows it.
/// </summary>
[StaffRule(StaffRule.ReadMeeting)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MeetingModel(IProtokolStore store, AnswerInvitation answers, IMinutesReviewStore reviews, TimeProvider clock) : BackOfficePage
{
    /// <summary>The draft minutes' reading round, when the secretary has sent them for reading (linked to the comment page).</summary>
    public MinutesReading? Reading { get; private set; }

    /// <summary>Whether the reading round still takes comments today.</summary>
    public bool ReadingOpen => Reading is not null && Reading.IsOpen(Copenhagen.Today(clock));

    public Meeting? Meeting { get; private set; }

    /// <summary>The signed-in member's seat on the meeting's day; null when they have none (or no linked person).</summary>
    public Membership? Seat { get; private set; }

    public IReadOnlyList<Membership> Substitutes { get; private set; } = [];

    public bool Unlinked { get; private set; }

    /// <summary>The member's answer as the attendance records it now, if any.</summary>
    public Attendance? Current => Seat is null ? null : Meeting?.Attendance.FirstOrDefault(a => a.PersonId == Seat.PersonId);

    /// <summary>Whoever stands in for the member, if anyone.</summary>
    public Attendance? StandIn => Seat is null ? null : Meeting?.Attendance.FirstOrDefault(a => a.SubstituteForId == Seat.PersonId);

    /// <summary>Answers are taken while the agenda is out and the meeting is neither held nor cancelled.</summary>
    public bool MayAnswer => Meeting is { State: MeetingState.AgendaPublished, IsCancelled: false } && Seat is not null;

    /// <summary>"kommer" or "afbud", as posted (kept when the page is shown again with a problem).</summary>
    public string? Answer { get; private set; }

    public int? Substitute { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        ShowDone();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    [StaffRule(StaffRule.AnswerMeeting)]
    public Task<IActionResult> OnPostAnswerAsync(int id, [FromForm(Name = "svar")] string? answer, [FromForm(Name = "suppleant")] int? substitute, CancellationToken cancellationToken)
    {
        Answer = answer;
        Substitute = substitute;
        return SaveAsync(
            async () =>
            {
                if (User.LinkedPersonId() is not { } person)
                {
                    throw new DomainRuleException("Din konto er ikke knyttet til en person i registret, så du kan ikke svare her. Bed administratoren om at knytte den.");
                }

                if (answer is not ("kommer" or "afbud"))
                {
                    throw new DomainRuleException("Vælg, om du kommer eller melder afbud.");
                }

                var attending = answer == "kommer";
                await answers.ExecuteAsync(id, person, attending, attending ? null : substitute, cancellationToken);
                return attending ? "Dit svar er registreret: du kommer." : "Dit svar er registreret: du har meldt afbud.";
            },
            $"/medlem/moeder/{id}#svar",
            () =>
            {
                // A refused answer may have changed the tracked meeting before the rule stopped it: show what is stored.
                store.DiscardChanges();
                return LoadAsync(id, cancellationToken);
            });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Meeting = await store.FindMeetingAsync(id, cancellationToken);
        if (Meeting is null)
        {
            return false;
        }

        Reading = Meeting.State == MeetingState.MinutesDrafted ? await reviews.ReadingAsync(id, cancellationToken) : null;

        if (User.LinkedPersonId() is { } person)
        {
            (_, Seat, Substitutes) = await answers.LoadAsync(id, person, cancellationToken);
        }
        else
        {
            Unlinked = true;
        }

        return true;
    }
}
