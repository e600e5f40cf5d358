using Protokol.Core.Meetings;

namespace Protokol.Core.Abstractions;

/// <summary>
/// A meeting's agenda or minutes as an OParl File (<c>/file/m{id}</c>), as the file list reads it: the meeting's row and its
/// kept text (issue 17). <see cref="Key"/> names every input of the text as it is stored now (the composer's release, the
/// meeting's row, its items, attendance and guests, its council, host, location and approving meeting, and the body's people,
/// aliases, seats and organizations); <see cref="Title"/>, <see cref="FileName"/> and <see cref="Json"/> are the kept ones when
/// they were composed under that same key, else null (never kept, or an input changed since): compose them again. The text is
/// kept as the UTF-8 bytes of its JSON string, quotes and escapes included, as the API's writer writes it.
/// </summary>
public sealed record OParlMinutesText(
    int MeetingId, MeetingState State, DateOnly Date, DateTime Created, DateTime Modified, string Key, string? Title, string? FileName, byte[]? Json)
{
    /// <summary>Whether the kept text is the text of the meeting as it is now.</summary>
    public bool Current => Json is not null;
}

/// <summary>The kept texts of the meetings' agendas and minutes (OParl's File objects), read and stored apart from the meetings.</summary>
public interface IOParlMinutesTexts
{
    /// <summary>
    /// The meetings that exist among <paramref name="meetingIds"/>, each with its text's key of now and its kept text when that
    /// was composed under the same key; <paramref name="composer"/> names the release that composes (part of every key).
    /// </summary>
    Task<IReadOnlyList<OParlMinutesText>> MinutesTextsAsync(IReadOnlyCollection<int> meetingIds, string composer, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps composed texts (each <see cref="OParlMinutesText.Current"/>) under the keys they were read with, in one short write
    /// of its own (not in a reader's session), replacing what was kept; a meeting removed meanwhile keeps nothing. False when the
    /// database could not take the write now (another process writing): the texts are composed again on a later read.
    /// </summary>
    Task<bool> KeepMinutesTextsAsync(IReadOnlyCollection<OParlMinutesText> texts, CancellationToken cancellationToken);
}
