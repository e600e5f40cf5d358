using Microsoft.EntityFrameworkCore;
using Protokol.Data.OParl;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// The registry's stamp (issue 17): the part of a kept minutes text's key that names the body's people, aliases, seats and
/// organizations. Every save that adds, edits or removes one of those increments it, in the save's transaction (a save rolled
/// back leaves it as it was); a save of other records leaves it alone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RegistryStampTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static Task<long> StampAsync(TestDatabase db) =>
        db.WithContextAsync(context => context.Set<RegistryStamp>().Where(s => s.Id == RegistryStamp.Row).Select(s => s.Version).SingleOrDefaultAsync());

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Every_save_of_a_person_alias_seat_or_organization_increments_the_stamp_and_no_other_save_does(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using var _ = db;
        await GeneratedArchive.SeedAsync(db, seed: 17, Clock);
        var seeded = await StampAsync(db);
        Assert.True(seeded > 0, "the seeding saved people");

        async Task<long> AfterAsync(Func<ProtokolDbContext, Task> change)
        {
            var before = await StampAsync(db);
            await db.WithContextAsync(async context =>
            {
                await change(context);
                return await context.SaveChangesAsync();
            });
            return await StampAsync(db) - before;
        }

        Assert.Equal(1, await AfterAsync(async c => (await c.People.OrderBy(p => p.Id).FirstAsync()).Rename("Gunhild Fiktivsen")));
        Assert.Equal(1, await AfterAsync(async c => (await c.People.Include(p => p.Aliases).OrderBy(p => p.Id).FirstAsync()).AddAlias("G. Fiktivsen")));
        Assert.Equal(1, await AfterAsync(async c => c.Remove(await c.Memberships.OrderByDescending(m => m.Id).FirstAsync())));
        Assert.Equal(1, await AfterAsync(async c => (await c.Organizations.OrderBy(o => o.Id).FirstAsync()).Describe("KB", null, null)));

        // A meeting's or a location's edit is in the text's key by the meeting's own rows, not by the stamp.
        Assert.Equal(0, await AfterAsync(async c => (await c.Meetings.OrderBy(m => m.Id).FirstAsync()).Rename("Ekstraordinært møde")));
        Assert.Equal(0, await AfterAsync(async c => c.Entry(await c.Locations.OrderBy(l => l.Id).FirstAsync()).Property(l => l.Name).CurrentValue = "Solsikkesalen"));

        // A transaction rolled back takes its increment with it.
        var before = await StampAsync(db);
        await db.WithContextAsync(async context =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            (await context.People.OrderBy(p => p.Id).FirstAsync()).Rename("Rullet Tilbage");
            await context.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        Assert.Equal(before, await StampAsync(db));
    }
}
