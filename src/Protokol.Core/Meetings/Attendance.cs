using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

public enum AttendanceStatus
{
    Present,

    /// <summary>Sent apologies (afbud).</summary>
    Apologies,

    /// <summary>Absent without apologies (fraværende).</summary>
    Absent,

    /// <summary>Took part in some items only, by invitation.</summary>
    Guest,
}

/// <summary>One person's attendance at a meeting (OParl Meeting.participant).</summary>
public sealed class Attendance : Entity
{
    private readonly List<AgendaItem> _guestItems = [];

    private Attendance()
    {
        Meeting = null!;
        Person = null!;
    }

    internal Attendance(Meeting meeting, Person person, AttendanceStatus status, Person? substituteFor, string? affiliation)
    {
        Meeting = meeting;
        Person = person;
        Update(status, substituteFor, affiliation);
    }

    public int MeetingId { get; private set; }

    public Meeting Meeting { get; private set; }

    public int PersonId { get; private set; }

    public Person Person { get; private set; }

    public AttendanceStatus Status { get; private set; }

    public int? SubstituteForId { get; private set; }

    /// <summary>The member this person stood in for (mødte som suppleant for).</summary>
    public Person? SubstituteFor { get; private set; }

    /// <summary>For guests and staff: whom they came from ("Socialforvaltningen").</summary>
    public string? Affiliation { get; private set; }

    /// <summary>For guests: the items they attended for.</summary>
    public IReadOnlyCollection<AgendaItem> GuestItems => _guestItems;

    internal void Update(AttendanceStatus status, Person? substituteFor, string? affiliation)
    {
        if (substituteFor is not null && status != AttendanceStatus.Present)
        {
            throw new DomainRuleException("Kun en fremmødt person kan være mødt som suppleant.");
        }

        if (substituteFor is not null && ReferenceEquals(substituteFor, Person))
        {
            throw new DomainRuleException("En person kan ikke være suppleant for sig selv.");
        }

        Status = status;
        SubstituteFor = substituteFor;
        if (substituteFor is null)
        {
            // The key too, so the record reads as standing in for no one before it is saved.
            SubstituteForId = null;
        }

        Affiliation = Guard.OptionalText(affiliation, "Tilknytning", 200);
        if (status != AttendanceStatus.Guest)
        {
            _guestItems.Clear();
        }
    }

    /// <summary>The attendance as a new version of its meeting's imported file records it anew: no substitute, no guest items.</summary>
    internal void ClearForReimport()
    {
        SubstituteFor = null;
        SubstituteForId = null;
        Affiliation = null;
        _guestItems.Clear();
    }

    internal void SetGuestItems(IEnumerable<AgendaItem> items)
    {
        _guestItems.Clear();
        _guestItems.AddRange(items.Distinct());
    }

    /// <summary>Part of merging two person records: the attendance now belongs to <paramref name="person"/>.</summary>
    internal void ReassignTo(Person person, Person removed)
    {
        if (Person == removed)
        {
            Person = person;
        }

        if (SubstituteFor == removed)
        {
            SubstituteFor = person;
        }
    }
}
