using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Text;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// A meeting before it is held: its time and place (move, cancel, delete a draft), the agenda
/// builder (items and sub-items added and edited in place, moved, removed with a way back, filled
/// with standing items, carried follow-ups and hearings), attachments, publication of the agenda,
/// and on the day the step to the minutes workspace. The rules live in Core's use cases.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
// A file up to five times the limit is read and refused by the attach rule, naming the file and the limit; a larger upload ends at
// the error page, which says the file was too large (Pages/Error).
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentRules.MaxUploadBytes)]
[RequestSizeLimit(AttachmentRules.MaxUploadBytes)]
[StaffRule(StaffRule.ReadMeeting)]
public sealed class MeetingModel(IProtokolStore store, IBackOfficeQueries queries, TimeProvider clock, BuildAgenda agenda, AttachDocument attach, MemberInvitations invitations)
    : MeetingPageBase(store, queries, clock)
{
    /// <summary>The item just removed, for the "Fortryd" button.</summary>
    public RemovedAgendaItem? Undo { get; private set; }

    /// <summary>Follow-ups and hearings that belong on this draft agenda and are not on it yet ("Udfyld dagsordenen" adds them).</summary>
    public IReadOnlyList<string> Waiting { get; private set; } = [];

    protected override string PathOf(int meetingId) => $"/admin/moeder/{meetingId}";

    /// <summary>
    /// For a published agenda with items added after publication: whether someone who got it by e-mail is still to be
    /// told of one ("Send tillæg …"), and when the last supplement went; null otherwise.
    /// </summary>
    public SupplementStatus? Supplement { get; private set; }

    /// <summary>How many got the published agenda by e-mail: they are sent a move or a cancellation at once (the details form says so).</summary>
    public int AgendaRecipients { get; private set; }

    /// <summary>For a meeting imported from a file: the values the importer was unsure of, for the secretary to check.</summary>
    public IReadOnlyList<ImportNote> ImportNotes { get; private set; } = [];

    protected override async Task LoadPageAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ImportNotes = meeting.ImportedFrom is null ? [] : await Queries.ImportNotesAsync(meeting.Id, cancellationToken);
        Waiting = CanEdit ? await agenda.WaitingAsync(meeting, cancellationToken) : [];
        Supplement = CanEdit && meeting.State == MeetingState.AgendaPublished && !meeting.IsCancelled && meeting.Items.Any(i => i.AddedAfterPublication)
            ? await invitations.SupplementStatusAsync(meeting, cancellationToken)
            : null;
        AgendaRecipients = CanEdit && meeting.State == MeetingState.AgendaPublished && !meeting.IsCancelled
            ? (await invitations.InvitedAsync(meeting.Id, cancellationToken)).Count
            : 0;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Undo = RemovedAgendaItem.FromJson(TempData["Undo"] as string);
        return await ShowAsync(id, ct);
    }

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostDetailsAsync(
        int id,
        long version,
        string? date,
        string? start,
        string? end,
        int? location,
        int? host,
        string? name,
        [FromForm(Name = "seen-date")] string? seenDate,
        [FromForm(Name = "seen-start")] string? seenStart,
        [FromForm(Name = "seen-end")] string? seenEnd,
        [FromForm(Name = "seen-location")] int? seenLocation,
        [FromForm(Name = "seen-host")] int? seenHost,
        [FromForm(Name = "seen-name")] string? seenName,
        [FromServices] ChangeMeetingDetails change,
        CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var edit = new MeetingDetailsFields(DanishInput.Date(date, "Dato"), DanishInput.OptionalTime(start, "Starttidspunkt"), DanishInput.OptionalTime(end, "Sluttidspunkt"), location, host, name);
            var saved = await change.SaveAsync(id, version, edit, Seen(), ct);
            var told = saved.Notified switch
            {
                0 => string.Empty,
                1 => " 1 person, der fik dagsordenen, får besked om ændringen",
                var n => $" {n} personer, der fik dagsordenen, får besked om ændringen",
            };
            if (told.Length > 0)
            {
                told += saved.AnswersForgotten switch
                {
                    0 => ".",
                    1 => ", og det svar, der var givet til det gamle tidspunkt, er nulstillet.",
                    var n => $", og de {n} svar, der var givet til det gamle tidspunkt, er nulstillet.",
                };
            }

            var late = string.Concat(saved.LateHearings.Select(h =>
                $" Bemærk: høringen \"{h.Subject}\" på dagsordenen har frist {DanishDates.Date(h.Deadline)}, før mødet; svar uden for mødet, eller flyt mødet til før fristen."));
            // A date moved to before today (a slip of the month or year) is saved, as a meeting may be recorded afterwards, but said.
            var past = edit.Date < Today && saved.Meeting.Date == edit.Date && saved.Meeting.State < MeetingState.Held
                ? " Bemærk: datoen ligger før i dag; ret den her, hvis det var en fejl."
                : string.Empty;
            return "Mødets oplysninger er gemt." + past + told + late;

            // The page's own values always parse; a form without them (an old page) is merged as if nothing was seen.
            MeetingDetailsFields? Seen()
            {
                try
                {
                    return seenDate is null ? null : new MeetingDetailsFields(DanishInput.Date(seenDate, "Dato"), DanishInput.OptionalTime(seenStart, "Starttidspunkt"), DanishInput.OptionalTime(seenEnd, "Sluttidspunkt"), seenLocation, seenHost, seenName);
                }
                catch (DomainRuleException)
                {
                    return null;
                }
            }
        }, ct);

    protected override IReadOnlySet<string> SectionsWithConfirmation { get; } = new HashSet<string>(StringComparer.Ordinal) { "importnoter" };

    /// <summary>An item's edit, move or placing lands on the item (#punkt-id-N), and says so there.</summary>
    protected override bool ConfirmsIn(string section) => base.ConfirmsIn(section) || section.StartsWith("punkt-id-", StringComparison.Ordinal);

    /// <summary>A value the importer was unsure of, marked as checked against the file (or as to check again).</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostCheckNoteAsync(int id, int note, bool isChecked, [FromServices] CheckImportNote check, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await check.SetAsync(id, note, isChecked, ct);
            var left = (await Queries.ImportNotesAsync(id, ct)).Count(n => !n.Resolved);
            var said = isChecked ? "Værdien er markeret som tjekket." : "Værdien er markeret til at blive tjekket igen.";
            return said + left switch
            {
                0 => " Alle værdier fra importen er tjekket.",
                1 => " 1 værdi mangler at blive tjekket.",
                _ => $" {left} værdier mangler at blive tjekket.",
            };
        }, ct, $"{PathOf(id)}#importnoter");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostCancelAsync(int id, string? reason, [FromServices] CancelMeeting cancel, CancellationToken ct) =>
        RunAsync(id, async () => { await cancel.ExecuteAsync(id, reason, ct); return "Mødet er aflyst. Portalen og kalenderne viser det som aflyst."; }, ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostReinstateAsync(int id, [FromServices] CancelMeeting cancel, CancellationToken ct) =>
        RunAsync(id, async () => { await cancel.ReinstateAsync(id, ct); return "Aflysningen er taget tilbage."; }, ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteMeeting delete, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var meeting = await delete.ExecuteAsync(id, ct);
            return $"Mødet {DanishDates.Date(meeting.Date)} er slettet.";
        }, ct, "/admin");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostPrefillAsync(int id, CancellationToken ct) =>
        RunAsync(id, async () => (await agenda.FillAsync(id, ct)) switch
        {
            var n when (await Store.FindMeetingAsync(id, ct))?.IsAgendaFrozen == true => n switch
            {
                0 => "Der venter ingen opfølgninger eller høringer på denne dagsorden.",
                1 => "1 punkt er tilføjet efter udsendelse. Send tillægget til medlemmerne, så de ved det.",
                _ => $"{n} punkter er tilføjet efter udsendelse. Send tillægget til medlemmerne, så de ved det.",
            },
            0 when (await Store.FindMeetingAsync(id, ct))?.Items.Count is null or 0 =>
                "Rådet har ingen faste punkter, og der er ingen opfølgninger eller høringer til dagsordenen. Tilføj punkterne herunder.",
            0 => "Dagsordenen har allerede alle faste punkter, opfølgninger og høringer.",
            1 => "1 punkt er tilføjet dagsordenen.",
            var n => $"{n} punkter er tilføjet dagsordenen.",
        }, ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostAddItemAsync(int id, string? title, AgendaItemKind kind, bool isPublic, string? text, int? parent, CancellationToken ct) =>
        RunAsync(id, async () => $"Punkt {(await agenda.AddItemAsync(id, title ?? string.Empty, kind, isPublic, text, parent, ct)).Number} er tilføjet.", ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostEditItemAsync(int id, int item, long version, string? title, AgendaItemKind kind, bool isPublic, string? text,
        [FromForm(Name = "seen-title")] string? seenTitle, [FromForm(Name = "seen-kind")] AgendaItemKind? seenKind, [FromForm(Name = "seen-isPublic")] bool? seenPublic,
        [FromForm(Name = "seen-text")] string? seenText, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            // What her page showed, so an edit made on an older version merges with what was saved since.
            var seen = seenTitle is not null && seenKind is { } k && seenPublic is { } p ? new AgendaItemFields(seenTitle, k, p, seenText) : null;
            var saved = await agenda.EditItemAsync(id, item, version, new AgendaItemFields(title ?? string.Empty, kind, isPublic, text), seen, ct);
            return $"Punkt {saved.Number} er gemt.";
        }, ct, $"{PathOf(id)}#punkt-id-{item}");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostMoveAsync(int id, int item, int by, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var (moved, done) = await agenda.MoveItemAsync(id, item, by, ct);
            return done ? $"Punktet er nu nummer {moved.Number}." : "Punktet står allerede der.";
        }, ct, $"{PathOf(id)}#punkt-id-{item}");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostPlaceAsync(int id, int item, int? parent, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var (placed, done) = await agenda.PlaceItemAsync(id, item, parent, ct);
            return done ? $"Punktet er nu nummer {placed.Number}." : "Punktet står allerede der.";
        }, ct, $"{PathOf(id)}#punkt-id-{item}");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostRemoveItemAsync(int id, int item, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var removed = await agenda.RemoveItemAsync(id, item, ct);
            TempData["Undo"] = removed.ToJson();
            return $"\"{removed.Title}\" er fjernet fra dagsordenen.";
        }, ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostRestoreItemAsync(int id, string? removed, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var snapshot = RemovedAgendaItem.FromJson(removed) is { } r && r.MeetingId == id ? r : throw new Core.Common.DomainRuleException("Der er intet punkt at hente tilbage.");
            return $"Punkt {(await agenda.RestoreItemAsync(snapshot, ct)).Number} er hentet tilbage.";
        }, ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostAttachAsync(int id, int? item, string? title, bool isPublic, IFormFile? file, CancellationToken ct) =>
        RunAsync(id, async () => $"Bilaget \"{(await attach.ExecuteAsync(id, item, title, isPublic, file, ct)).Title}\" er vedhæftet.", ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachment, CancellationToken ct) =>
        RunAsync(id, async () => $"Bilaget \"{(await attach.RemoveAsync(id, attachment, ct)).Title}\" er fjernet.", ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostPublishAgendaAsync(int id, [FromServices] PublishAgenda publish, CancellationToken ct) =>
        RunAsync(id, async () => { await publish.ExecuteAsync(id, ct); return "Dagsordenen er offentliggjort på portalen."; }, ct); // the next step: the phases panel says it

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostHeldAsync(int id, [FromServices] PublishAgenda publish, CancellationToken ct) =>
        RunAsync(id, async () => { await publish.MarkHeldAsync(id, ct); return "Mødet er markeret som holdt. Skriv deltagelse og referat."; }, ct, $"/admin/moeder/{id}/referat");
}
