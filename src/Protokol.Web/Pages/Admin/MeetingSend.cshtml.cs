using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Web.BackOffice;
using Protokol.Web.Mail;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// "Send dagsordenen": the published agenda to the council's members (substitutes by choice) with a
/// short message, one e-mail each with the PDF, the portal link, the calendar invitation and the
/// answer links. The page lists whom it reached, who has it already and who has no address.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[StaffRule(StaffRule.RunMeeting)]
public sealed class MeetingSendModel(IProtokolStore store, IBackOfficeQueries queries, TimeProvider clock, MemberInvitations invitations, IMailStore mail, IOptions<MailOptions> options, IStringLocalizer<SharedResource> text)
    : MeetingPageBase(store, queries, clock)
{
    /// <summary>The members (and substitutes) on the meeting's day, with what was sent to each.</summary>
    public IReadOnlyList<(MemberRecipient Seat, MailRecipient? Sent)> Rows { get; private set; } = [];

    /// <summary>Those who got the agenda by e-mail, each with the items added after publication they have not been sent.</summary>
    public IReadOnlyList<SupplementDue> Supplements { get; private set; } = [];

    public bool MailConfigured => options.Value.IsConfigured;

    [BindProperty]
    public string? SupplementMessage { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public bool WithSubstitutes { get; set; }

    protected override string PathOf(int meetingId) => $"/admin/moeder/{meetingId}/udsend";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var result = await LoadAsync(id, ct);
        if (result is not null)
        {
            return result;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadRowsAsync(ct);
        return Page();
    }

    [StaffRule(StaffRule.RunMeeting)]
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var page = await RunAsync(id, async () =>
        {
            var sent = await invitations.SendAgendaAsync(id, Message, WithSubstitutes, ct);
            var parts = new List<string> { sent.Queued.Count == 1 ? text["Dagsordenen sendes til {0} person.", 1] : text["Dagsordenen sendes til {0} personer.", sent.Queued.Count] };
            if (sent.AlreadySent.Count > 0)
            {
                parts.Add(text["{0} havde den allerede og får den ikke igen.", sent.AlreadySent.Count]);
            }

            if (sent.NotReached.Count > 0)
            {
                parts.Add(text["Ikke nået (ingen e-mailadresse): {0}.", string.Join(", ", sent.NotReached.Select(p => p.Name))]);
            }

            return string.Join(' ', parts);
        }, ct);
        if (Meeting is not null)
        {
            await LoadRowsAsync(ct);
        }

        return page;
    }

    /// <summary>"Send tillægget": the items added after the agenda was sent, to those who got it.</summary>
    [StaffRule(StaffRule.RunMeeting)]
    public async Task<IActionResult> OnPostSupplementAsync(int id, CancellationToken ct)
    {
        var page = await RunAsync(id, async () =>
        {
            var sent = await invitations.SendAddedItemsAsync(id, SupplementMessage, ct);
            var parts = new List<string> { text["Tillægget sendes til {0}.", string.Join(", ", sent.Queued)] };
            if (sent.UpToDate > 0)
            {
                parts.Add(text["{0} kendte allerede alle punkterne og får det ikke.", sent.UpToDate]);
            }

            return string.Join(' ', parts);
        }, ct);
        if (Meeting is not null)
        {
            await LoadRowsAsync(ct);
        }

        return page;
    }

    private async Task LoadRowsAsync(CancellationToken ct)
    {
        Supplements = await invitations.SupplementsDueAsync(Meeting!, ct);
        var sent = (await mail.RecipientsAsync($"agenda:{Meeting!.Id}:", ct)).ToDictionary(r => r.Key, StringComparer.Ordinal);
        Rows = (await invitations.RecipientsAsync(Meeting, withSubstitutes: true, ct))
            .Select(m => (m, sent.GetValueOrDefault($"agenda:{Meeting.Id}:{m.PersonId}")))
            .ToList();
    }
}
