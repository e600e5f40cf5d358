using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>
/// The draft minutes of a meeting sent to the members for reading ("til gennemlæsning"): when, and
/// until when they take comments. One per meeting; sending again with a new deadline moves it.
/// </summary>
public sealed class MinutesReading : Entity
{
    private MinutesReading()
    {
    }

    public MinutesReading(Meeting meeting, DateOnly deadline, string? message, DateTime utcNow)
    {
        Meeting = meeting;
        MeetingId = meeting.Id;
        Deadline = deadline;
        Message = Guard.OptionalText(message, "Besked til medlemmerne", 4000);
        SentAt = utcNow;
    }

    public int MeetingId { get; private set; }

    public Meeting Meeting { get; private set; } = null!;

    /// <summary>The last day (Danish time) members may comment.</summary>
    public DateOnly Deadline { get; private set; }

    public string? Message { get; private set; }

    /// <summary>When the draft was last sent (UTC).</summary>
    public DateTime SentAt { get; private set; }

    /// <summary>Whether members may still comment on <paramref name="today"/> (Danish date): through the deadline day.</summary>
    public bool IsOpen(DateOnly today) => today <= Deadline;

    public void SentAgain(DateOnly deadline, string? message, DateTime utcNow)
    {
        Deadline = deadline;
        Message = Guard.OptionalText(message, "Besked til medlemmerne", 4000);
        SentAt = utcNow;
    }
}

/// <summary>
/// A member's comment on one item of draft minutes sent for reading. Only the council's members and
/// secretary see it: no public page, search, feed or API reads this table. Its author may change or
/// delete it until the reading deadline; the secretary marks it handled.
/// </summary>
public sealed class MinutesComment : Entity
{
    public const int MaxLength = 4000;

    private MinutesComment()
    {
        AuthorName = Text = string.Empty;
    }

    public MinutesComment(AgendaItem item, int accountId, int? personId, string authorName, string? text)
    {
        AgendaItem = item;
        AgendaItemId = item.Id;
        MeetingId = item.MeetingId;
        AccountId = accountId;
        PersonId = personId;
        AuthorName = Guard.Text(authorName, "Navn", 200);
        Text = Guard.Text(text, "Kommentar", MaxLength);
    }

    public int MeetingId { get; private set; }

    public int AgendaItemId { get; private set; }

    public AgendaItem AgendaItem { get; private set; } = null!;

    /// <summary>The account that wrote it: only that account may change or delete it.</summary>
    public int AccountId { get; private set; }

    /// <summary>The registry person the account is linked to, if any.</summary>
    public int? PersonId { get; private set; }

    public string AuthorName { get; private set; }

    public string Text { get; private set; }

    /// <summary>When the secretary marked it handled (UTC); null while open.</summary>
    public DateTime? HandledAt { get; private set; }

    public string? HandledBy { get; private set; }

    public void Edit(string? text) => Text = Guard.Text(text, "Kommentar", MaxLength);

    /// <summary>Two registry records were merged: the comment follows its author to the kept one.</summary>
    public void ReassignPerson(Person kept)
    {
        PersonId = kept.Id;
        AuthorName = kept.Name;
    }

    public void MarkHandled(string by, DateTime utcNow)
    {
        HandledAt = utcNow;
        HandledBy = Guard.Text(by, "Behandlet af", 200);
    }

    public void Reopen()
    {
        HandledAt = null;
        HandledBy = null;
    }
}
