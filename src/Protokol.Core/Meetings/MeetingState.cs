namespace Protokol.Core.Meetings;

/// <summary>The life cycle of a meeting, in order. The public sees a meeting from <see cref="AgendaPublished"/> on.</summary>
public enum MeetingState
{
    Planned = 0,
    AgendaPublished = 1,
    Held = 2,
    MinutesDrafted = 3,
    MinutesPublished = 4,
    MinutesApproved = 5,
}
