using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Portal;

/// <summary>
/// The one gate every public output passes: drafts never leave the back office, closed items show
/// their title only, and a person whose publication level is "role only" appears by role, in the
/// attendance and wherever the text names them.
/// </summary>
public static class PrivacyGate
{
    /// <summary>
    /// Whether a meeting's agenda is public. Every meeting is public with its time and place as soon
    /// as it is planned (members of the public plan to come); what is on it only from publication.
    /// </summary>
    public static bool IsPublic(MeetingState state) => state >= MeetingState.AgendaPublished;

    public static bool MinutesArePublic(MeetingState state) => state >= MeetingState.MinutesPublished;

    /// <summary>
    /// The public view of a meeting. A planned meeting shows its time, place and host only: no draft
    /// item, attachment or attendance leaves the back office before the agenda is published.
    /// </summary>
    public static PublicMeeting ForPublic(MeetingRecord meeting)
    {
        if (!IsPublic(meeting.State))
        {
            return new PublicMeeting(
                meeting.Id, meeting.OrganizationSlug, meeting.OrganizationName, meeting.BodyName, meeting.Name,
                meeting.Date, meeting.StartTime, meeting.EndTime, meeting.LocationName, meeting.LocationAddress, meeting.HostName,
                meeting.State, false, null, null, [], [], [], [], [], [],
                Cancelled: meeting.CancelledAt is not null, CancellationReason: Withheld(meeting).Apply(meeting.CancellationReason));
        }

        var minutesVisible = MinutesArePublic(meeting.State);
        var guests = meeting.Attendance.Where(a => a.Status == AttendanceStatus.Guest).ToList();
        var withheld = Withheld(meeting);
        var publicItems = meeting.Items.Select(i => Item(i, minutesVisible, guests, withheld)).ToList();
        var roots = publicItems.Where((_, index) => meeting.Items[index].ParentNumber is null)
            .Select(root => root with
            {
                Children = publicItems.Where((_, index) => meeting.Items[index].ParentNumber == root.Number).ToList(),
            })
            .ToList();

        // Attendance is part of the minutes: before they are published, nobody's presence is public.
        IReadOnlyList<PublicAttendee> Those(AttendanceStatus status) => minutesVisible
            ? meeting.Attendance.Where(a => a.Status == status).Select(Attendee).ToList()
            : [];

        // A guest is named for the open items they came to only: a guest at closed items alone is not named at all.
        var openNumbers = meeting.Items.Where(i => i.IsPublic).Select(i => i.Number).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<PublicAttendee> Guests() => minutesVisible
            ? meeting.Attendance.Where(a => a.Status == AttendanceStatus.Guest && (a.GuestItemNumbers.Count == 0 || a.GuestItemNumbers.Any(openNumbers.Contains)))
                .Select(a => Attendee(a) with { ItemNumbers = a.GuestItemNumbers.Count == 0 ? a.GuestItemNumbers : [.. a.GuestItemNumbers.Where(openNumbers.Contains)] })
                .ToList()
            : [];

        return new PublicMeeting(
            meeting.Id, meeting.OrganizationSlug, meeting.OrganizationName, meeting.BodyName, meeting.Name,
            meeting.Date, meeting.StartTime, meeting.EndTime, meeting.LocationName, meeting.LocationAddress, meeting.HostName,
            meeting.State, minutesVisible, meeting.ApprovedByMeetingId, meeting.ApprovedOn,
            roots, Those(AttendanceStatus.Present), Those(AttendanceStatus.Apologies), Those(AttendanceStatus.Absent), Guests(),
            meeting.Attachments.Where(a => a.IsPublic && IsAttachmentOnPublicItem(a, meeting)).ToList(),
            meeting.ImportedFrom,
            OriginalIsPublic(meeting, withheld) ? $"/filer/{meeting.ImportedSha256}/{Uri.EscapeDataString(meeting.ImportedFrom!)}" : null,
            meeting.CancelledAt is not null, withheld.Apply(meeting.CancellationReason));
    }

    /// <summary>
    /// Whether the original an imported meeting was read from may be public. It is the document as written, which no part
    /// of the gate reaches: it names the people shown by role only and holds the closed items' text. So it is public only
    /// when the gate withholds nothing from the meeting: no closed item, nobody shown by role only, no withheld name and no CPR number in its texts.
    /// </summary>
    private static bool OriginalIsPublic(MeetingRecord meeting, WithheldNames withheld) =>
        meeting.ImportedFrom is not null
        && meeting.Items.All(i => i.IsPublic)
        && meeting.Attendance.All(a => a.Person.Publication == PublicationLevel.Named && a.SubstituteFor is not { Publication: not PublicationLevel.Named })
        && (withheld.IsEmpty || meeting.Items.All(i => new[] { i.Title, i.PublicText, i.Minutes, i.Decision, i.WithdrawnReason }.All(t => withheld.Find(t).Count == 0)))
        && meeting.Items.All(i => !new[] { i.Title, i.PublicText, i.Minutes, i.Decision, i.WithdrawnReason }.Any(WithheldNames.HasCprNumber));

    private static WithheldNames Withheld(MeetingRecord meeting) =>
        meeting.Withheld is { Count: > 0 } names ? WithheldNames.For(names) : WithheldNames.None;

    private static bool IsAttachmentOnPublicItem(AttachmentRecord attachment, MeetingRecord meeting) =>
        attachment.AgendaItemId is not { } itemId || meeting.Items.FirstOrDefault(i => i.Id == itemId)?.IsPublic == true;

    private static PublicAgendaItem Item(AgendaItemRecord item, bool minutesVisible, IReadOnlyList<AttendanceRecord> guests, WithheldNames withheld)
    {
        var itemGuests = minutesVisible && item.IsPublic
            ? guests.Where(g => g.GuestItemNumbers.Contains(item.Number)).Select(Attendee).ToList()
            : [];
        var title = withheld.Apply(item.Title)!;
        return item.IsPublic
            ? new PublicAgendaItem(item.Id, item.Number, title, item.Kind, true, withheld.Apply(item.PublicText),
                minutesVisible ? withheld.Apply(item.Minutes) : null, minutesVisible ? withheld.Apply(item.Decision) : null,
                item.Withdrawn, withheld.Apply(item.WithdrawnReason), [], itemGuests, item.AddedAfterPublication,
                item.Hearing is { } hearing ? hearing with { Sender = withheld.Apply(hearing.Sender) } : null)
            : new PublicAgendaItem(item.Id, item.Number, title, item.Kind, false, null, null, null, item.Withdrawn, null, [], [], item.AddedAfterPublication);
    }

    private static PublicAttendee Attendee(AttendanceRecord a)
    {
        MembershipRole? shownRole = null;
        string? organisation = null;
        if (a.Person.Publication == PublicationLevel.Named)
        {
            // "suppleant for Lene" says the role already: "suppleant" is not written twice.
            if (a.Role is { } role && role != MembershipRole.Member && !(role == MembershipRole.Substitute && a.SubstituteFor is not null))
            {
                shownRole = role;
            }

            organisation = a.RepresentedOrganisation ?? a.Affiliation;
        }

        var substituteFor = a.SubstituteFor?.PublicName;
        var details = new List<string>();
        if (shownRole is { } shown)
        {
            details.Add(Danish.Role(shown));
        }

        if (organisation is not null)
        {
            details.Add(organisation);
        }

        if (substituteFor is not null)
        {
            details.Add("suppleant for " + substituteFor);
        }

        return new PublicAttendee(a.Person.PublicName, details.Count == 0 ? null : string.Join(", ", details), a.GuestItemNumbers,
            a.Person.Publication == PublicationLevel.Named ? a.Person.Id : null, shownRole, organisation, substituteFor);
    }
}
