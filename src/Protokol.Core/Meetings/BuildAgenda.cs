using System.Text.Json;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Text;

namespace Protokol.Core.Meetings;

/// <summary>
/// An item taken off a draft agenda, kept so the removal can be undone: with the follow-ups and hearings it
/// carried, which go back on the restored item (unless another item took them up in the meantime), and its
/// attachments, which the removal left on the meeting as a whole and the undo puts back on it (unless they were
/// placed or taken off since).
/// </summary>
public sealed record RemovedAgendaItem(int MeetingId, int Position, string Title, AgendaItemKind Kind, bool IsPublic, string? Text, IReadOnlyList<RemovedAgendaItem> SubItems,
    IReadOnlyList<int>? FollowUpIds = null, IReadOnlyList<int>? HearingIds = null, IReadOnlyList<int>? AttachmentIds = null)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static RemovedAgendaItem? FromJson(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<RemovedAgendaItem>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The fields of an agenda item the secretary edits: as typed, as her page showed them, or as stored.</summary>
public sealed record AgendaItemFields(string Title, AgendaItemKind Kind, bool IsPublic, string? Text)
{
    public static AgendaItemFields Of(AgendaItem item) => new(item.Title, item.Kind, item.IsPublic, item.PublicText);

    /// <summary>Whether the two hold the same item (line endings and surrounding blanks aside).</summary>
    public bool SameAs(AgendaItemFields other) =>
        string.Equals(Title.Trim(), other.Title.Trim(), StringComparison.Ordinal) && Kind == other.Kind && IsPublic == other.IsPublic
        && string.Equals(Normalized(Text), Normalized(other.Text), StringComparison.Ordinal);

    internal static string Normalized(string? value) => (value ?? string.Empty).ReplaceLineEndings("\n").Trim();
}

/// <summary>
/// Use cases of the agenda builder: the secretary adds, edits, moves and removes items (with a way
/// back), and fills the agenda with standing items, carried follow-ups and hearings due.
/// </summary>
public sealed class BuildAgenda(IProtokolStore store, TimeProvider clock)
{
    /// <summary>Adds a main item (before Eventuelt) or a sub-item under <paramref name="parentId"/>.</summary>
    public async Task<AgendaItem> AddItemAsync(int meetingId, string title, AgendaItemKind kind, bool isPublic, string? text, int? parentId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var item = parentId is { } p
            ? meeting.AppendSubItem(meeting.Item(p), title, kind, isPublic, text)
            : meeting.AddMainItem(title, kind, isPublic, text);
        await store.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>
    /// Saves an item's title, kind, openness and text. An edit made on an older version is merged field by field
    /// with what was saved since, given <paramref name="seen"/> (the fields as her page showed them): a field only
    /// she changed takes hers, a field only the other session changed keeps theirs, and only a field both changed,
    /// differently, is refused, with both versions, so nothing she typed is dropped unseen. Without
    /// <paramref name="seen"/> every field of a stale edit that differs from the stored item is refused.
    /// </summary>
    public async Task<AgendaItem> EditItemAsync(int meetingId, int itemId, long version, AgendaItemFields edit, AgendaItemFields? seen, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var item = meeting.Item(itemId);
        if (item.Version != version)
        {
            var stored = AgendaItemFields.Of(item);
            var (merged, conflicts) = Merge(item.Number, edit, seen, stored);
            if (conflicts.Count > 0)
            {
                throw new EditConflictException(conflicts);
            }

            if (merged.SameAs(stored))
            {
                return item;
            }

            edit = merged;
        }

        item.Edit(edit.Title, edit.Kind, edit.IsPublic, edit.Text);
        await store.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>
    /// A stale edit merged with the stored item, field by field in the form's order: the fields both sessions
    /// changed differently are the conflicts, each with both versions.
    /// </summary>
    internal static (AgendaItemFields Merged, List<TextConflict> Conflicts) Merge(string number, AgendaItemFields mine, AgendaItemFields? seen, AgendaItemFields stored)
    {
        var conflicts = new List<TextConflict>();
        var shown = seen ?? stored;
        var title = Field(mine.Title.Trim(), shown.Title.Trim(), stored.Title.Trim(), "titel", t => t);
        var kind = Field(mine.Kind, shown.Kind, stored.Kind, "punktets art", Portal.Danish.Kind);
        var isPublic = Field(mine.IsPublic, shown.IsPublic, stored.IsPublic, "åbent eller lukket", open => open ? "Åbent punkt" : "Lukket punkt");
        var text = Field(AgendaItemFields.Normalized(mine.Text), AgendaItemFields.Normalized(shown.Text), AgendaItemFields.Normalized(stored.Text), "punktets tekst", t => t);
        return (new AgendaItemFields(title, kind, isPublic, text.Length == 0 ? null : text), conflicts);

        // Without what her page showed, any field that differs is a conflict.
        T Field<T>(T hers, T onHerPage, T theirs, string label, Func<T, string> words)
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

            conflicts.Add(new TextConflict($"punkt {number}, {label}", words(hers), words(theirs)));
            return theirs;
        }
    }

    /// <summary>Moves an item one place up or down among its siblings; false when it is already there.</summary>
    public async Task<(AgendaItem Item, bool Moved)> MoveItemAsync(int meetingId, int itemId, int by, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var item = meeting.Item(itemId);
        var moved = meeting.MoveItem(item, by);
        if (moved)
        {
            await store.SaveChangesAsync(cancellationToken);
        }

        return (item, moved);
    }

    /// <summary>Places an item under another main item (<paramref name="parentId"/>), or makes it a main item (null).</summary>
    public async Task<(AgendaItem Item, bool Moved)> PlaceItemAsync(int meetingId, int itemId, int? parentId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var item = meeting.Item(itemId);
        var parent = parentId is { } p ? meeting.Item(p) : null;
        var moved = meeting.PlaceItem(item, parent);
        if (moved)
        {
            await store.SaveChangesAsync(cancellationToken);
        }

        return (item, moved);
    }

    /// <summary>Removes an item and its sub-items from a draft agenda; what was removed comes back for an undo.</summary>
    public async Task<RemovedAgendaItem> RemoveItemAsync(int meetingId, int itemId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var item = meeting.Item(itemId);
        var followUps = await store.OpenFollowUpsAsync(meeting.OrganizationId, cancellationToken);
        var hearings = await store.OpenHearingsAsync(meeting.OrganizationId, cancellationToken);
        var siblings = meeting.Items.Where(i => i.Parent == item.Parent).OrderBy(i => i.Position).ToList();
        var removed = Snapshot(item, siblings.IndexOf(item),
            meeting.Items.Where(i => i.Parent == item).OrderBy(i => i.Position).Select(c => Snapshot(c, 0, [])).ToList());
        if (item.Parent is not null)
        {
            removed = removed with { Position = -1 - meeting.ItemsInOrder.Where(i => i.Parent is null).ToList().IndexOf(item.Parent) };
        }

        meeting.RemoveItem(item);
        await store.SaveChangesAsync(cancellationToken);
        return removed;

        RemovedAgendaItem Snapshot(AgendaItem of, int position, IReadOnlyList<RemovedAgendaItem> subItems) =>
            new(meetingId, position, of.Title, of.Kind, of.IsPublic, of.PublicText, subItems,
                [.. followUps.Where(f => f.CarriedToItem == of || (f.CarriedToItemId == of.Id && of.Id != 0)).Select(f => f.Id)],
                [.. hearings.Where(h => h.AgendaItem == of || (h.AgendaItemId == of.Id && of.Id != 0)).Select(h => h.Id)],
                [.. meeting.Attachments.Where(a => a.AgendaItem == of || (a.AgendaItemId == of.Id && of.Id != 0)).Select(a => a.Id)]);
    }

    /// <summary>
    /// Undoes a removal: the item comes back where it was, with its sub-items, and takes up again the follow-ups
    /// and hearings it carried that are still open and on no other item (so "Udfyld dagsordenen" does not add them twice).
    /// </summary>
    public async Task<AgendaItem> RestoreItemAsync(RemovedAgendaItem removed, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(removed.MeetingId, cancellationToken);
        var followUps = await store.OpenFollowUpsAsync(meeting.OrganizationId, cancellationToken);
        var hearings = await store.OpenHearingsAsync(meeting.OrganizationId, cancellationToken);
        AgendaItem item;
        if (removed.Position < 0)
        {
            var parents = meeting.ItemsInOrder.Where(i => i.Parent is null).ToList();
            var index = -1 - removed.Position;
            var parent = index < parents.Count ? parents[index] : throw new DomainRuleException("Punktet, underpunktet hørte til, findes ikke længere.");
            item = meeting.AppendSubItem(parent, removed.Title, removed.Kind, removed.IsPublic, removed.Text);
            Relink(item, removed);
        }
        else
        {
            item = meeting.AppendItem(removed.Title, removed.Kind, removed.IsPublic, removed.Text);
            var mains = meeting.ItemsInOrder.Where(i => i.Parent is null && i != item).ToList();
            mains.Insert(Math.Clamp(removed.Position, 0, mains.Count), item);
            meeting.RenumberItems(mains);
            Relink(item, removed);
            foreach (var sub in removed.SubItems)
            {
                Relink(meeting.AppendSubItem(item, sub.Title, sub.Kind, sub.IsPublic, sub.Text), sub);
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return item;

        void Relink(AgendaItem restored, RemovedAgendaItem snapshot)
        {
            foreach (var followUp in followUps.Where(f => snapshot.FollowUpIds?.Contains(f.Id) == true && f.CarriedToItem is null && f.CarriedToItemId is null))
            {
                followUp.CarryTo(restored);
            }

            foreach (var hearing in hearings.Where(h => snapshot.HearingIds?.Contains(h.Id) == true && h.AgendaItem is null && h.AgendaItemId is null))
            {
                hearing.TreatAt(restored);
            }

            foreach (var attachment in meeting.Attachments.Where(a => snapshot.AttachmentIds?.Contains(a.Id) == true && a.AgendaItem is null && a.AgendaItemId is null))
            {
                attachment.PlaceOn(restored);
            }
        }
    }

    /// <summary>
    /// Fills the agenda: standing items when it is empty (without the approval of minutes at the council's first meeting), and, empty or begun, the follow-ups carried
    /// to this meeting and the hearings due before the following one, once each, before Eventuelt.
    /// </summary>
    public async Task<int> FillAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var following = await store.NextMeetingAsync(meeting.OrganizationId, meeting.Date, cancellationToken);
        var followUps = await store.OpenFollowUpsAsync(meeting.OrganizationId, cancellationToken);
        var hearings = await store.OpenHearingsAsync(meeting.OrganizationId, cancellationToken);
        var earlier = (await store.MeetingDatesAsync(meeting.OrganizationId, cancellationToken)).Any(m => m.Id != meeting.Id && m.Date < meeting.Date);
        var added = DraftAgendaBuilder.Fill(meeting, followUps, hearings, following?.Date, earlier, await PendingBeforeAsync(meeting, cancellationToken));
        await store.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// The titles of the follow-ups and hearings "Udfyld dagsordenen" would put on this agenda now (a draft, or a
    /// published one not yet held, where they come as a supplement), so the builder can show what is waiting
    /// (nothing is changed).
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        if (meeting.State > MeetingState.AgendaPublished || meeting.IsCancelled)
        {
            return [];
        }

        var following = await store.NextMeetingAsync(meeting.OrganizationId, meeting.Date, cancellationToken);
        var (followUps, hearings) = DraftAgendaBuilder.Waiting(meeting,
            await store.OpenFollowUpsAsync(meeting.OrganizationId, cancellationToken),
            await store.OpenHearingsAsync(meeting.OrganizationId, cancellationToken), following?.Date, await PendingBeforeAsync(meeting, cancellationToken));

        // A follow-up whose due date falls before this meeting is late here: the secretary sees it before she carries it.
        return [.. followUps.Select(f => DraftAgendaBuilder.FollowUpTitle(f.Text) + (f.Due is { } due && due < meeting.Date ? $" (frist {DanishDates.Date(due)}, før mødet)" : string.Empty)),
            .. hearings.Select(h => DraftAgendaBuilder.HearingTitle(h.Subject) + $" (høringsfrist {DanishDates.Date(h.Deadline)})")];
    }

    /// <summary>
    /// The council's meeting just before <paramref name="meeting"/> when it is still to be held (from today, not held, not
    /// cancelled): the follow-ups from before it wait for its agenda, or its supplement when that was sent, not for this one.
    /// </summary>
    private async Task<Meeting?> PendingBeforeAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var today = Copenhagen.Today(clock);
        if (meeting.Date <= today)
        {
            return null;
        }

        var before = await store.LastMeetingBetweenAsync(meeting.OrganizationId, today, meeting.Date.AddDays(-1), cancellationToken);
        return DraftAgendaBuilder.StillToBeHeld(before, today) ? before : null;
    }
}
