using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>Use case: the secretary records who came, who sent apologies and who stood in, and the guests of single items.</summary>
public sealed class RecordAttendance(IProtokolStore store)
{
    public async Task<Meeting> ExecuteAsync(int meetingId, IReadOnlyDictionary<int, AttendanceStatus> statuses, IReadOnlyDictionary<int, int> substituteFor, CancellationToken cancellationToken) =>
        (await ExecuteAsync(meetingId, statuses, substituteFor, null, cancellationToken)).Meeting;

    /// <summary>
    /// Saves the attendance form. Given <paramref name="seen"/> (each member's attendance as the secretary's page
    /// showed it), a member's row she left as it was keeps whatever was recorded since (a member's "Jeg melder afbud",
    /// a second secretary's save), and a row she changed takes hers; without it every posted row is saved as posted.
    /// </summary>
    public Task<AttendanceSaved> ExecuteAsync(int meetingId, IReadOnlyDictionary<int, AttendanceStatus> statuses, IReadOnlyDictionary<int, int> substituteFor, IReadOnlyDictionary<int, SeenAttendance>? seen, CancellationToken cancellationToken) =>
        ExecuteAsync(meetingId, statuses, substituteFor, seen, new HashSet<int>(), cancellationToken);

    /// <summary>Saves the attendance form; <paramref name="notAttending"/> are the substitutes marked "Ikke med": nothing is recorded for them.</summary>
    public async Task<AttendanceSaved> ExecuteAsync(int meetingId, IReadOnlyDictionary<int, AttendanceStatus> statuses, IReadOnlyDictionary<int, int> substituteFor, IReadOnlyDictionary<int, SeenAttendance>? seen, IReadOnlySet<int> notAttending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notAttending);
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var kept = new List<Attendance>();
        var touched = new HashSet<int>();
        foreach (var personId in notAttending)
        {
            var stored = meeting.Attendance.FirstOrDefault(a => a.PersonId == personId && a.Status != AttendanceStatus.Guest);
            if (stored is null)
            {
                continue;
            }

            if (seen is not null && seen.TryGetValue(personId, out var shown) && shown.Status is null)
            {
                // Her page showed nothing recorded and she left it so: what was recorded since (an answer by link) stays.
                kept.Add(stored);
                continue;
            }

            meeting.RemoveAttendance(stored);
            touched.Add(personId);
        }

        foreach (var (personId, posted) in statuses)
        {
            var postedSubstitute = substituteFor.TryGetValue(personId, out var other) && other > 0 ? other : 0;
            var stored = meeting.Attendance.FirstOrDefault(a => a.PersonId == personId);
            var (status, substitute) = (posted, postedSubstitute);
            if (seen is not null && seen.TryGetValue(personId, out var shown))
            {
                var storedStatus = stored?.Status;
                var storedSubstitute = stored?.SubstituteForId ?? 0;
                var changedSince = storedStatus != shown.Status || storedSubstitute != shown.SubstituteForId;
                var changedByHer = posted != (shown.Status ?? AttendanceStatus.Present) || postedSubstitute != shown.SubstituteForId;
                if (changedSince && !changedByHer && stored is not null)
                {
                    kept.Add(stored);
                    continue;
                }
            }

            if (stored is not null && stored.Status == status && (stored.SubstituteForId ?? 0) == substitute)
            {
                continue;
            }

            var person = await PersonOfMunicipalityAsync(meeting, personId, cancellationToken);
            var replaced = substitute > 0 ? await PersonOfMunicipalityAsync(meeting, substitute, cancellationToken) : null;
            meeting.RecordAttendance(person, status, replaced, stored?.Affiliation);
            touched.Add(personId);
        }

        // A substitute comes in the place of a member who is not there: never beside a member recorded present (checked
        // where this save changed either of them, so an older record does not block every later save).
        foreach (var stand in meeting.Attendance.Where(a => a.Status == AttendanceStatus.Present && (a.SubstituteFor is not null || a.SubstituteForId is not null)))
        {
            var member = meeting.Attendance.FirstOrDefault(a => a.Person == stand.SubstituteFor || (stand.SubstituteForId is { } id && a.PersonId == id));
            if (member is { Status: AttendanceStatus.Present } && (touched.Contains(stand.Person.Id) || touched.Contains(member.Person.Id)))
            {
                throw new DomainRuleException(
                    $"{stand.Person.Name} kan ikke være suppleant for {member.Person.Name}, som er registreret som til stede. Vælg det medlem, der har meldt afbud eller er fraværende.",
                    "Suppleant for");
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return new AttendanceSaved(meeting, kept);
    }

    /// <summary>
    /// Records a guest at the given items ("3, 4a"), typed by name: a person already in the registry
    /// (by name or another spelling) is used; otherwise one is created, named in public or shown by
    /// <paramref name="publicRole"/> only when one is given.
    /// </summary>
    public async Task<(Person Guest, bool Created, IReadOnlyList<AgendaItem> Items)> AddGuestAsync(int meetingId, string? name, string? itemNumbers, string? affiliation, string? publicRole, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("Gæst: skriv gæstens navn.", "Gæstens navn");
        }

        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var numbers = (itemNumbers ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (numbers.Length == 0)
        {
            throw new DomainRuleException("Punkter: skriv de punkter, gæsten deltog i, fx 3, 4a.", "Punkter");
        }

        var items = numbers.Select(n => meeting.Items.FirstOrDefault(i => string.Equals(i.Number, n.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            ?? throw new DomainRuleException($"Punkter: dagsordenen har intet punkt {n}.", "Punkter")).ToList();
        var guest = await store.FindPersonByNameAsync(meeting.Organization.BodyId, name, cancellationToken);
        var created = guest is null;
        if (guest is null)
        {
            var body = await store.RequiredAsync<Body>(meeting.Organization.BodyId, "Kommunen", cancellationToken);
            guest = string.IsNullOrWhiteSpace(publicRole)
                ? new Person(body, name.Trim())
                : new Person(body, name.Trim(), PublicationLevel.RoleOnly, publicRole);
            store.Add(guest);
        }

        meeting.AddGuest(guest, items, affiliation);
        await store.SaveChangesAsync(cancellationToken);
        return (guest, created, items);
    }

    /// <summary>
    /// A person named by id in the attendance form: one of the municipality's registry, as the form lists them. Another
    /// municipality's person (an id written into the form) would otherwise show as present at this meeting on their
    /// public page and in the OParl API.
    /// </summary>
    private async Task<Person> PersonOfMunicipalityAsync(Meeting meeting, int personId, CancellationToken cancellationToken)
    {
        var person = await store.RequiredAsync<Person>(personId, $"Personen med id {personId}", cancellationToken);
        return person.BodyId == meeting.Organization.BodyId ? person : throw new DomainRuleException($"Personen med id {personId} findes ikke i kommunens personregister.");
    }

    /// <summary>Takes a guest off the meeting; the person stays in the registry.</summary>
    public async Task<Person> RemoveGuestAsync(int meetingId, int attendanceId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        var removed = meeting.RemoveGuest(attendanceId);
        await store.SaveChangesAsync(cancellationToken);
        return removed.Person;
    }
}

/// <summary>One member's attendance as the secretary's page showed it: nothing recorded yet is a null status.</summary>
public readonly record struct SeenAttendance(AttendanceStatus? Status, int SubstituteForId);

/// <summary>The saved attendance, and the rows left as recorded since the page was opened because she did not change them.</summary>
public sealed record AttendanceSaved(Meeting Meeting, IReadOnlyList<Attendance> KeptFromOthers);
