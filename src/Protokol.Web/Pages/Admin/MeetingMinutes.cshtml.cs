using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Text;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// The minutes workspace of a held meeting, one page as in Word: attendance (guests typed by name),
/// every item's minutes and decision beside its case text with one save for everything (a small
/// script saves drafts as the secretary types), follow-ups, hearing responses, the privacy check,
/// publication, and approval of the previous minutes. The rules live in Core's use cases.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[StaffRule(StaffRule.ReadMeeting)]
public sealed class MeetingMinutesModel(IProtokolStore store, IBackOfficeQueries queries, TimeProvider clock, WriteMinutes write, PublishMinutes publish, IMinutesReviewStore reviews, IMailStore mail)
    : MeetingPageBase(store, queries, clock)
{
    /// <summary>The draft's reading round and the members' comments (issue 16), shown beside each item.</summary>
    public MinutesReview? Review { get; private set; }

    /// <summary>How many members the published minutes were sent to.</summary>
    public int MinutesSentTo { get; private set; }

    /// <summary>What the secretary sent when the save was refused: shown again in the editors, so nothing is lost.</summary>
    public IReadOnlyDictionary<int, MinutesEntry> Sent { get; private set; } = new Dictionary<int, MinutesEntry>();

    public IReadOnlyList<MinutesFinding>? PrivacyFindings { get; private set; }

    public override bool ShowsPrivacyCheck => PrivacyFindings is not null;

    protected override string PathOf(int meetingId) => $"/admin/moeder/{meetingId}/referat";

    /// <summary>The sections a change redirects to confirm it there, in view (a message at the top would be scrolled away).</summary>
    protected override IReadOnlySet<string> SectionsWithConfirmation { get; } = new HashSet<string>(StringComparer.Ordinal) { "deltagelse", "referat", "opfoelgning", "gennemlaesning", "send-referat" };

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostAttendanceAsync(int id, [FromForm] Dictionary<int, string>? status, [FromForm] Dictionary<int, int>? substituteFor, [FromForm] Dictionary<int, string>? seenStatus, [FromForm] Dictionary<int, int>? seenSubstitute, [FromServices] RecordAttendance attendance, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var seen = (seenStatus ?? []).ToDictionary(
                s => s.Key,
                s => new SeenAttendance(Enum.TryParse<AttendanceStatus>(s.Value, out var shown) ? shown : null, seenSubstitute?.GetValueOrDefault(s.Key) ?? 0));

            // A substitute's row may say "Ikke med" (an empty value): nothing is recorded for them.
            var statuses = new Dictionary<int, AttendanceStatus>();
            var notAttending = new HashSet<int>();
            foreach (var (person, value) in status ?? [])
            {
                if (string.IsNullOrEmpty(value))
                {
                    notAttending.Add(person);
                }
                else if (Enum.TryParse<AttendanceStatus>(value, out var parsed) && Enum.IsDefined(parsed) && parsed != AttendanceStatus.Guest)
                {
                    statuses[person] = parsed;
                }
            }

            var saved = await attendance.ExecuteAsync(id, statuses, substituteFor ?? [], seen, notAttending, ct);
            return saved.KeptFromOthers.Count == 0
                ? "Deltagelsen er gemt."
                : "Deltagelsen er gemt. Ændret, mens du havde siden åben, og bevaret, da du ikke ændrede dem: "
                    + string.Join(", ", saved.KeptFromOthers.Select(a => $"{a.Person.Name} ({Protokol.Core.Portal.Danish.Attendance(a.Status).ToLowerInvariant()}{(a.SubstituteFor is { } f ? ", suppleant for " + f.Name : "")})")) + ".";
        }, ct, PathOf(id) + "#deltagelse");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostGuestAsync(int id, string? name, string? items, string? affiliation, string? publicRole, [FromServices] RecordAttendance attendance, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var (guest, created, at) = await attendance.AddGuestAsync(id, name, items, affiliation, publicRole, ct);
            return $"{guest.Name} er gæst ved punkt {string.Join(", ", at.Select(i => i.Number))}." + (created ? " Personen er oprettet i personregistret." : string.Empty);
        }, ct, PathOf(id) + "#deltagelse");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostRemoveGuestAsync(int id, int guest, [FromServices] RecordAttendance attendance, CancellationToken ct) =>
        RunAsync(id, async () => $"{(await attendance.RemoveGuestAsync(id, guest, ct)).Name} er ikke længere gæst ved mødet.", ct, PathOf(id) + "#deltagelse");

    /// <summary>One save for everything: every item's minutes, decision and withdrawal at once.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public async Task<IActionResult> OnPostMinutesAsync(int id, [FromForm] List<MinutesEntry>? entries, bool correctionChecked, CancellationToken ct)
    {
        Sent = (entries ?? []).GroupBy(e => e.ItemId).ToDictionary(g => g.Key, g => g.Last());
        return await RunAsync(id, async () => (await write.ExecuteAsync(id, entries ?? [], correctionChecked, ct)).Count switch
        {
            0 => "Referatet er gemt (alt var allerede gemt som kladde).",
            1 => "Referatet er gemt (1 punkt ændret).",
            var n => $"Referatet er gemt ({n} punkter ændret).",
        }, ct, PathOf(id) + "#referat");
    }

    /// <summary>"Genoptag punktet": takes an item's withdrawal back, so its minutes can be written.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostReinstateItemAsync(int id, int item, CancellationToken ct) =>
        RunAsync(id, async () => $"Punkt {(await write.ReinstateAsync(id, item, ct)).Number} er genoptaget. Skriv referatet til det.", ct, $"{PathOf(id)}#referat-punkt-{item}");

    /// <summary>The script's draft save of one item as the secretary types: JSON with the new version, or 409 with the stored text.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public async Task<IActionResult> OnPostAutosaveAsync(int id, int item, long version, string? minutes, string? decision, string? minutesBase, string? decisionBase, CancellationToken ct)
    {
        if (await Queries.MeetingOrganizationAsync(id, ct) is not { } organization || !User.CanEdit(organization))
        {
            return Forbid();
        }

        try
        {
            var draft = await write.SaveDraftAsync(id, new MinutesEntry(item, version, minutes, decision, MinutesBase: minutesBase, DecisionBase: decisionBase), ct);
            return draft.Conflict is { } conflict
                ? new JsonResult(new
                {
                    conflict = conflict.Stored,
                    yours = conflict.Yours,
                    version = draft.Version,
                    minutes = draft.Minutes ?? string.Empty,
                    decision = draft.Decision ?? string.Empty,
                    minutesBase = MinutesEntry.FieldFingerprint(draft.Minutes),
                    decisionBase = MinutesEntry.FieldFingerprint(draft.Decision),
                }) { StatusCode = StatusCodes.Status409Conflict }
                : new JsonResult(new
                {
                    version = draft.Version,
                    saved = DanishDates.Time(TimeOnly.FromDateTime(Copenhagen.Now(Clock))),
                    minutes = draft.Minutes ?? string.Empty,
                    decision = draft.Decision ?? string.Empty,
                    minutesBase = MinutesEntry.FieldFingerprint(draft.Minutes),
                    decisionBase = MinutesEntry.FieldFingerprint(draft.Decision),
                });
        }
        catch (DomainRuleException e)
        {
            return new JsonResult(new { problem = e.Message }) { StatusCode = StatusCodes.Status400BadRequest };
        }
    }

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostFollowUpAsync(int id, int? item, string? text, int? owner, string? due, bool carry, [FromServices] ManageFollowUps followUps, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var (_, carried, next) = await followUps.AddAsync(id, item, text, owner, DanishInput.OptionalDeadline(due, "Frist", Today), carry, ct);
            return (carried, next) switch
            {
                ({ } c, _) => $"Opfølgningen er oprettet og sat på næste dagsorden som punkt {c.Number}.",
                _ when !carry => "Opfølgningen er oprettet.",
                (null, { State: MeetingState.AgendaPublished } n) =>
                    $"Opfølgningen er oprettet. Dagsordenen til næste møde {DanishDates.Date(n.Date)} er allerede udsendt: \"Sæt på dagsordenen som tillæg\" på det møde sætter den på.",
                (null, { State: MeetingState.Planned } n) => $"Opfølgningen er oprettet og venter på næste dagsorden: \"Udfyld dagsordenen\" på mødet {DanishDates.Date(n.Date)} sætter den på.",
                _ => "Opfølgningen er oprettet og venter på næste dagsorden: \"Udfyld dagsordenen\" på det næste møde sætter den på, når det er planlagt.",
            };
        }, ct, PathOf(id) + "#opfoelgning");

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostHearingAsync(int id, int hearing, string? response, string? submitted, [FromServices] RegisterHearing hearings, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            // Only a hearing of the meeting's own council is answered here (the right checked is to that council's meetings).
            var council = await Queries.MeetingOrganizationAsync(id, ct) ?? 0;
            return $"Høringssvaret til \"{(await hearings.RespondAsync(council, hearing, response, DanishInput.Date(submitted, "Indsendt dato"), ct)).Subject}\" er gemt.";
        }, ct, PathOf(id) + "#referat");

    /// <summary>The privacy check: lists what may be personal data before the minutes are published.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public async Task<IActionResult> OnPostCheckAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        PrivacyFindings = await publish.CheckAsync(id, ct);
        return Page();
    }

    /// <summary>
    /// Publishes the minutes: every finding of the check is redacted ("fjern") or confirmed ("behold"); while the members'
    /// reading of the draft is open, only with "Offentliggør før fristen" ticked. A refusal shows the check's form again,
    /// with her choices.
    /// </summary>
    [StaffRule(StaffRule.RunMeeting)]
    public async Task<IActionResult> OnPostPublishMinutesAsync(int id, [FromForm(Name = "foer-fristen")] bool beforeDeadline, CancellationToken ct)
    {
        var result = await RunAsync(id, async () =>
        {
            var choices = Request.Form.Where(f => f.Key.StartsWith("valg-", StringComparison.Ordinal))
                .Select(f => (Text: PrivacyKey.Decode(f.Key["valg-".Length..]), Choice: f.Value.ToString())).Where(c => c.Text is not null).ToList();
            var removed = await publish.ExecuteAsync(id, choices.Where(c => c.Choice == "fjern").Select(c => c.Text!).ToList(), choices.Where(c => c.Choice == "behold").Select(c => c.Text!).ToList(), beforeDeadline, ct);
            // What happens next (approval at the next meeting) is said once, by the phases panel under the message.
            return removed switch
            {
                0 => "Referatet er offentliggjort som \"ikke godkendt\".",
                1 => "1 oplysning er fjernet, og referatet er offentliggjort som \"ikke godkendt\".",
                _ => $"{removed} oplysninger er fjernet, og referatet er offentliggjort som \"ikke godkendt\".",
            };
        }, ct);
        if (result is PageResult && CanEdit && Meeting is { State: < MeetingState.MinutesPublished })
        {
            PrivacyFindings = await publish.CheckAsync(id, ct);
        }

        return result;
    }

    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostApproveAsync(int id, int previous, [FromServices] ApproveMinutes approve, CancellationToken ct) =>
        RunAsync(id, async () => $"Referatet fra {DanishDates.Date((await approve.ExecuteAsync(id, previous, ct)).Date)} er godkendt under dette møde.", ct);

    /// <summary>Sends the draft minutes to the members for reading, with the deadline for comments.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostSendForReadingAsync(int id, string? deadline, string? message, bool withSubstitutes, bool sendAgain, [FromServices] SendMinutes send, [FromServices] IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var sent = await send.SendForReadingAsync(id, DanishInput.Deadline(deadline, "Frist for kommentarer", Today), message, withSubstitutes, sendAgain, ct);
            return Describe(sent.Queued.Count == 1 ? text["Udkastet sendes til {0} person.", 1] : text["Udkastet sendes til {0} personer.", sent.Queued.Count], sent, text);
        }, ct, PathOf(id) + "#gennemlaesning");

    /// <summary>Sends the published minutes to the members: the PDF and the public link, once each.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostSendMinutesAsync(int id, string? message, bool withSubstitutes, [FromServices] SendMinutes send, [FromServices] IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var sent = await send.SendPublishedAsync(id, message, withSubstitutes, ct);
            return Describe(sent.Queued.Count == 1 ? text["Referatet sendes til {0} person.", 1] : text["Referatet sendes til {0} personer.", sent.Queued.Count], sent, text);
        }, ct, PathOf(id) + "#send-referat");

    /// <summary>Marks a member's comment handled, or open again.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public Task<IActionResult> OnPostCommentHandledAsync(int id, int comment, bool handled, [FromServices] CommentOnMinutes comments, [FromServices] IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var c = await comments.MarkHandledAsync(id, comment, handled, User.Rights(), User.Identity?.Name ?? "?", ct);
            return handled ? text["Kommentaren fra {0} er markeret som behandlet.", c.AuthorName] : text["Kommentaren fra {0} er åben igen.", c.AuthorName];
        }, ct, PathOf(id) + "#referat");

    /// <summary>After every handler that shows the page: the reading round, the comments and what was sent.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Meeting is { } meeting)
        {
            var ct = HttpContext.RequestAborted;
            Review = new MinutesReview(meeting, await reviews.ReadingAsync(meeting.Id, ct), await reviews.CommentsAsync(meeting.Id, ct), Today);
            MinutesSentTo = (await mail.RecipientsAsync(SendMinutes.MinutesKeyPrefix(meeting.Id), ct)).Count;
        }
    }

    /// <summary>The comments on one item, as the workspace shows them beside it.</summary>
    public ItemComments CommentsOn(AgendaItem item) => new(item, Review?.On(item) ?? []);

    private static string Describe(string queued, MinutesSending sent, IStringLocalizer<SharedResource> text)
    {
        var parts = new List<string> { queued };
        if (sent.AlreadySent.Count > 0)
        {
            parts.Add(text["{0} havde den allerede og får den ikke igen.", sent.AlreadySent.Count]);
        }

        if (sent.NotReached.Count > 0)
        {
            parts.Add(text["Ikke nået (ingen e-mailadresse): {0}.", string.Join(", ", sent.NotReached.Select(p => p.Name))]);
        }

        return string.Join(' ', parts);
    }
}

/// <summary>An item's comments in the minutes workspace.</summary>
public sealed record ItemComments(AgendaItem Item, IReadOnlyList<MinutesComment> Comments);
