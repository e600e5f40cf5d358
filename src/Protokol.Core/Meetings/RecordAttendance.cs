using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>Use case: the secretary records who came, who sent apologies and who stood in, and the guests of single items.</summary>
public sealed class RecordAttendance(IProtokolStore store)
{
    public async Task<Meeting> ExecuteAsync(int meetingId, IReadOnlyDictionary<int, AttendanceStatus> statuses, IReadOnlyDictionary<int, int> substituteFor, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        foreach (var (personId, status) in statuses)
        {
            var person = await store.RequiredAsync<Person>(personId, $"Personen med id {personId}", cancellationToken);
            var replaced = substituteFor.TryGetValue(personId, out var other) && other > 0
                ? await store.RequiredAsync<Person>(other, $"Personen med id {other}", cancellationToken)
                : null;
            meeting.RecordAttendance(person, status, replaced);
        }

        await store.SaveChangesAsync(cancellationToken);
        return meeting;
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
}
