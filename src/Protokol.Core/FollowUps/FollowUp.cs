using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.FollowUps;

public enum FollowUpStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>
/// Something a person promised to do (opfølgning): owner, due date, and whether it goes on the
/// next meeting's agenda. This is what gets lost between Word files; here it carries over.
/// </summary>
public sealed class FollowUp : Entity
{
    /// <summary>The longest text of a follow-up, as the form limits it too.</summary>
    public const int MaxTextLength = 2000;

    private FollowUp()
    {
        Text = string.Empty;
        Organization = null!;
    }

    public FollowUp(Organization organization, string text, Person? owner, DateOnly? due, bool carryToNextMeeting,
        Meeting? originMeeting = null, AgendaItem? originItem = null)
    {
        if (originItem is not null && originMeeting is not null && !originMeeting.Items.Contains(originItem))
        {
            throw new DomainRuleException("Opfølgningens punkt hører ikke til det angivne møde.");
        }

        Organization = organization;
        Text = Guard.Text(text, "Opfølgning", MaxTextLength);
        Owner = owner;
        Due = due;
        CarryToNextMeeting = carryToNextMeeting;
        OriginMeeting = originMeeting ?? originItem?.Meeting;
        OriginItem = originItem;
    }

    public int OrganizationId { get; private set; }

    public Organization Organization { get; private set; }

    public int? OriginMeetingId { get; private set; }

    /// <summary>The meeting where the follow-up was agreed.</summary>
    public Meeting? OriginMeeting { get; private set; }

    public int? OriginItemId { get; private set; }

    public AgendaItem? OriginItem { get; private set; }

    public string Text { get; private set; }

    public int? OwnerId { get; private set; }

    public Person? Owner { get; private set; }

    public DateOnly? Due { get; private set; }

    public FollowUpStatus Status { get; private set; }

    public bool CarryToNextMeeting { get; private set; }

    public int? CarriedToItemId { get; private set; }

    /// <summary>The item of a later agenda that took the follow-up up.</summary>
    public AgendaItem? CarriedToItem { get; private set; }

    public DateOnly? Completed { get; private set; }

    /// <summary>What was done, or why the follow-up was dropped, written when it was closed.</summary>
    public string? CompletionNote { get; private set; }

    public bool IsOverdue(DateOnly today) => Status == FollowUpStatus.Open && Due is { } due && due < today;

    /// <summary>Whether the follow-up belongs on the draft agenda of <paramref name="meeting"/>.</summary>
    public bool BelongsOnAgendaOf(Meeting meeting) =>
        Status == FollowUpStatus.Open
        && CarryToNextMeeting
        && CarriedToItem is null
        && CarriedToItemId is null
        && meeting.Organization == Organization
        && (OriginMeeting is null || OriginMeeting.Date < meeting.Date);

    public void Edit(string text, Person? owner, DateOnly? due, bool carryToNextMeeting)
    {
        Text = Guard.Text(text, "Opfølgning", MaxTextLength);
        Owner = owner;
        Due = due;
        CarryToNextMeeting = carryToNextMeeting;
    }

    internal void CarryTo(AgendaItem item) => CarriedToItem = item;

    public void Complete(DateOnly on, string? note = null)
    {
        if (Status != FollowUpStatus.Open)
        {
            throw new DomainRuleException("Opfølgningen er allerede afsluttet.");
        }

        Status = FollowUpStatus.Done;
        Completed = on;
        CompletionNote = Guard.OptionalText(note, "Bemærkning", 2000);
    }

    public void Cancel(DateOnly on, string? note = null)
    {
        if (Status != FollowUpStatus.Open)
        {
            throw new DomainRuleException("Opfølgningen er allerede afsluttet.");
        }

        Status = FollowUpStatus.Cancelled;
        Completed = on;
        CompletionNote = Guard.OptionalText(note, "Bemærkning", 2000);
    }

    public void Reopen()
    {
        if (Status == FollowUpStatus.Open)
        {
            throw new DomainRuleException("Opfølgningen er allerede åben.");
        }

        Status = FollowUpStatus.Open;
        Completed = null;
        CompletionNote = null;
    }

    /// <summary>Part of merging two person records.</summary>
    internal void ReassignOwner(Person person) => Owner = person;
}
