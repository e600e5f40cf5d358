namespace Protokol.Core.Portal;

/// <summary>An agenda or minutes made public: one entry of an Atom feed.</summary>
public sealed record PublicationEvent(int MeetingId, string OrganizationName, string OrganizationSlug, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, bool IsMinutes, DateTime PublishedAt, IReadOnlyList<string> ItemTitles);

/// <summary>A public meeting as a calendar event.</summary>
public sealed record CalendarMeeting(int Id, string OrganizationName, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, string? Place, DateTime Modified, IReadOnlyList<string> ItemTitles);
