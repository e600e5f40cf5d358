using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Core.Hearings;

/// <summary>
/// Use cases of the hearings register: the secretary registers an incoming hearing (it goes on the
/// agenda of the last meeting before its deadline once that agenda is being built), records the
/// response and the date it was sent, or that the council does not answer.
/// </summary>
public sealed class RegisterHearing(IProtokolStore store, TimeProvider clock)
{
    /// <summary>
    /// Registers the hearing as the form gives it: every field's problem is named at once, each at its field (an empty
    /// form names the council, the subject and the deadline, not the first of them only).
    /// </summary>
    public async Task<(Hearing Hearing, AgendaItem? Item, Meeting? Meeting)> ExecuteAsync(int? organizationId, string? subject, string? sender, string? received, string? deadline, string? link, string? draftedBy, CancellationToken cancellationToken)
    {
        var (receivedOn, deadlineOn) = ReadForm(subject, sender, received, deadline, link, draftedBy, () =>
        {
            if (organizationId is null)
            {
                throw new DomainRuleException("Råd: vælg det råd, der skal svare på høringen.", "Råd");
            }
        });
        return await ExecuteAsync(organizationId!.Value, subject, sender, receivedOn, deadlineOn, link, draftedBy, cancellationToken);
    }

    /// <returns>The hearing; the agenda item it was put on, if the meeting's agenda was already begun; and the meeting that
    /// treats it, the council's last before the deadline (none: the council meets no more before it).</returns>
    public async Task<(Hearing Hearing, AgendaItem? Item, Meeting? Meeting)> ExecuteAsync(int organizationId, string? subject, string? sender, DateOnly? received, DateOnly deadline, string? link, string? draftedBy, CancellationToken cancellationToken)
    {
        var organization = await store.RequiredAsync<Organization>(organizationId, "Rådet", cancellationToken);
        var hearing = new Hearing(organization, subject ?? string.Empty, sender, received, deadline);
        hearing.Describe(link, draftedBy);
        store.Add(hearing);

        // The last meeting before the deadline treats it; an agenda already begun gets it now, an empty one when it is filled,
        // a published one when the secretary adds it as a supplement (the members are to be told).
        var today = Copenhagen.Today(clock);
        var meeting = await store.LastMeetingBetweenAsync(organizationId, today, deadline, cancellationToken);
        if (meeting is { State: >= MeetingState.Held })
        {
            // Today's meeting, already held: its agenda takes nothing more, so no meeting before the deadline will treat it.
            meeting = null;
        }

        AgendaItem? item = null;
        if (meeting is { State: MeetingState.Planned, Items.Count: > 0 })
        {
            item = DraftAgendaBuilder.Carry(meeting, hearing);
        }

        await store.SaveChangesAsync(cancellationToken);
        return (hearing, item, meeting);
    }

    /// <summary>Records the council's response; the hearing must be one of <paramref name="organizationId"/>'s, the council whose minutes are written.</summary>
    /// <remarks>With <c>version</c>, the hearing's version the form showed (the hearing's own page), a response saved since is not overwritten.</remarks>
    public async Task<Hearing> RespondAsync(int organizationId, int hearingId, string? response, DateOnly submitted, CancellationToken cancellationToken, long? version = null)
    {
        var hearing = await store.RequiredAsync<Hearing>(hearingId, "Høringen", cancellationToken);
        if (hearing.OrganizationId != organizationId)
        {
            throw new DomainRuleException("Høringen findes ikke for dette råd.");
        }

        if (version is { } v)
        {
            hearing.EnsureVersion(v);
        }

        // A response in approved minutes is the council's record, as the minutes are.
        if (hearing.AgendaItemId is { } itemId && await store.FindAgendaItemAsync(itemId, cancellationToken) is { Meeting.State: >= MeetingState.MinutesApproved } item)
        {
            throw new DomainRuleException($"Høringssvaret står i det godkendte referat af mødet {DanishDates.Date(item.Meeting.Date)} og kan ikke ændres.");
        }

        if (submitted > Copenhagen.Today(clock))
        {
            throw new DomainRuleException($"Indsendt dato: {DanishDates.Date(submitted)} ligger efter i dag. Skriv den dato, svaret blev sendt.", "Indsendt dato");
        }

        hearing.Respond(response ?? string.Empty, submitted);
        await store.SaveChangesAsync(cancellationToken);
        return hearing;
    }

    /// <summary>
    /// Corrects an open hearing as the form gives it (every field's problem named at once, each at its field). On a draft agenda
    /// its item keeps the subject's title unless the secretary titled it otherwise; a sent agenda is left as the members got it.
    /// </summary>
    /// <returns>The hearing and the item it stands on, if any (its meeting loaded).</returns>
    public async Task<(Hearing Hearing, AgendaItem? Item)> CorrectAsync(int hearingId, long version, string? subject, string? sender, string? received, string? deadline, string? link, string? draftedBy, CancellationToken cancellationToken)
    {
        var (receivedOn, deadlineOn) = ReadForm(subject, sender, received, deadline, link, draftedBy);
        var hearing = await LoadAsync(hearingId, version, cancellationToken);
        var item = hearing.AgendaItemId is { } itemId ? await store.FindAgendaItemAsync(itemId, cancellationToken) : null;
        var oldTitle = DraftAgendaBuilder.HearingItemTitle(hearing.Subject);
        hearing.Correct(subject ?? string.Empty, sender, receivedOn, deadlineOn, link, draftedBy);
        if (item is { Meeting.State: MeetingState.Planned } && item.Title == oldTitle)
        {
            item.Edit(DraftAgendaBuilder.HearingItemTitle(hearing.Subject), item.Kind, item.IsPublic, item.PublicText);
        }

        await store.SaveChangesAsync(cancellationToken);
        return (hearing, item);
    }

    /// <summary>
    /// Deletes a hearing registered by mistake (the audit log keeps it). One on an agenda is taken off the agenda first, where the
    /// members see what happens to it; an answered one is part of the council's record.
    /// </summary>
    public async Task<Hearing> DeleteAsync(int hearingId, long version, CancellationToken cancellationToken)
    {
        var hearing = await LoadAsync(hearingId, version, cancellationToken);
        if (hearing.Status == HearingStatus.Responded)
        {
            throw new DomainRuleException("Høringen er besvaret; svaret hører til rådets arkiv og kan ikke slettes.");
        }

        // An item that lapsed (udgået) no longer treats it; one still on an agenda is dealt with there, where the members see it.
        if (hearing.AgendaItemId is { } itemId && await store.FindAgendaItemAsync(itemId, cancellationToken) is { Withdrawn: false } item)
        {
            var on = $"Høringen står på dagsordenen for mødet {DanishDates.Date(item.Meeting.Date)} som punkt {item.Number}.";
            throw new DomainRuleException(item.Meeting.State switch
            {
                MeetingState.Planned => $"{on} Tag punktet af dagsordenen først.",
                MeetingState.AgendaPublished => $"{on} Dagsordenen er udsendt: lad punktet udgå i referatet, så kan høringen slettes.",
                < MeetingState.MinutesPublished => $"{on} Mødet er holdt: lad punktet udgå i referatet, så kan høringen slettes.",
                _ => $"{on} Mødet har behandlet den; svarer rådet ikke, så vælg \"Afgiv ikke svar\" i oversigten.",
            });
        }

        store.Remove(hearing);
        await store.SaveChangesAsync(cancellationToken);
        return hearing;
    }

    /// <summary>The hearing form's fields checked together (with <paramref name="more"/>): every problem named at once, each at its field.</summary>
    private (DateOnly? Received, DateOnly Deadline) ReadForm(string? subject, string? sender, string? received, string? deadline, string? link, string? draftedBy, Action? more = null)
    {
        DateOnly? receivedOn = null;
        var deadlineOn = default(DateOnly);
        Guard.All(
            more ?? (() => { }),
            () => Guard.Text(subject, "Emne", 500),
            () => Guard.OptionalText(sender, "Afsender", 200),
            () => receivedOn = DanishInput.OptionalDate(received, "Modtaget"),
            () => deadlineOn = DanishInput.Deadline(deadline, "Frist", Copenhagen.Today(clock)),
            () => Guard.OptionalWebAddress(link, "Link", 2000),
            () => Guard.OptionalText(draftedBy, "Udarbejder svaret", 200));
        return (receivedOn, deadlineOn);
    }

    private async Task<Hearing> LoadAsync(int hearingId, long version, CancellationToken cancellationToken)
    {
        var hearing = await store.RequiredAsync<Hearing>(hearingId, "Høringen", cancellationToken);
        hearing.EnsureVersion(version);
        return hearing;
    }

    public async Task<Hearing> DeclineAsync(int hearingId, CancellationToken cancellationToken)
    {
        var hearing = await store.RequiredAsync<Hearing>(hearingId, "Høringen", cancellationToken);
        hearing.Decline();
        await store.SaveChangesAsync(cancellationToken);
        return hearing;
    }

    /// <summary>Opens a declined hearing again, as the secretary saw it (<paramref name="version"/>).</summary>
    public async Task<Hearing> ReopenAsync(int hearingId, long version, CancellationToken cancellationToken)
    {
        var hearing = await LoadAsync(hearingId, version, cancellationToken);
        hearing.Reopen();
        await store.SaveChangesAsync(cancellationToken);
        return hearing;
    }
}
