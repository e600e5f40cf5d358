using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;

namespace Protokol.Data.Stores;

internal sealed class EfMinutesReviewStore(ProtokolDbContext db) : IMinutesReviewStore
{
    public Task<MinutesReading?> ReadingAsync(int meetingId, CancellationToken cancellationToken) =>
        db.MinutesReadings.FirstOrDefaultAsync(r => r.MeetingId == meetingId, cancellationToken);

    public async Task<IReadOnlyList<MinutesComment>> CommentsAsync(int meetingId, CancellationToken cancellationToken) =>
        await db.MinutesComments.Where(c => c.MeetingId == meetingId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
}
