using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Core.Meetings;

/// <summary>The details of a meeting the secretary edits in "Mødets oplysninger": as typed, as her page showed them, or as stored.</summary>
public sealed record MeetingDetailsFields(DateOnly Date, TimeOnly? Start, TimeOnly? End, int? LocationId, int? HostId, string? Name)
{
    public static MeetingDetailsFields Of(Meeting meeting) =>
        new(meeting.Date, meeting.StartTime, meeting.EndTime, meeting.LocationId, meeting.HostId, meeting.Name);

    internal string NameOrEmpty => (Name ?? string.Empty).Trim();
}

/// <summary>What a save of the details led to: members sent the move, answers forgotten, hearings on the agenda now due before the meeting.</summary>
public sealed record MeetingDetailsSaved(Meeting Meeting, int Notified, int AnswersForgotten, IReadOnlyList<Hearings.Hearing> LateHearings);

/// <summary>Use case: the secretary moves a meeting (date, time), changes its place or host, or names it; a move is sent to the members who got the agenda.</summary>
public sealed class ChangeMeetingDetails(IProtokolStore store, MemberInvitations invitations)
{
    public Task<Meeting> ExecuteAsync(int meetingId, long version, DateOnly date, TimeOnly? start, TimeOnly? end, int? locationId, int? hostId, string? name, CancellationToken cancellationToken) =>
        ExecuteAsync(meetingId, version, new MeetingDetailsFields(date, start, end, locationId, hostId, name), null, cancellationToken);

    /// <summary>
    /// Saves the details. Saved from a page opened before another change of the meeting (its agenda, a second
    /// secretary's move), the details are merged field by field with <paramref name="seen"/>, what her page showed:
    /// a field only she changed takes hers, a field she left keeps what is stored, and a field both changed
    /// differently is refused with both versions. Without <paramref name="seen"/> any stale field that differs is refused.
    /// </summary>
    public async Task<Meeting> ExecuteAsync(int meetingId, long version, MeetingDetailsFields edit, MeetingDetailsFields? seen, CancellationToken cancellationToken) =>
        (await SaveAsync(meetingId, version, edit, seen, cancellationToken)).Meeting;

    /// <summary>
    /// Saves the details as <see cref="ExecuteAsync(int, long, MeetingDetailsFields, MeetingDetailsFields?, CancellationToken)"/> does, and tells
    /// what followed: how many members were sent the move, how many answers it forgot, and the open hearings on the agenda
    /// whose deadline now falls before the meeting.
    /// </summary>
    public async Task<MeetingDetailsSaved> SaveAsync(int meetingId, long version, MeetingDetailsFields edit, MeetingDetailsFields? seen, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        if (meeting.Version != version)
        {
            edit = await MergeAsync(meeting, edit, seen, cancellationToken);
        }

        var scheduled = meeting.ScheduleVersion;
        var before = (meeting.Date, meeting.StartTime, meeting.EndTime);
        var (notified, forgotten) = (0, 0);
        if (edit.Date != meeting.Date)
        {
            // As "Nyt møde": two meetings of a council on one day break the approval of the minutes at the next meeting.
            await MeetingDay.EnsureFreeAsync(store, meeting.OrganizationId, edit.Date, cancellationToken);
        }

        meeting.Reschedule(edit.Date, edit.Start, edit.End);
        var location = edit.LocationId is { } l ? await store.RequiredAsync<Location>(l, "Mødestedet", cancellationToken) : null;
        var host = edit.HostId is { } h ? await store.RequiredAsync<Organization>(h, "Værten", cancellationToken) : null;

        // The form lists the municipality's places and organisations; an id of another municipality's (written into the
        // form) would put their address or name on this meeting's public page, as "Nyt møde" already refuses.
        if (location is not null && location.BodyId != meeting.Organization.BodyId)
        {
            throw new DomainRuleException("Mødested: vælg et af kommunens mødesteder; det valgte hører til en anden kommune.");
        }

        if (host is not null && host.BodyId != meeting.Organization.BodyId)
        {
            throw new DomainRuleException("Vært: vælg en af kommunens organisationer; den valgte hører til en anden kommune.");
        }

        meeting.SetPlace(location, host);
        meeting.Rename(edit.Name);
        if (meeting.ScheduleVersion != scheduled)
        {
            // An answer given for another day or hour no longer says who comes: it is asked again.
            forgotten = (meeting.Date, meeting.StartTime) != (before.Date, before.StartTime) ? meeting.ForgetAnswers() : 0;

            // Members who got the agenda get the moved invitation, with the old time, in the same transaction.
            notified = await invitations.QueueChangeAsync(meeting, cancellationToken, DanishDates.MeetingTime(before.Date, before.StartTime, before.EndTime), forgotten > 0);
        }

        await store.SaveChangesAsync(cancellationToken);
        var late = meeting.Date == before.Date ? []
            : (await store.OpenHearingsAsync(meeting.OrganizationId, cancellationToken))
                .Where(h => h.Deadline < meeting.Date && meeting.Items.Any(i => i == h.AgendaItem || (h.AgendaItemId is { } id && i.Id == id)))
                .OrderBy(h => h.Deadline).ToList();
        return new MeetingDetailsSaved(meeting, notified, forgotten, late);
    }

    private async Task<MeetingDetailsFields> MergeAsync(Meeting meeting, MeetingDetailsFields mine, MeetingDetailsFields? seen, CancellationToken cancellationToken)
    {
        var stored = MeetingDetailsFields.Of(meeting);
        var shown = seen ?? stored;
        var conflicts = new List<(string Label, Func<Task<string>> Hers, Func<Task<string>> Theirs)>();
        var date = Field(mine.Date, shown.Date, stored.Date, "dato", d => Task.FromResult(DanishDates.Date(d)));
        var start = Field(mine.Start, shown.Start, stored.Start, "starttidspunkt", t => Task.FromResult(t is { } v ? DanishDates.Time(v) : "–"));
        var end = Field(mine.End, shown.End, stored.End, "sluttidspunkt", t => Task.FromResult(t is { } v ? DanishDates.Time(v) : "–"));
        var location = Field(mine.LocationId, shown.LocationId, stored.LocationId, "mødested", LocationAsync);
        var host = Field(mine.HostId, shown.HostId, stored.HostId, "vært", HostAsync);
        var name = Field(mine.NameOrEmpty, shown.NameOrEmpty, stored.NameOrEmpty, "særligt navn", n => Task.FromResult(n.Length == 0 ? "–" : n));
        if (conflicts.Count > 0)
        {
            var texts = new List<TextConflict>();
            foreach (var (label, hers, theirs) in conflicts)
            {
                texts.Add(new TextConflict($"mødets {label}", await hers(), await theirs()));
            }

            throw new EditConflictException(texts);
        }

        return new MeetingDetailsFields(date, start, end, location, host, name.Length == 0 ? null : name);

        T Field<T>(T hers, T onHerPage, T theirs, string label, Func<T, Task<string>> words)
        {
            var same = EqualityComparer<T>.Default;
            if (same.Equals(hers, theirs) || (seen is not null && same.Equals(hers, onHerPage)))
            {
                return theirs;
            }

            if (seen is not null && same.Equals(theirs, onHerPage))
            {
                return hers;
            }

            conflicts.Add((label, () => words(hers), () => words(theirs)));
            return theirs;
        }

        async Task<string> LocationAsync(int? id) =>
            id is { } l ? (await store.RequiredAsync<Location>(l, "Mødestedet", cancellationToken)).Description : "–";

        async Task<string> HostAsync(int? id) =>
            id is { } h ? (await store.RequiredAsync<Organization>(h, "Værten", cancellationToken)).Name : "–";
    }
}
