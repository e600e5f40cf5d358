using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

internal sealed class EfProtokolStore(ProtokolDbContext db) : IProtokolStore
{
    public Task<bool> HasAnyBodyAsync(CancellationToken cancellationToken) => db.Bodies.AnyAsync(cancellationToken);

    public Task<Body?> FindBodyAsync(string key, CancellationToken cancellationToken) =>
        db.Bodies.FirstOrDefaultAsync(b => b.Key == key, cancellationToken);

    public Task<Meeting?> FindMeetingAsync(int id, CancellationToken cancellationToken) =>
        db.Meetings
            .Include(m => m.Organization)
            .Include(m => m.Location)
            .Include(m => m.Host)
            .Include(m => m.Items)
            .Include(m => m.Attendance).ThenInclude(a => a.GuestItems)
            .Include(m => m.Attendance).ThenInclude(a => a.Person)
            .Include(m => m.Attachments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public async Task<AgendaItem?> FindAgendaItemAsync(int id, CancellationToken cancellationToken)
    {
        var meetingId = await db.AgendaItems.Where(i => i.Id == id).Select(i => (int?)i.MeetingId).FirstOrDefaultAsync(cancellationToken);
        if (meetingId is null)
        {
            return null;
        }

        // The item's rules need its whole meeting (state, sibling numbers).
        var meeting = await FindMeetingAsync(meetingId.Value, cancellationToken);
        return meeting?.Items.FirstOrDefault(i => i.Id == id);
    }

    public async Task<IReadOnlyList<FollowUp>> OpenFollowUpsAsync(int organizationId, CancellationToken cancellationToken) =>
        await db.FollowUps
            .Include(f => f.Organization)
            .Include(f => f.Owner)
            .Include(f => f.OriginMeeting)
            .Where(f => f.OrganizationId == organizationId && f.Status == FollowUpStatus.Open)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Hearing>> OpenHearingsAsync(int organizationId, CancellationToken cancellationToken) =>
        await db.Hearings
            .Include(h => h.Organization)
            .Where(h => h.OrganizationId == organizationId && h.Status == HearingStatus.Open)
            .ToListAsync(cancellationToken);

    public void Add(Entity entity) => db.Add(entity);

    public async Task RemoveBodyAsync(Body body, CancellationToken cancellationToken)
    {
        // The schema cascades from the body to everything recorded under it.
        await db.Bodies.Where(b => b.Id == body.Id).ExecuteDeleteAsync(cancellationToken);
        db.Entry(body).State = EntityState.Detached;
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            var entry = e.Entries.FirstOrDefault(en => en.Entity is Entity);
            if (entry is null)
            {
                throw;
            }

            var entity = (Entity)entry.Entity;
            var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
            var expected = (long)entry.OriginalValues[nameof(Entity.Version)]!;
            throw new ConcurrencyConflictException(entity.GetType().Name, entity.Id, expected, stored?.GetValue<long>(nameof(Entity.Version)), e);
        }
    }

    public async Task InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await work(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}
