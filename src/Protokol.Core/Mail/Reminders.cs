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
/// and one when it is overdue; an owner Protokol has no address for is reminded through the council's
/// secretaries instead. A council's secretaries get one for each unanswered hearing whose deadline is
/// within <see cref="ReminderSettings.HearingDays"/> days, and one more the first days after a deadline
/// passed unanswered (not for hearings long past, such as imported ones). The outbox key names the
/// follow-up or hearing, the threshold, the date it is about and the recipient, so each is sent once
/// whatever restarts, and a moved due date or a new owner is reminded anew.
/// </summary>
public sealed class Reminders(IReminderQueries queries, IMailStore mail, TimeProvider clock)
{
    public const string FollowUpPurpose = "reminder-followup";
    public const string HearingPurpose = "reminder-hearing";

    /// <summary>A hearing whose deadline passed unanswered is reminded once within this many days after it.</summary>
    public const int OverdueHearingDays = 7;

    /// <summary>Queues what is due and saves; returns how many messages were queued now.</summary>
    /// <param name="settings">The thresholds.</param>
    /// <param name="site">The portal's public address, for the links.</param>
    /// <param name="cancellationToken">Cancels the round.</param>
    public async Task<int> QueueDueAsync(ReminderSettings settings, Uri site, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Copenhagen.Today(clock);
        var queued = 0;

        var followUps = await queries.OpenFollowUpsDueByAsync(today.AddDays(Math.Max(0, settings.FollowUpDays)), cancellationToken);
        var hearings = await queries.OpenHearingsDueAsync(today.AddDays(-OverdueHearingDays), today.AddDays(Math.Max(0, settings.HearingDays)), cancellationToken);
        var unreachable = followUps.Where(f => !Reachable(f)).ToList();
        var councils = unreachable.Select(f => f.OrganizationId).Concat(hearings.Select(h => h.OrganizationId)).Distinct().ToList();
        var secretaries = councils.Count == 0
            ? new Dictionary<int, IReadOnlyList<SecretaryAddress>>()
            : await queries.SecretariesAsync(councils, cancellationToken);

        foreach (var f in followUps)
        {
            var overdue = f.Due < today;
            if (f.OwnerEmail is not { } address || !MailAddressRules.IsValid(address))
            {
                queued += await RemindSecretariesOfAsync(f, overdue, secretaries, site, now, cancellationToken);
                continue;
            }

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
            if (await mail.EnqueueAsync(new OutgoingMail(key, FollowUpPurpose, address, f.OwnerName, subject, text, now, f.OrganizationId), cancellationToken))
            {
                queued++;
            }
        }

        foreach (var h in hearings)
        {
            if (!secretaries.TryGetValue(h.OrganizationId, out var recipients))
            {
                continue;
            }

            var days = h.Deadline.DayNumber - today.DayNumber;
            var passed = days < 0;
            var when = days switch
            {
                0 => "i dag",
                1 => "i morgen",
                _ => $"om {days.ToString(CultureInfo.InvariantCulture)} dage",
            };
            var link = new Uri(site, h.MeetingId is { } meeting ? $"admin/moeder/{Id(meeting)}/referat#svar-{Id(h.Id)}" : $"admin/hoeringer#hoering-{Id(h.Id)}");
            var subject = passed
                ? $"Høringsfristen er overskredet: {h.Subject}"
                : $"Påmindelse: høringsfrist {DanishDates.Date(h.Deadline)} – {h.Subject}";
            var from = h.Sender is null ? string.Empty : $" fra {h.Sender}";
            var state = passed
                ? $"Høringen «{h.Subject}»{from} havde frist {DanishDates.LongDate(h.Deadline)}, og {h.OrganizationName} har ikke afgivet høringssvar. Afgiv det, hvis afsenderen stadig tager imod det, eller registrér at rådet ikke svarer, så høringen ikke står åben."
                : $"Høringen «{h.Subject}»{from} har frist {DanishDates.LongDate(h.Deadline)} ({when}), og {h.OrganizationName} har endnu ikke afgivet høringssvar.";
            foreach (var secretary in recipients)
            {
                var text = $"""
                    Kære {secretary.Name}

                    {state}

                    Skriv svaret, eller registrér at rådet ikke svarer:
                    {link}

                    Venlig hilsen
                    Protokol
                    """;
                var key = passed
                    ? $"reminder:hearing-overdue:{h.Id}:{Iso(h.Deadline)}:{secretary.AccountId}"
                    : $"reminder:hearing:{h.Id}:{Iso(h.Deadline)}:{secretary.AccountId}";
                if (await mail.EnqueueAsync(new OutgoingMail(key, HearingPurpose, secretary.Email, secretary.Name, subject, text, now, h.OrganizationId), cancellationToken))
                {
                    queued++;
                }
            }
        }

        await mail.SaveChangesAsync(cancellationToken);
        return queued;
    }

    private static bool Reachable(FollowUpReminderRow f) => f.OwnerEmail is { } address && MailAddressRules.IsValid(address);

    /// <summary>The owner cannot be e-mailed: the council's secretaries are asked to pass the reminder on (or add the address).</summary>
    private async Task<int> RemindSecretariesOfAsync(FollowUpReminderRow f, bool overdue, IReadOnlyDictionary<int, IReadOnlyList<SecretaryAddress>> secretaries, Uri site, DateTime now, CancellationToken cancellationToken)
    {
        if (!secretaries.TryGetValue(f.OrganizationId, out var recipients))
        {
            return 0;
        }

        var queued = 0;
        var link = new Uri(site, $"admin/opfoelgninger/{Id(f.Id)}");
        var subject = overdue
            ? $"Fristen er overskredet: {f.OwnerName}s opfølgning i {f.OrganizationName}"
            : $"Påmindelse til {f.OwnerName}: opfølgning i {f.OrganizationName} har frist {DanishDates.Date(f.Due)}";
        var lead = overdue
            ? $"{f.OwnerName} er ansvarlig for denne opfølgning, hvis frist var {DanishDates.LongDate(f.Due)}, og den er ikke markeret som udført:"
            : $"{f.OwnerName} er ansvarlig for denne opfølgning, som har frist {DanishDates.LongDate(f.Due)}:";
        foreach (var secretary in recipients)
        {
            var text = $"""
                Kære {secretary.Name}

                {lead}

                {f.Text}

                Protokol har ingen e-mailadresse til {f.OwnerName}, så påmindelsen går til rådets sekretær. Giv den videre, eller tilføj en e-mailadresse i registret, så kommer påmindelserne direkte frem næste gang:
                {link}

                Venlig hilsen
                Protokol
                """;
            var key = $"reminder:{(overdue ? "followup-overdue" : "followup-soon")}:{f.Id}:{Iso(f.Due)}:{f.OwnerId}:secretary-{secretary.AccountId}";
            if (await mail.EnqueueAsync(new OutgoingMail(key, FollowUpPurpose, secretary.Email, secretary.Name, subject, text, now, f.OrganizationId), cancellationToken))
            {
                queued++;
            }
        }

        return queued;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
