namespace Protokol.Core.Portal;

/// <summary>An agenda or minutes made public: one entry of an Atom feed.</summary>
public sealed record PublicationEvent(int MeetingId, string OrganizationName, string OrganizationSlug, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, PublicationKind Kind, DateTime PublishedAt, IReadOnlyList<string> ItemTitles, string? MeetingName = null)
{
    public bool IsMinutes => Kind == PublicationKind.Minutes;

    /// <summary>The council, and the meeting's own name when it has one ("Udsatterådet – Temamøde om boliger"), as the meeting page's heading names it.</summary>
    public string Council => MeetingName is null ? OrganizationName : $"{OrganizationName} – {MeetingName}";
}

/// <summary>What a feed entry announces.</summary>
public enum PublicationKind
{
    Agenda,
    Minutes,

    /// <summary>A planned meeting was cancelled (aflyst).</summary>
    Cancellation,
}

/// <summary>A public meeting as a calendar event.</summary>
/// <remarks>
/// <c>AgendaPublished</c> is false while the meeting is only planned: the event is tentative and
/// carries no agenda. <c>Sequence</c> is the iCalendar SEQUENCE, raised each time the meeting is moved
/// or cancelled.
/// </remarks>
public sealed record CalendarMeeting(int Id, string OrganizationName, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, string? Place, DateTime Modified, IReadOnlyList<string> ItemTitles, bool AgendaPublished = true, bool Cancelled = false, int Sequence = 0, string? MeetingName = null)
{
    /// <summary>The event's title: the meeting's own name when it has one, as the meeting page's heading, else "Møde i" the council.</summary>
    public string Summary => MeetingName is null ? $"Møde i {OrganizationName}" : $"{MeetingName} ({OrganizationName})";
}
