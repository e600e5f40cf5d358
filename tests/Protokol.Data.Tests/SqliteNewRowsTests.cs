using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// New rows written directly on SQLite, ahead of EF Core's update pipeline (<see cref="SqliteNewRows"/>): a save is still
/// all or nothing, and a row written directly is tracked afterwards as one EF Core saved (the equivalence of the rows
/// themselves is <c>Protokol.Import.Tests.DirectRowsTests</c>).
/// </summary>
public sealed class SqliteNewRowsTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_save_whose_update_fails_takes_back_the_rows_it_wrote_directly()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, null, Clock);
        var bodyId = await database.WithContextAsync(async context =>
        {
            var body = new Body("raadby", "Rådby Kommune");
            context.Add(body);
            await context.SaveChangesAsync();
            Assert.True(context.RowsWrittenDirectly > 0, "the new body went through EF Core, not directly");
            return body.Id;
        });
        await using var scope = database.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var stale = await context.Bodies.SingleAsync(b => b.Id == bodyId);

        // Someone else renames the body meanwhile.
        await database.WithContextAsync(async other =>
        {
            other.Entry(await other.Bodies.SingleAsync(b => b.Id == bodyId)).Property(b => b.Name).CurrentValue = "Rådby Kommune (ny)";
            return await other.SaveChangesAsync();
        });
        var (locations, logged, outbox) = await CountsAsync(database);

        // One save inside a transaction of the caller's: a new location (written directly) and the stale body's rename
        // (through EF Core, which finds the row changed). The caller goes on and commits its transaction.
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            var location = new Location(stale, "Rådhuset, mødelokale 2");
            context.Add(location);
            context.Entry(stale).Property(b => b.Name).CurrentValue = "Rådby";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());
            Assert.Equal(EntityState.Added, context.Entry(location).State);
            Assert.Equal(0, context.RowsWrittenDirectly);
            await transaction.CommitAsync();
        }

        Assert.Equal((locations, logged, outbox), await CountsAsync(database));
        Assert.Equal("Rådby Kommune (ny)", await database.WithContextAsync(c => c.Bodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_row_written_directly_is_then_changed_like_any_saved_row()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, null, Clock);
        var (bodyId, meetingId) = await database.WithContextAsync(async context =>
        {
            var body = new Body("raadby", "Rådby Kommune");
            var council = body.AddOrganization("raadet", "Rådet", OrganizationKind.Council);
            var meeting = new Meeting(council, new DateOnly(2026, 3, 3));
            meeting.AddItem("1", "Godkendelse af dagsorden");
            context.Add(body);
            context.Add(meeting);
            await context.SaveChangesAsync();
            var direct = context.RowsWrittenDirectly;
            Assert.True(direct >= 4, $"only {direct} of the new rows went in directly");
            Assert.All(context.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));

            // Changed in the same context: compared with what was written (the version the row has), not the values it was added with.
            context.Entry(body).Property(b => b.Name).CurrentValue = "Rådby";
            meeting.AddItem("2", "Eventuelt");
            await context.SaveChangesAsync();
            return (body.Id, meeting.Id);
        });

        var (name, version, items) = await database.WithContextAsync(async c => (
            await c.Bodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(),
            await c.Bodies.Where(b => b.Id == bodyId).Select(b => b.Version).SingleAsync(),
            await c.AgendaItems.Where(i => i.MeetingId == meetingId).OrderBy(i => i.Position).Select(i => i.Number).ToListAsync()));
        Assert.Equal(("Rådby", 2L), (name, version));
        Assert.Equal(["1", "2"], items);
    }

    private static Task<(int Locations, int Logged, int Outbox)> CountsAsync(TestDatabase database) =>
        database.WithContextAsync(async c => (await c.Locations.CountAsync(), await c.AuditLog.CountAsync(), await c.SearchOutbox.CountAsync()));
}
