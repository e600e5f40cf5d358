using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Hearings;

public enum HearingStatus
{
    /// <summary>Received; the council has not answered yet.</summary>
    Open,

    /// <summary>The council sent a response (høringssvar).</summary>
    Responded,

    /// <summary>The council chose not to answer.</summary>
    Declined,
}

/// <summary>A consultation (høring) the council is asked to answer by a deadline.</summary>
public sealed class Hearing : Entity
{
    private Hearing()
    {
        Subject = string.Empty;
        Organization = null!;
    }

    public Hearing(Organization organization, string subject, string? sender, DateOnly? received, DateOnly deadline)
    {
        if (received is { } r && deadline < r)
        {
            throw new DomainRuleException("Høringsfristen ligger før modtagelsen.");
        }

        Organization = organization;
        Subject = Guard.Text(subject, "Emne", 500);
        Sender = Guard.OptionalText(sender, "Afsender", 200);
        Received = received;
        Deadline = deadline;
    }

    public int OrganizationId { get; private set; }

    public Organization Organization { get; private set; }

    public string Subject { get; private set; }

    /// <summary>Who asks (a municipal department, a ministry).</summary>
    public string? Sender { get; private set; }

    public DateOnly? Received { get; private set; }

    public DateOnly Deadline { get; private set; }

    /// <summary>Where the hearing's material is (the authority's page or the stored file), if given.</summary>
    public string? Link { get; private set; }

    /// <summary>Who drafts the council's response (a member or the secretariat).</summary>
    public string? DraftedBy { get; private set; }

    public HearingStatus Status { get; private set; }

    /// <summary>The council's response (Markdown).</summary>
    public string? Response { get; private set; }

    public DateOnly? RespondedOn { get; private set; }

    public int? AgendaItemId { get; private set; }

    /// <summary>The item where the council treated the hearing.</summary>
    public AgendaItem? AgendaItem { get; private set; }

    /// <summary>
    /// Corrects what was registered (a typo in the subject, the wrong deadline). An answered or declined hearing is part of
    /// the council's record and stays as it was.
    /// </summary>
    public void Correct(string subject, string? sender, DateOnly? received, DateOnly deadline, string? link, string? draftedBy)
    {
        if (Status != HearingStatus.Open)
        {
            throw new DomainRuleException(Status == HearingStatus.Responded
                ? "Høringen er besvaret og kan ikke rettes."
                : "Rådet har valgt ikke at svare på høringen; den kan ikke rettes.");
        }

        if (received is { } r && deadline < r)
        {
            throw new DomainRuleException("Frist: høringsfristen ligger før modtagelsen.", "Frist");
        }

        Subject = Guard.Text(subject, "Emne", 500);
        Sender = Guard.OptionalText(sender, "Afsender", 200);
        Received = received;
        Deadline = deadline;
        Describe(link, draftedBy);
    }

    /// <summary>Where the material is and who drafts the response.</summary>
    public void Describe(string? link, string? draftedBy)
    {
        Link = Guard.OptionalWebAddress(link, "Link", 2000);
        DraftedBy = Guard.OptionalText(draftedBy, "Udarbejder svaret", 200);
    }

    /// <summary>
    /// Whether the hearing belongs on the agenda of <paramref name="meeting"/>: open, on no agenda yet,
    /// and due on or after the meeting day but before <paramref name="followingMeetingDate"/>.
    /// </summary>
    public bool BelongsOnAgendaOf(Meetings.Meeting meeting, DateOnly followingMeetingDate) =>
        Status == HearingStatus.Open
        && AgendaItem is null
        && AgendaItemId is null
        && meeting.Organization == Organization
        && Deadline >= meeting.Date
        && Deadline < followingMeetingDate;

    /// <summary>Whether the deadline has passed without an answer.</summary>
    public bool IsOverdue(DateOnly today) => Status == HearingStatus.Open && Deadline < today;

    /// <summary>Links the hearing to the agenda item where the council treats it.</summary>
    public void TreatAt(AgendaItem item) => AgendaItem = item;

    public void Respond(string response, DateOnly submitted)
    {
        if (Status == HearingStatus.Declined)
        {
            throw new DomainRuleException("Rådet har valgt ikke at afgive høringssvar.");
        }

        if (Received is { } r && submitted < r)
        {
            throw new DomainRuleException("Høringssvaret kan ikke være afgivet før høringen blev modtaget.");
        }

        Response = Guard.Text(response, "Høringssvar", 100_000);
        RespondedOn = submitted;
        Status = HearingStatus.Responded;
    }

    public void Decline()
    {
        if (Status == HearingStatus.Responded)
        {
            throw new DomainRuleException("Der er allerede afgivet høringssvar.");
        }

        Status = HearingStatus.Declined;
    }

    /// <summary>Undoes <see cref="Decline"/>: the council will answer after all (or the button was pressed by mistake).</summary>
    public void Reopen()
    {
        if (Status != HearingStatus.Declined)
        {
            throw new DomainRuleException(Status == HearingStatus.Responded ? "Der er allerede afgivet høringssvar." : "Høringen er allerede åben.");
        }

        Status = HearingStatus.Open;
    }
}
