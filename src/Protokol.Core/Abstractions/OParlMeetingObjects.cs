using Protokol.Core.Meetings;

namespace Protokol.Core.Abstractions;

/// <summary>
/// A published Meeting or AgendaItem object as OParl writes it, kept (issue 17): <see cref="Key"/> names every input of the object as
/// it is stored now (the writer's release and public address, the meeting's row, council and location, its items, attendance,
/// attachments and hearings, and the body's people, aliases, seats and organizations); <see cref="Json"/> is the object's UTF-8 JSON
/// when it was written under that same key, else null (never kept, or an input changed since): write it again.
/// </summary>
public sealed record OParlKeptObject(int Id, int MeetingId, MeetingState State, string Key, byte[]? Json)
{
    /// <summary>Whether the kept object is the object as it is now.</summary>
    public bool Current => Json is not null;
}

/// <summary>The kept Meeting and AgendaItem objects (the meeting lists, the agenda-item list), read and stored apart from the meetings.</summary>
public interface IOParlMeetingObjects
{
    /// <summary>
    /// The meetings that exist among <paramref name="meetingIds"/>, each with its object's key of now and its kept object when that
    /// was written under the same key; <paramref name="writer"/> names the release and address that write (part of every key).
    /// </summary>
    Task<IReadOnlyList<OParlKeptObject>> KeptMeetingsAsync(IReadOnlyCollection<int> meetingIds, string writer, CancellationToken cancellationToken);

    /// <summary>The agenda items that exist among <paramref name="itemIds"/>, each with its meeting and that meeting's key of now, and its kept object when written under it.</summary>
    Task<IReadOnlyList<OParlKeptObject>> KeptAgendaItemsAsync(IReadOnlyCollection<int> itemIds, string writer, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps written objects (each <see cref="OParlKeptObject.Current"/>) under the keys they were read with, in one short write of its
    /// own (not in a reader's session), replacing what was kept; a record removed meanwhile keeps nothing. False when the database
    /// could not take the write now: the objects are written again on a later read.
    /// </summary>
    Task<bool> KeepObjectsAsync(IReadOnlyCollection<OParlKeptObject> meetings, IReadOnlyCollection<OParlKeptObject> items, CancellationToken cancellationToken);
}
