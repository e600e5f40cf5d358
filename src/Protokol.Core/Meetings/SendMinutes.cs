using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Mail;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Core.Meetings;

/// <summary>Whom minutes were sent to: queued now, had them already, or without an e-mail address.</summary>
public sealed record MinutesSending(IReadOnlyList<Person> Queued, IReadOnlyList<Person> AlreadySent, IReadOnlyList<Person> NotReached);

/// <summary>
/// Use case: the secretary sends the draft minutes to the council's members for reading, with a
/// deadline for comments (the draft as PDF and a link to the members' page), and, once published, the
/// minutes themselves (the PDF and the public link). One e-mail per member, queued in the outbox in the
/// same unit of work; keys name meeting, deadline and member ("minutes-reading:17:20261207:5",
/// "minutes:17:5"), so a second click sends nothing twice and only a new deadline sends the draft again.
/// </summary>
public sealed class SendMinutes(IProtokolStore store, IMailStore mail, IMinutesReviewStore reviews, MemberInvitations members, TimeProvider clock, IMinutesMailWriter? writer = null)
{
    public const string ReadingPurpose = "minutes-reading";
    public const string MinutesPurpose = "minutes";

    private IMinutesMailWriter Writer => writer ?? throw new InvalidOperationException("Minutes e-mails are written by the web host: no IMinutesMailWriter is registered.");

    public static string ReadingKeyPrefix(int meetingId, DateOnly deadline) =>
        $"{ReadingPurpose}:{meetingId.ToString(CultureInfo.InvariantCulture)}:{deadline.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}:";

    public static string MinutesKeyPrefix(int meetingId) => $"{MinutesPurpose}:{meetingId.ToString(CultureInfo.InvariantCulture)}:";

    /// <summary>
    /// Sends the draft for reading with comments open through <paramref name="deadline"/>. Once sent, a
    /// different deadline is refused unless <paramref name="sendAgain"/>: then the deadline moves and
    /// everyone gets the draft again with the new one.
    /// </summary>
    public async Task<MinutesSending> SendForReadingAsync(int meetingId, DateOnly deadline, string? message, bool withSubstitutes, bool sendAgain, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke.");
        if (meeting.State != MeetingState.MinutesDrafted)
        {
            throw new DomainRuleException(meeting.State switch
            {
                < MeetingState.Held => "Referatet skrives, når mødet er holdt.",
                MeetingState.Held => "Skriv referatet, før det sendes til gennemlæsning.",
                _ => "Referatet er offentliggjort; send det offentliggjorte referat i stedet.",
            });
        }

        var today = Copenhagen.Today(clock);
        if (deadline < today)
        {
            throw new DomainRuleException($"Fristen for kommentarer ({DanishDates.Date(deadline)}) ligger før i dag.");
        }

        var note = Guard.OptionalText(message, "Besked til medlemmerne", 4000);
        var now = clock.GetUtcNow().UtcDateTime;
        var reading = await reviews.ReadingAsync(meetingId, cancellationToken);
        if (reading is null)
        {
            store.Add(new MinutesReading(meeting, deadline, note, now));
        }
        else if (reading.Deadline != deadline)
        {
            if (!sendAgain)
            {
                throw new DomainRuleException($"Udkastet er allerede sendt med frist {DanishDates.Date(reading.Deadline)}. Sæt kryds ved \"Send udkastet igen med den nye frist\" for at sende det igen.");
            }

            reading.SentAgain(deadline, note, now);
        }

        var pdf = await Writer.DraftMinutesPdfAsync(meetingId, cancellationToken);
        var link = Writer.ReviewPage(meetingId);
        var prefix = ReadingKeyPrefix(meetingId, deadline);
        var result = await QueueAsync(meeting, prefix, withSubstitutes, (person, address) => new OutgoingMail(
                prefix + person.Id.ToString(CultureInfo.InvariantCulture), ReadingPurpose, address, person.Name,
                $"Udkast til referat: {What(meeting)} {DanishDates.Date(meeting.Date)}",
                $"""
                {Mail.MailOpening.For(person.Name, note)}Hermed udkastet til referatet af mødet i {What(meeting)}, {DanishDates.MeetingTime(meeting.Date, meeting.StartTime, meeting.EndTime)}, til gennemlæsning.
                Kommentér punkterne på portalen senest {DanishDates.LongDate(deadline)}:
                {link}

                Udkastet er vedhæftet som PDF. Lukkede punkter står kun på portalen, hvor du logger ind.
                Referatet er ikke offentligt, før sekretariatet offentliggør det.
                """,
                now, meeting.OrganizationId)
            .Attach(FileName("udkast-referat", meeting), "application/pdf", pdf), cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Sends the published minutes: the PDF as the public sees it and the public link, once per member.</summary>
    public async Task<MinutesSending> SendPublishedAsync(int meetingId, string? message, bool withSubstitutes, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke.");
        if (meeting.State < MeetingState.MinutesPublished)
        {
            throw new DomainRuleException("Offentliggør referatet, før det sendes til medlemmerne.");
        }

        var note = Guard.OptionalText(message, "Besked til medlemmerne", 4000);
        var pdf = await Writer.MinutesPdfAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Referatet er ikke offentligt endnu.");
        var link = Writer.MeetingPage(meetingId);
        var now = clock.GetUtcNow().UtcDateTime;
        var prefix = MinutesKeyPrefix(meetingId);
        var result = await QueueAsync(meeting, prefix, withSubstitutes, (person, address) => new OutgoingMail(
                prefix + person.Id.ToString(CultureInfo.InvariantCulture), MinutesPurpose, address, person.Name,
                $"Referat: {What(meeting)} {DanishDates.Date(meeting.Date)}",
                $"""
                {Mail.MailOpening.For(person.Name, note)}Referatet af mødet i {What(meeting)}, {DanishDates.MeetingTime(meeting.Date, meeting.StartTime, meeting.EndTime)}, er offentliggjort.
                Det er vedhæftet som PDF og findes også på portalen:
                {link}

                Referatet godkendes på næste møde.
                """,
                now, meeting.OrganizationId)
            .Attach(FileName("referat", meeting), "application/pdf", pdf), cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        return result;
    }

    private async Task<MinutesSending> QueueAsync(Meeting meeting, string keyPrefix, bool withSubstitutes, Func<Person, string, OutgoingMail> write, CancellationToken cancellationToken)
    {
        var sent = (await mail.RecipientsAsync(keyPrefix, cancellationToken)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        List<Person> queued = [], already = [], notReached = [];
        foreach (var seat in await members.RecipientsAsync(meeting, withSubstitutes, cancellationToken))
        {
            var person = seat.Person;
            if (sent.Contains(keyPrefix + person.Id.ToString(CultureInfo.InvariantCulture)))
            {
                already.Add(person);
            }
            else if (seat.Address is not { } address)
            {
                notReached.Add(person);
            }
            else if (await mail.EnqueueAsync(write(person, address), cancellationToken))
            {
                queued.Add(person);
            }
            else
            {
                already.Add(person);
            }
        }

        return new MinutesSending(queued, already, notReached);
    }

    private static string What(Meeting meeting) => meeting.Caption;

    private static string FileName(string what, Meeting meeting) =>
        $"{what}-{meeting.Organization.Slug}-{meeting.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf";
}
