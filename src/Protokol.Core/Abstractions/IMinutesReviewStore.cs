using Protokol.Core.Meetings;

namespace Protokol.Core.Abstractions;

/// <summary>
/// The draft minutes' reading round and the members' comments. Shares the unit of work of
/// <see cref="IProtokolStore"/> (add and remove records there; they are saved together).
/// </summary>
public interface IMinutesReviewStore
{
    /// <summary>The meeting's reading round, tracked; null when the draft was never sent for reading.</summary>
    Task<MinutesReading?> ReadingAsync(int meetingId, CancellationToken cancellationToken);

    /// <summary>Every comment on the meeting's items, oldest first, tracked.</summary>
    Task<IReadOnlyList<MinutesComment>> CommentsAsync(int meetingId, CancellationToken cancellationToken);
}

/// <summary>The web host's parts of the minutes e-mails: the PDFs and the addresses they link to.</summary>
public interface IMinutesMailWriter
{
    /// <summary>The draft minutes as PDF, marked "Udkast – til gennemlæsning", as they would be published (closed items by title only).</summary>
    Task<byte[]> DraftMinutesPdfAsync(int meetingId, CancellationToken cancellationToken);

    /// <summary>The published minutes as the public sees them, as PDF; null when they are not public.</summary>
    Task<byte[]?> MinutesPdfAsync(int meetingId, CancellationToken cancellationToken);

    /// <summary>The members' page for reading and commenting on the draft.</summary>
    Uri ReviewPage(int meetingId);

    /// <summary>The public meeting page.</summary>
    Uri MeetingPage(int meetingId);
}
