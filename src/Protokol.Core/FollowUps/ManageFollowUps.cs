using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Core.FollowUps;

/// <summary>
/// Use cases of follow-ups: the secretary creates one from a meeting (marked for the next agenda it
/// goes straight onto that agenda when it is already being built), edits, closes with a note,
/// reopens and deletes one (every change is in the audit log). The follow-up's owner marks their own
/// done from the members' page (<see cref="CompleteOwnAsync"/>).
/// </summary>
public sealed class ManageFollowUps(IProtokolStore store, TimeProvider clock)
{
    /// <returns>The follow-up; the next meeting's item it was put on, if any; and the next meeting, when it is to be carried.</returns>
    public async Task<(FollowUp FollowUp, AgendaItem? CarriedTo, Meeting? Next)> AddAsync(int meetingId, int? itemId, string? text, int? ownerId, DateOnly? due, bool carry, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        EnsureDueAfter(due, meeting.Date);
        var owner = await OwnerAsync(ownerId, meeting.OrganizationId, cancellationToken);
        var followUp = new FollowUp(meeting.Organization, text ?? string.Empty, owner, due, carry, meeting, itemId is { } i ? meeting.Item(i) : null);
        store.Add(followUp);
        AgendaItem? carried = null;
        Meeting? next = null;
        if (carry)
        {
            next = await store.NextMeetingAsync(meeting.OrganizationId, meeting.Date, cancellationToken);
            if (next is { State: MeetingState.Planned, Items.Count: > 0 } && followUp.BelongsOnAgendaOf(next))
            {
                carried = DraftAgendaBuilder.Carry(next, followUp);
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return (followUp, carried, next);
    }

    public async Task<FollowUp> EditAsync(int id, long version, string? text, int? ownerId, DateOnly? due, bool carry, CancellationToken cancellationToken)
    {
        var followUp = await LoadAsync(id, version, cancellationToken);
        if (due != followUp.Due && followUp.OriginMeetingId is { } origin)
        {
            EnsureDueAfter(due, (await store.RequiredAsync<Meeting>(origin, "Mødet", cancellationToken)).Date);
        }

        var owner = await OwnerAsync(ownerId, followUp.OrganizationId, cancellationToken);
        followUp.Edit(text ?? string.Empty, owner, due, carry);
        await store.SaveChangesAsync(cancellationToken);
        return followUp;
    }

    /// <summary>
    /// The owner chosen in the form: a person of the council's municipality, as the form lists them. Another
    /// municipality's person (an id written into the form) would get the reminders, with the text the secretary chose,
    /// and their account the follow-up to close.
    /// </summary>
    private async Task<Person?> OwnerAsync(int? ownerId, int organizationId, CancellationToken cancellationToken)
    {
        if (ownerId is not { } id)
        {
            return null;
        }

        var owner = await store.RequiredAsync<Person>(id, "Den ansvarlige", cancellationToken);
        var organization = await store.RequiredAsync<Organization>(organizationId, "Rådet", cancellationToken);
        return owner.BodyId == organization.BodyId ? owner : throw new DomainRuleException("Den ansvarlige findes ikke i kommunens personregister.", "owner");
    }

    public async Task<FollowUp> CloseAsync(int id, long version, string? note, bool cancelled, CancellationToken cancellationToken)
    {
        var followUp = await LoadAsync(id, version, cancellationToken);
        var today = Copenhagen.Today(clock);
        if (cancelled)
        {
            followUp.Cancel(today, note);
        }
        else
        {
            followUp.Complete(today, note);
        }

        await store.SaveChangesAsync(cancellationToken);
        return followUp;
    }

    /// <summary>
    /// The owner (the person linked to the signed-in account) marks their follow-up done with a note;
    /// the council's secretary may do it for them. Anyone else is refused.
    /// </summary>
    public async Task<FollowUp> CompleteOwnAsync(StaffRights who, int id, long version, string? note, CancellationToken cancellationToken)
    {
        var followUp = await LoadAsync(id, version, cancellationToken);
        if (!MayComplete(who, followUp.OrganizationId, followUp.OwnerId))
        {
            throw new AccessDeniedException("Kun den ansvarlige for opfølgningen eller rådets sekretær kan markere den som udført.");
        }

        followUp.Complete(Copenhagen.Today(clock), note);
        await store.SaveChangesAsync(cancellationToken);
        return followUp;
    }

    /// <summary>Whether <paramref name="who"/> may mark the follow-up done: its owner, or the council's secretary.</summary>
    public static bool MayComplete(StaffRights who, int organizationId, int? ownerId) =>
        who.CanRun(organizationId) || (who.PersonId is { } person && ownerId == person && who.IsStaff);

    public async Task<FollowUp> ReopenAsync(int id, long version, CancellationToken cancellationToken)
    {
        var followUp = await LoadAsync(id, version, cancellationToken);
        followUp.Reopen();
        await store.SaveChangesAsync(cancellationToken);
        return followUp;
    }

    public async Task<FollowUp> DeleteAsync(int id, long version, CancellationToken cancellationToken)
    {
        var followUp = await LoadAsync(id, version, cancellationToken);
        store.Remove(followUp);
        await store.SaveChangesAsync(cancellationToken);
        return followUp;
    }

    /// <summary>A deadline before the meeting that agreed the follow-up is a typo (a wrong year), not a plan: refused, naming both days.</summary>
    private static void EnsureDueAfter(DateOnly? due, DateOnly agreed)
    {
        if (due is { } d && d < agreed)
        {
            throw new DomainRuleException($"Frist: {DanishDates.Date(d)} ligger før mødet {DanishDates.Date(agreed)}, hvor opfølgningen blev aftalt. Skriv en senere dato.", "Frist");
        }
    }

    private async Task<FollowUp> LoadAsync(int id, long version, CancellationToken cancellationToken)
    {
        var followUp = await store.RequiredAsync<FollowUp>(id, "Opfølgningen", cancellationToken);
        followUp.EnsureVersion(version);
        return followUp;
    }
}
