using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;

namespace Protokol.Core.Registry;

/// <summary>
/// Two records that are the same person (imports make such pairs: "Mogens Aagaard" and "Mogens
/// Ågaard"): everything of <c>removed</c> moves to <c>kept</c>, whose aliases gain the other
/// spellings. Where both attended one meeting, the kept record's attendance stays and the other is
/// returned for removal.
/// </summary>
public static class PersonMerge
{
    /// <returns>The attendance records that became duplicates and must be deleted, and the removed person, now unreferenced.</returns>
    public static IReadOnlyList<Attendance> Merge(Person kept, Person removed, IEnumerable<Membership> memberships, IEnumerable<Attendance> attendance, IEnumerable<FollowUp> followUps)
    {
        if (kept == removed || kept.Id == removed.Id && kept.Id != 0)
        {
            throw new DomainRuleException("En person kan ikke lægges sammen med sig selv.");
        }

        if (kept.BodyId != removed.BodyId || kept.BodyId == 0 && !ReferenceEquals(kept.Body, removed.Body))
        {
            throw new DomainRuleException("Kun personer i samme kommunes register kan lægges sammen.");
        }

        kept.AddAlias(removed.Name);
        foreach (var alias in removed.Aliases)
        {
            kept.AddAlias(alias.Name);
        }

        if (kept.Email is null && removed.Email is not null)
        {
            kept.SetEmail(removed.Email);
        }

        // The stricter publication wins: someone shown by role only stays so.
        if (removed.Publication == PublicationLevel.RoleOnly && kept.Publication != PublicationLevel.RoleOnly)
        {
            kept.SetPublication(PublicationLevel.RoleOnly, removed.PublicRole);
        }

        foreach (var membership in memberships)
        {
            membership.ReassignTo(kept, removed);
        }

        var duplicates = new List<Attendance>();
        var list = attendance.ToList();
        foreach (var record in list.Where(a => a.Person == removed))
        {
            if (list.Any(a => a.Person == kept && SameMeeting(a, record) && a != record))
            {
                duplicates.Add(record);
            }
        }

        foreach (var record in list.Except(duplicates))
        {
            record.ReassignTo(kept, removed);
        }

        foreach (var followUp in followUps.Where(f => f.Owner == removed))
        {
            followUp.ReassignOwner(kept);
        }

        return duplicates;
    }

    // Saved records compare by key (their meetings need not be loaded); new ones by reference.
    private static bool SameMeeting(Attendance a, Attendance b) =>
        a.MeetingId != 0 || b.MeetingId != 0 ? a.MeetingId == b.MeetingId : ReferenceEquals(a.Meeting, b.Meeting);
}
