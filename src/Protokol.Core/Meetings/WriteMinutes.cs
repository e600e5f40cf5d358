using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>
/// What the secretary wrote for one item in the minutes workspace, with the item's version when the page was made and, from the page,
/// the <see cref="Fingerprint"/> of the text it showed (<paramref name="Base"/>): an entry still equal to it was not touched on that page.
/// </summary>
/// <remarks>
/// <paramref name="MinutesBase"/> and <paramref name="DecisionBase"/> are each field's <see cref="FieldFingerprint"/> as the page
/// showed it: when another tab saved the item since, the fields only one of the two changed are merged instead of refused.
/// </remarks>
public sealed record MinutesEntry(int ItemId, long Version, string? Minutes, string? Decision, bool Withdrawn = false, string? WithdrawnReason = null, string? Base = null, string? MinutesBase = null, string? DecisionBase = null)
{
    /// <summary>A short digest of one field as the minutes workspace shows it (line breaks and outer spaces aside).</summary>
    public static string FieldFingerprint(string? text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Normalize(text))), 0, 16);

    /// <summary>Whether the page sent <paramref name="text"/> as it showed it (its fingerprint is the base's).</summary>
    public static bool Unchanged(string? text, string? fieldBase) =>
        fieldBase is not null && string.Equals(fieldBase, FieldFingerprint(text), StringComparison.Ordinal);

    /// <summary>A short digest of an item's minutes, decision and withdrawal as the minutes workspace shows them (line breaks and outer spaces aside).</summary>
    public static string Fingerprint(string? minutes, string? decision, bool withdrawn)
    {
        var text = $"{Normalize(minutes)}\u0000{Normalize(decision)}\u0000{(withdrawn ? 1 : 0)}";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)), 0, 16);
    }

    internal static string Normalize(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Whether the page sent back exactly what it showed: the item was not edited there.</summary>
    public bool Untouched => Base is not null && string.Equals(Base, Fingerprint(Minutes, Decision, Withdrawn), StringComparison.Ordinal);
}

/// <summary>The outcome of saving one draft: the item's version and fields now (merged with another tab's save), or the conflict with what someone else saved.</summary>
public sealed record DraftSaved(long? Version, TextConflict? Conflict, string? Minutes = null, string? Decision = null);

/// <summary>
/// Use case: the secretary writes the minutes of the whole meeting and saves them at once (or the
/// page saves one item's draft as she types). An item saved by someone else since the page was
/// made is a conflict only when its text differs from what she sends; then nothing is saved and
/// both versions come back. An item she did not touch on her page (its text as the page showed it)
/// is left as it is stored now, however old her page: a stale page's save never undoes another's.
/// Published minutes (until approved) take corrections, which are public the moment they are saved: so
/// never as a draft saved while she types, and only once the privacy check has found nothing new in
/// them or she has confirmed that what it found may be published.
/// </summary>
public sealed class WriteMinutes(IProtokolStore store, PublishMinutes check)
{
    /// <summary>Saves what the page sent; on published minutes, a correction in which the privacy check finds something new is refused.</summary>
    public Task<IReadOnlyList<AgendaItem>> ExecuteAsync(int meetingId, IReadOnlyList<MinutesEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(meetingId, entries, draft: false, correctionChecked: false, cancellationToken);

    /// <summary>Saves what the page sent.</summary>
    /// <param name="meetingId">The meeting.</param>
    /// <param name="entries">What the page sent, an entry per item.</param>
    /// <param name="correctionChecked">On published minutes: she has seen what the privacy check found in her correction, and it may be published.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The items changed.</returns>
    public Task<IReadOnlyList<AgendaItem>> ExecuteAsync(int meetingId, IReadOnlyList<MinutesEntry> entries, bool correctionChecked, CancellationToken cancellationToken) =>
        WriteAsync(meetingId, entries, draft: false, correctionChecked, cancellationToken);

    private async Task<IReadOnlyList<AgendaItem>> WriteAsync(int meetingId, IReadOnlyList<MinutesEntry> entries, bool draft, bool correctionChecked, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        if (draft && meeting.State == MeetingState.MinutesPublished)
        {
            throw new DomainRuleException("Referatet er offentliggjort, så rettelser gemmes ikke, mens du skriver: tryk \"Gem hele referatet\", når rettelsen er færdig.");
        }

        var conflicts = new List<TextConflict>();
        var edits = new List<(MinutesEntry Entry, AgendaItem Item)>();
        foreach (var entry in entries)
        {
            var item = meeting.Item(entry.ItemId);
            var same = Same(entry.Minutes, item.Minutes) && Same(entry.Decision, item.Decision) && entry.Withdrawn == item.Withdrawn;
            if (same || entry.Untouched)
            {
                continue;
            }

            if (item.Version != entry.Version)
            {
                // Saved elsewhere since her page was made: a field only one of the two changed takes that one's text (her minutes,
                // their decision), and only the same field changed on both sides, differently, is a conflict.
                if (Merge(entry, item) is { } merged)
                {
                    if (!(Same(merged.Minutes, item.Minutes) && Same(merged.Decision, item.Decision)))
                    {
                        edits.Add((merged, item));
                    }

                    continue;
                }

                conflicts.Add(new TextConflict($"punkt {item.Number}, referatet", Join(entry.Minutes, entry.Decision), Join(item.Minutes, item.Decision)));
                continue;
            }

            edits.Add((entry, item));
        }

        if (conflicts.Count > 0)
        {
            throw new EditConflictException(conflicts);
        }

        // A withdrawn item's text can no longer be seen or edited in the workspace, yet would be published with it: an item
        // withdrawn with minutes or a decision in its fields is refused (nothing she typed is dropped unseen), and one
        // withdrawn with its fields emptied leaves nothing stored behind.
        var written = edits.Where(e => e.Entry.Withdrawn && !e.Item.Withdrawn && !(Same(e.Entry.Minutes, null) && Same(e.Entry.Decision, null))).Select(e => e.Item.Number).ToList();
        if (written.Count > 0)
        {
            throw new DomainRuleException(
                $"{(written.Count == 1 ? "Punkt" : "Punkterne")} {string.Join(", ", written)} har referat eller beslutning i felterne, men er sat til at udgå. "
                + "Et udgået punkt offentliggøres uden referat og beslutning: slet teksten i felterne, eller fjern fluebenet i \"Punktet udgik\", og gem igen.");
        }

        if (meeting.State == MeetingState.MinutesPublished && !correctionChecked && edits.Count > 0)
        {
            var found = await check.CheckCorrectionAsync(meeting, edits.Select(e => (e.Item, e.Entry.Minutes, e.Entry.Decision)).ToList(), cancellationToken);
            if (found.Count > 0)
            {
                throw new DomainRuleException(
                    "Referatet er offentliggjort, og rettelsen bliver offentlig, når den gemmes. Privatlivstjekket fandt mulige personoplysninger i den: "
                    + string.Join("; ", found.Select(f => $"\"{f.Finding.Text}\" ({f.Where.ToLowerInvariant()})"))
                    + ". Ret teksten, eller sæt flueben i \"Rettelsen må offentliggøres\" og gem igen.");
            }
        }

        var changed = new List<AgendaItem>(edits.Count);
        foreach (var (entry, item) in edits)
        {
            if (entry.Withdrawn && !item.Withdrawn)
            {
                meeting.RecordMinutes(item, null, null);
                meeting.WithdrawItem(item, entry.WithdrawnReason);
            }
            else
            {
                meeting.RecordMinutes(item, entry.Minutes, entry.Decision);
            }

            changed.Add(item);
        }

        if (changed.Count > 0)
        {
            await store.SaveChangesAsync(cancellationToken);
        }

        return changed;
    }

    /// <summary>"Genoptag punktet": a withdrawn item is on the minutes again, its reason gone; one already reinstated is left as it is.</summary>
    public async Task<AgendaItem> ReinstateAsync(int meetingId, int itemId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var item = meeting.Item(itemId);
        if (item.Withdrawn)
        {
            meeting.ReinstateItem(item);
            await store.SaveChangesAsync(cancellationToken);
        }

        return item;
    }

    /// <summary>
    /// Saves one item's draft as the secretary types. A draft equal to what is stored just takes the
    /// stored version; a save that met another item's save on the meeting itself is tried once more.
    /// </summary>
    public async Task<DraftSaved> SaveDraftAsync(int meetingId, MinutesEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await WriteAsync(meetingId, [entry], draft: true, correctionChecked: false, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                store.DiscardChanges();
                await WriteAsync(meetingId, [entry], draft: true, correctionChecked: false, cancellationToken);
            }

            var saved = await store.FindAgendaItemAsync(entry.ItemId, cancellationToken);
            return new DraftSaved(saved?.Version, null, saved?.Minutes, saved?.Decision);
        }
        catch (EditConflictException e)
        {
            store.DiscardChanges();
            var stored = await store.FindAgendaItemAsync(entry.ItemId, cancellationToken);
            return new DraftSaved(stored?.Version, e.Conflicts[0], stored?.Minutes, stored?.Decision);
        }
    }

    /// <summary>Her entry merged field by field with the item as stored now, or null when a field was changed on both sides (or no bases came).</summary>
    private static MinutesEntry? Merge(MinutesEntry entry, AgendaItem item)
    {
        if (entry.MinutesBase is null || entry.DecisionBase is null || entry.Withdrawn != item.Withdrawn || item.Withdrawn)
        {
            return null;
        }

        return MergeField(entry.Minutes, item.Minutes, entry.MinutesBase, out var minutes) && MergeField(entry.Decision, item.Decision, entry.DecisionBase, out var decision)
            ? entry with { Minutes = minutes, Decision = decision }
            : null;
    }

    private static bool MergeField(string? mine, string? stored, string fieldBase, out string? merged)
    {
        merged = Same(mine, stored) || MinutesEntry.Unchanged(mine, fieldBase) ? stored
            : MinutesEntry.Unchanged(stored, fieldBase) ? mine
            : null;
        return Same(mine, stored) || MinutesEntry.Unchanged(mine, fieldBase) || MinutesEntry.Unchanged(stored, fieldBase);
    }

    private static bool Same(string? a, string? b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    private static string Normalize(string? text) => MinutesEntry.Normalize(text);

    private static string Join(string? minutes, string? decision) =>
        string.IsNullOrWhiteSpace(decision) ? minutes ?? string.Empty : $"{minutes}\n\nBeslutning: {decision}";
}
