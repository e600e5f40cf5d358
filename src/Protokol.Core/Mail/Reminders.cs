using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Text;

namespace Protokol.Core.Mail;

/// <summary>How far ahead the reminders look.</summary>
/// <param name="FollowUpDays">A follow-up's owner is reminded this many days before its due date (and once more when it is overdue).</param>
/// <param name="HearingDays">The secretaries are reminded of an unanswered hearing whose deadline is this many days away or less.</param>
public sealed record ReminderSettings(int FollowUpDays = 7, int HearingDays = 14);

/// <summary>
/// Use case: the reminders that are due today (Copenhagen) go into the outbox. A follow-up's owner
/// gets one e-mail when its due date is <see cref="ReminderSettings.FollowUpDays"/> days away or less,
/// and one when it is overdue; a council's secretaries get one for each unanswered hearing whose
/// deadline is within <see cref="ReminderSettings.HearingDays"/> days. The outbox key names the
/// follow-up or hearing, the threshold, the date it is about and the recipient, so each is sent once
/// whatever restarts, and a moved due date or a new owner is reminded anew.
/// </summary>
public sealed class Reminders(IReminderQueries queries, IMailStore mail, TimeProvider clock)
{
    public const string FollowUpPurpose = "reminder-followup";
    public const string HearingPurpose = "reminder-hearing";

    /// <summary>Queues what is due and saves; returns how many messages were queued now.</summary>
    /// <param name="settings">The thresholds.</param>
    /// <param name="site">The portal's public address, for the links.</param>
    /// <param name="cancellationToken">Cancels the round.</param>
    public async Task<int> QueueDueAsync(ReminderSettings settings, Uri site, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Copenhagen.Today(clock);
        var queued = 0;

        foreach (var f in await queries.OpenFollowUpsDueByAsync(today.AddDays(Math.Max(0, settings.FollowUpDays)), cancellationToken))
        {
            if (f.OwnerEmail is null || !MailAddressRules.IsValid(f.OwnerEmail))
            {
                continue;
            }

            var overdue = f.Due < today;
            var key = $"reminder:{(overdue ? "followup-overdue" : "followup-soon")}:{f.Id}:{Iso(f.Due)}:{f.OwnerId}";
            var link = new Uri(site, $"medlem#opfoelgning-{Id(f.Id)}");
            var subject = overdue
                ? $"Fristen er overskredet: opfølgning i {f.OrganizationName}"
                : $"Påmindelse: opfølgning i {f.OrganizationName} har frist {DanishDates.Date(f.Due)}";
            var lead = overdue
                ? $"Fristen for denne opfølgning i {f.OrganizationName} var {DanishDates.LongDate(f.Due)}, og den er ikke markeret som udført:"
                : $"Du er ansvarlig for denne opfølgning i {f.OrganizationName}, som har frist {DanishDates.LongDate(f.Due)}:";
            var text = $"""
                Kære {f.OwnerName}

                {lead}

                {f.Text}

                Når den er klaret, kan du markere den som udført med en kort bemærkning på din side i Protokol:
                {link}

                Er fristen ikke længere rigtig, så giv rådets sekretær besked.

                Venlig hilsen
                {f.OrganizationName}
                """;
            if (await mail.EnqueueAsync(new OutgoingMail(key, FollowUpPurpose, f.OwnerEmail, f.OwnerName, subject, text, now, f.OrganizationId), cancellationToken))
            {
                queued++;
            }
        }

        var hearings = await queries.OpenHearingsDueAsync(today, today.AddDays(Math.Max(0, settings.HearingDays)), cancellationToken);
        var secretaries = hearings.Count == 0
            ? new Dictionary<int, IReadOnlyList<SecretaryAddress>>()
            : await queries.SecretariesAsync(hearings.Select(h => h.OrganizationId).Distinct().ToList(), cancellationToken);
        foreach (var h in hearings)
        {
            if (!secretaries.TryGetValue(h.OrganizationId, out var recipients))
            {
                continue;
            }

            var days = h.Deadline.DayNumber - today.DayNumber;
            var when = days switch
            {
                0 => "i dag",
                1 => "i morgen",
                _ => $"om {days.ToString(CultureInfo.InvariantCulture)} dage",
            };
            var link = new Uri(site, h.MeetingId is { } meeting ? $"admin/moeder/{Id(meeting)}/referat#svar-{Id(h.Id)}" : $"admin/hoeringer#hoering-{Id(h.Id)}");
            var subject = $"Påmindelse: høringsfrist {DanishDates.Date(h.Deadline)} – {h.Subject}";
            var from = h.Sender is null ? string.Empty : $" fra {h.Sender}";
            foreach (var secretary in recipients)
            {
                var text = $"""
                    Kære {secretary.Name}

                    Høringen «{h.Subject}»{from} har frist {DanishDates.LongDate(h.Deadline)} ({when}), og {h.OrganizationName} har endnu ikke afgivet høringssvar.

                    Skriv svaret, eller registrér at rådet ikke svarer:
                    {link}

                    Venlig hilsen
                    Protokol
                    """;
                var key = $"reminder:hearing:{h.Id}:{Iso(h.Deadline)}:{secretary.AccountId}";
                if (await mail.EnqueueAsync(new OutgoingMail(key, HearingPurpose, secretary.Email, secretary.Name, subject, text, now, h.OrganizationId), cancellationToken))
                {
                    queued++;
                }
            }
        }

        await mail.SaveChangesAsync(cancellationToken);
        return queued;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
