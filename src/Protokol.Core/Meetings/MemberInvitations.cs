using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Mail;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Core.Meetings;

/// <summary>Who was invited and who could not be: the answer to "Send dagsordenen".</summary>
/// <param name="Queued">Members a message was queued for now.</param>
/// <param name="AlreadySent">Members who had it already (a second click sends nothing twice).</param>
/// <param name="NotReached">Members without an e-mail address.</param>
public sealed record AgendaSending(IReadOnlyList<Person> Queued, IReadOnlyList<Person> AlreadySent, IReadOnlyList<Person> NotReached);

/// <summary>
/// One member a meeting's mail goes to, with the address it goes to: the person's own, else the address of the
/// back-office account linked to them (as the reminders do); null when neither is a usable address.
/// </summary>
public sealed record MemberRecipient(Membership Seat, string? Address)
{
    public Person Person => Seat.Person;

    public int PersonId => Seat.PersonId;
}

/// <summary>Who is told of the items added after the agenda was sent (<see cref="MemberInvitations.SendAddedItemsAsync"/>).</summary>
/// <param name="Queued">The people a supplement was queued for now, by name.</param>
/// <param name="UpToDate">How many of those who got the agenda know every added item already.</param>
public sealed record SupplementSending(IReadOnlyList<string> Queued, int UpToDate);

/// <summary>Where the supplement of a published agenda stands, for the meeting's page.</summary>
/// <param name="Due">Someone who got the agenda by e-mail has not been told of an item added after publication.</param>
/// <param name="LastSent">When the last supplement was queued (UTC), or null when none was.</param>
public sealed record SupplementStatus(bool Due, DateTime? LastSent);

/// <summary>Someone who got the agenda by e-mail, and the items added after publication they have not been sent.</summary>
public sealed record SupplementDue(int PersonId, string Name, string Address, IReadOnlyList<AgendaItem> Untold);

/// <summary>
/// Use case: the secretary sends the published agenda to the council's members (and substitutes, by
/// choice), one e-mail each with the agenda as PDF, the public page's link, an iCalendar invitation
/// and the signed answer links; later moves and cancellations of the meeting go to the same members as
/// an updated invitation or a cancellation. Every message is queued in the outbox in the unit of work
/// of the action, keyed by meeting, schedule version and person, so nothing is sent twice.
/// </summary>
/// <remarks>
/// The <see cref="IMeetingInvitationWriter"/> comes from the web host; hosts without one (the command
/// line, the data tests) still move and cancel meetings, as long as no agenda was sent by e-mail.
/// </remarks>
public sealed class MemberInvitations(IProtokolStore store, IMailStore mail, IBackOfficeQueries queries, TimeProvider clock, IMeetingInvitationWriter? writer = null)
{
    private IMeetingInvitationWriter Writer => writer ?? throw new InvalidOperationException("Invitations are written by the web host: no IMeetingInvitationWriter is registered.");

    public const string AgendaPurpose = "agenda";
    public const string UpdatePurpose = "meeting-update";
    public const string CancelPurpose = "meeting-cancel";
    public const string SupplementPurpose = "agenda-supplement";

    private static readonly MembershipRole[] MemberRoles = [MembershipRole.Chair, MembershipRole.ViceChair, MembershipRole.Member];

    /// <summary>
    /// The people a meeting's member mail goes to (agenda, minutes for reading, published minutes; the supplement, change
    /// and cancellation follow the agenda's addresses): the members on the meeting's day, and the substitutes when chosen,
    /// each with the address to use, the person's own or else their linked account's.
    /// </summary>
    public async Task<IReadOnlyList<MemberRecipient>> RecipientsAsync(Meeting meeting, bool withSubstitutes, CancellationToken cancellationToken)
    {
        var seats = (await queries.MembersOnAsync(meeting.OrganizationId, meeting.Date, cancellationToken))
            .Where(m => MemberRoles.Contains(m.Role) || (withSubstitutes && m.Role == MembershipRole.Substitute))
            .DistinctBy(m => m.PersonId)
            .ToList();
        var missing = seats.Where(m => Usable(m.Person.Email) is null).Select(m => m.PersonId).ToList();
        var accounts = missing.Count == 0 ? new Dictionary<int, string>() : await queries.LinkedAccountAddressesAsync(missing, cancellationToken);
        return seats.Select(m => new MemberRecipient(m, Usable(m.Person.Email) ?? Usable(accounts.GetValueOrDefault(m.PersonId)))).ToList();
    }

    /// <summary>
    /// The agenda mail's word on its closed items (their title only is in the public PDF): where a member with an account reads
    /// their text and attachments, or that the secretariat has them. Empty (no line) when every item is public.
    /// </summary>
    internal static string ClosedItemsNote(IReadOnlyList<string> closedNumbers, Uri? memberPage)
    {
        if (closedNumbers.Count == 0)
        {
            return string.Empty;
        }

        var items = closedNumbers.Count == 1
            ? $"Punkt {closedNumbers[0]} er lukket: sagsfremstillingen og bilagene"
            : $"Punkterne {string.Join(", ", closedNumbers.Take(closedNumbers.Count - 1))} og {closedNumbers[^1]} er lukkede: sagsfremstillingerne og bilagene";
        return memberPage is null
            ? $"\n\n{items} står ikke i PDF'en. Kontakt sekretariatet for at læse dem."
            : $"\n\n{items} står ikke i PDF'en. Du kan læse dem på Min side, når du er logget ind:\n{memberPage}";
    }

    /// <summary>The people the agenda was sent to, by person id.</summary>
    /// <summary>
    /// After the meeting's day the agenda is no invitation: its "Jeg kommer" and "Jeg melder afbud" links answer for a meeting that
    /// has been, and would be refused. Sending it is refused with what to do instead.
    /// </summary>
    private void RefuseAfterTheMeeting(Meeting meeting)
    {
        if (meeting.Date < Copenhagen.Today(clock))
        {
            throw new DomainRuleException(
                $"Mødet var {DanishDates.Date(meeting.Date)}; dagsordenen sendes ikke efter mødet, for medlemmerne kan ikke længere svare på den. Registrér fremmødet og skriv referatet under \"Referat\".");
        }
    }

    public async Task<IReadOnlySet<int>> InvitedAsync(int meetingId, CancellationToken cancellationToken) =>
        (await mail.RecipientsAsync(AgendaKeyPrefix(meetingId), cancellationToken)).Select(r => PersonOf(r.Key)).ToHashSet();

    public async Task<AgendaSending> SendAgendaAsync(int meetingId, string? message, bool withSubstitutes, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke.");
        if (meeting.IsCancelled)
        {
            throw new DomainRuleException("Mødet er aflyst; dagsordenen sendes ikke.");
        }

        if (meeting.State != MeetingState.AgendaPublished)
        {
            throw new DomainRuleException(meeting.State == MeetingState.Planned
                ? "Offentliggør dagsordenen, før den sendes til medlemmerne."
                : "Mødet er holdt; dagsordenen sendes ikke længere.");
        }

        RefuseAfterTheMeeting(meeting);

        var note = Guard.OptionalText(message, "Besked til medlemmerne", 4000);
        var pdf = await Writer.AgendaPdfAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Dagsordenen er ikke offentlig endnu.");
        var invited = await InvitedAsync(meetingId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        List<Person> queued = [], already = [], notReached = [];
        var recipients = await RecipientsAsync(meeting, withSubstitutes, cancellationToken);

        // The PDF is the public agenda: a closed item's title only. Who has an account reads the rest on their own page.
        var closed = meeting.Items.Where(i => !i.IsPublic && !i.Withdrawn).OrderBy(i => i.Position).Select(i => i.Number).ToList();
        var withAccount = closed.Count == 0 ? new HashSet<int>()
            : await queries.PeopleWithAccessAsync(recipients.Select(r => r.PersonId).ToList(), meeting.OrganizationId, cancellationToken);
        foreach (var member in recipients)
        {
            var person = member.Person;
            if (invited.Contains(person.Id))
            {
                already.Add(person);
                continue;
            }

            if (member.Address is not { } address)
            {
                notReached.Add(person);
                continue;
            }

            var links = Writer.AnswerLinks(meeting, person.Id);
            var text = $"""
                {Mail.MailOpening.For(person.Name, note)}Hermed dagsordenen til {What(meeting)}, {DanishDates.MeetingTime(meeting.Date, meeting.StartTime, meeting.EndTime)}{Place(meeting)}.
                Dagsordenen er vedhæftet som PDF og findes også på portalen:
                {Writer.MeetingPage(meeting.Id)}{ClosedItemsNote(closed, withAccount.Contains(person.Id) ? Writer.MemberMeetingPage(meeting.Id) : null)}

                Svar her (linket åbner en side, hvor du bekræfter dit svar; linkene gælder til mødets slutning):
                Jeg kommer: {links.Attending}
                Jeg melder afbud: {links.Apologies}

                Invitationen kan lægges i din kalender; flyttes eller aflyses mødet, får du besked.
                """;
            var invitation = new OutgoingMail(AgendaKeyPrefix(meeting.Id) + person.Id.ToString(CultureInfo.InvariantCulture), AgendaPurpose, address, person.Name,
                    $"Dagsorden: {What(meeting)} {DanishDates.Date(meeting.Date)}", text, now, meeting.OrganizationId)
                .Attach(AgendaFileName(meeting), "application/pdf", pdf)
                .Invite(Writer.Calendar(meeting, InvitationMethod.Request, address, person.Name), "REQUEST");
            if (await mail.EnqueueAsync(invitation, cancellationToken))
            {
                queued.Add(person);
            }
            else
            {
                already.Add(person);
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return new AgendaSending(queued, already, notReached);
    }

    /// <summary>
    /// Who got the agenda by e-mail, each with the items added after its publication
    /// (<see cref="AgendaItem.AddedAfterPublication"/>) that were added after their agenda or their last supplement was
    /// queued; so someone who got the agenda after an item was added is not told of it again.
    /// </summary>
    public async Task<IReadOnlyList<SupplementDue>> SupplementsDueAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var added = meeting.ItemsInOrder.Where(i => i.AddedAfterPublication).ToList();
        var agendas = await mail.RecipientsAsync(AgendaKeyPrefix(meeting.Id), cancellationToken);
        if (added.Count == 0 || agendas.Count == 0)
        {
            return [];
        }

        var supplements = await mail.RecipientsAsync(SupplementKeyPrefix(meeting.Id), cancellationToken);
        var toldAt = agendas.Concat(supplements)
            .GroupBy(r => PersonOf(r.Key))
            .ToDictionary(g => g.Key, g => g.Max(r => r.Created));
        return agendas.DistinctBy(r => PersonOf(r.Key))
            .Select(r => new SupplementDue(PersonOf(r.Key), r.ToName ?? r.ToAddress, r.ToAddress, added.Where(i => i.Created > toldAt[PersonOf(r.Key)]).ToList()))
            .ToList();
    }

    /// <summary>Whether a supplement is due (<see cref="SupplementsDueAsync"/>) and when the last one was queued.</summary>
    public async Task<SupplementStatus> SupplementStatusAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var due = await SupplementsDueAsync(meeting, cancellationToken);
        var sent = await mail.RecipientsAsync(SupplementKeyPrefix(meeting.Id), cancellationToken);
        return new SupplementStatus(due.Any(d => d.Untold.Count > 0), sent.Count == 0 ? null : sent.Max(r => r.Created));
    }

    /// <summary>
    /// "Send tillægget": everyone who got the agenda by e-mail and has not been told of every item added since gets one
    /// e-mail naming those items, with the agenda's PDF as it is now. Keyed by the last item it names, so a second click
    /// sends nothing twice.
    /// </summary>
    public async Task<SupplementSending> SendAddedItemsAsync(int meetingId, string? message, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke.");
        if (meeting.IsCancelled || meeting.State != MeetingState.AgendaPublished)
        {
            throw new DomainRuleException("Tillæg til dagsordenen sendes, mens dagsordenen er offentliggjort og mødet ikke er holdt eller aflyst.");
        }

        RefuseAfterTheMeeting(meeting);

        var note = Guard.OptionalText(message, "Besked til medlemmerne", 4000);
        var due = await SupplementsDueAsync(meeting, cancellationToken);
        if (!due.Any(d => d.Untold.Count > 0))
        {
            throw new DomainRuleException(due.Count == 0
                ? "Dagsordenen er ikke sendt til nogen, eller der er ikke tilføjet punkter efter udsendelsen."
                : "Alle, der har fået dagsordenen, har fået besked om de tilføjede punkter.");
        }

        var pdf = await Writer.AgendaPdfAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Dagsordenen er ikke offentlig endnu.");
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = new List<string>();

        // As the agenda mail: a closed item added is named with where its text is read (the PDF has its title only).
        var withAccount = !due.Any(d => d.Untold.Any(i => !i.IsPublic && !i.Withdrawn)) ? new HashSet<int>()
            : await queries.PeopleWithAccessAsync(due.Select(d => d.PersonId).ToList(), meeting.OrganizationId, cancellationToken);
        foreach (var person in due.Where(d => d.Untold.Count > 0))
        {
            var items = string.Join("\n", person.Untold.Select(i => $"{i.Number}. {i.Title}"));
            var closed = person.Untold.Where(i => !i.IsPublic && !i.Withdrawn).OrderBy(i => i.Position).Select(i => i.Number).ToList();
            var text = $"""
                {Mail.MailOpening.For(person.Name, note)}Der er kommet {(person.Untold.Count == 1 ? "et punkt" : $"{person.Untold.Count} punkter")} på dagsordenen til {What(meeting)}, {DanishDates.MeetingTime(meeting.Date, meeting.StartTime, meeting.EndTime)}{Place(meeting)}, efter at den blev sendt:
                {items}

                Den opdaterede dagsorden er vedhæftet som PDF og findes også på portalen:
                {Writer.MeetingPage(meeting.Id)}{ClosedItemsNote(closed, withAccount.Contains(person.PersonId) ? Writer.MemberMeetingPage(meeting.Id) : null)}
                """;
            var key = $"{SupplementKeyPrefix(meeting.Id)}{person.Untold.Max(i => i.Id).ToString(CultureInfo.InvariantCulture)}:{person.PersonId.ToString(CultureInfo.InvariantCulture)}";
            var supplement = new OutgoingMail(key, SupplementPurpose, person.Address, person.Name,
                    $"Tillæg til dagsordenen: {What(meeting)} {DanishDates.Date(meeting.Date)}", text, now, meeting.OrganizationId)
                .Attach(AgendaFileName(meeting), "application/pdf", pdf);
            if (await mail.EnqueueAsync(supplement, cancellationToken))
            {
                queued.Add(person.Name);
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return new SupplementSending(queued, due.Count(d => d.Untold.Count == 0));
    }

    /// <summary>
    /// Called by the move and cancel use cases before they save: when the agenda was sent and the
    /// meeting's schedule changed, queues the updated invitation (a moved or reinstated meeting) or the
    /// cancellation to everyone it was sent to. Returns how many were queued.
    /// </summary>
    /// <param name="meeting">The meeting, moved, reinstated or cancelled, not yet saved.</param>
    /// <param name="cancellationToken">Cancels the queuing.</param>
    /// <param name="before">The meeting's time before a move, told beside the new one.</param>
    /// <param name="answersForgotten">The move forgot the answers given: everyone is asked to answer again.</param>
    public async Task<int> QueueChangeAsync(Meeting meeting, CancellationToken cancellationToken, string? before = null, bool answersForgotten = false)
    {
        var recipients = (await mail.RecipientsAsync(AgendaKeyPrefix(meeting.Id), cancellationToken)).DistinctBy(r => r.Key).ToList();
        if (recipients.Count == 0 || meeting.ScheduleVersion == 0)
        {
            return 0;
        }

        var method = meeting.IsCancelled ? InvitationMethod.Cancel : InvitationMethod.Request;
        var purpose = meeting.IsCancelled ? CancelPurpose : UpdatePurpose;
        var now = clock.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var recipient in recipients)
        {
            var personId = PersonOf(recipient.Key);
            var name = recipient.ToName ?? recipient.ToAddress;
            string subject, text;
            if (meeting.IsCancelled)
            {
                subject = $"Aflyst: {What(meeting)} {DanishDates.Date(meeting.Date)}";
                text = $"""
                    Kære {name}

                    Mødet i {What(meeting)}, {DanishDates.MeetingTime(meeting.Date, meeting.StartTime, meeting.EndTime)}, er aflyst.{(meeting.CancellationReason is { } reason ? "\n" + reason : string.Empty)}
                    {Writer.MeetingPage(meeting.Id)}

                    Aflysningen fjerner mødet fra din kalender.
                    """;
            }
            else
            {
                var links = Writer.AnswerLinks(meeting, personId);
                subject = $"Ændret: {What(meeting)} {DanishDates.Date(meeting.Date)}";
                text = $"""
                    Kære {name}

                    Mødet i {What(meeting)} holdes nu {DanishDates.MeetingTime(meeting.Date, meeting.StartTime, meeting.EndTime)}{Place(meeting)}.{(before is null ? string.Empty : $"\nDet skulle have været {before}.")}
                    {Writer.MeetingPage(meeting.Id)}

                    {(answersForgotten ? "Svar igen, også hvis du har svaret før: et svar til det gamle tidspunkt gælder ikke længere." : "Svar her, hvis du ikke har svaret (linkene gælder til mødets slutning):")}
                    Jeg kommer: {links.Attending}
                    Jeg melder afbud: {links.Apologies}

                    Den opdaterede invitation flytter mødet i din kalender.
                    """;
            }

            var key = $"{purpose}:{meeting.Id.ToString(CultureInfo.InvariantCulture)}:{meeting.ScheduleVersion.ToString(CultureInfo.InvariantCulture)}:{personId.ToString(CultureInfo.InvariantCulture)}";
            var message = new OutgoingMail(key, purpose, recipient.ToAddress, recipient.ToName, subject, text, now, meeting.OrganizationId)
                .Invite(Writer.Calendar(meeting, method, recipient.ToAddress, recipient.ToName), method == InvitationMethod.Cancel ? "CANCEL" : "REQUEST");
            if (await mail.EnqueueAsync(message, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    private static string AgendaKeyPrefix(int meetingId) => $"agenda:{meetingId.ToString(CultureInfo.InvariantCulture)}:";

    private static string SupplementKeyPrefix(int meetingId) => $"{SupplementPurpose}:{meetingId.ToString(CultureInfo.InvariantCulture)}:";

    // Keys end with the person's id (see AgendaKeyPrefix and QueueChangeAsync).
    private static int PersonOf(string key) => int.Parse(key[(key.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    private static string? Usable(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        try
        {
            MailAddressRules.Normalise(address);
            return address.Trim();
        }
        catch (DomainRuleException)
        {
            return null;
        }
    }

    private static string What(Meeting meeting) => meeting.Caption;

    private static string Place(Meeting meeting) => meeting.Location is { } location ? ", " + location.Description : string.Empty;

    private static string AgendaFileName(Meeting meeting) =>
        $"dagsorden-{meeting.Organization.Slug}-{meeting.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf";
}
