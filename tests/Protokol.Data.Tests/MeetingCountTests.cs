using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data.Portal;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>The meeting counts kept at write time (issue 17), per year and per council, equal a COUNT(*) over the rows after every kind of change, on both engines.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MeetingCountTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly DateTime Now = Clock.GetUtcNow().UtcDateTime;

    /// <summary>The counts from the rows, per council and year, as the kept table should hold them.</summary>
    private static async Task<List<(int Organization, int Year, int Meetings, int PublicMeetings, int PublicItems)>> CountedAsync(ProtokolDbContext db)
    {
        var meetings = await db.Meetings.AsNoTracking()
            .Select(m => new { m.OrganizationId, m.Date, m.State, Items = m.Items.Count() })
            .ToListAsync();
        return meetings.GroupBy(m => (m.OrganizationId, m.Date.Year))
            .Select(g => (g.Key.OrganizationId, g.Key.Year, g.Count(), g.Count(m => m.State >= MeetingState.AgendaPublished),
                g.Where(m => m.State >= MeetingState.AgendaPublished).Sum(m => m.Items)))
            .Order()
            .ToList();
    }

    private static async Task<List<(int Organization, int Year, int Meetings, int PublicMeetings, int PublicItems)>> KeptAsync(ProtokolDbContext db) =>
        (await db.MeetingYearCounts.AsNoTracking().ToListAsync())
            .Select(c => (c.OrganizationId, c.Year, c.Meetings, c.PublicMeetings, c.PublicAgendaItems))
            .Order()
            .ToList();

    private static async Task AssertKeptAsync(TestDatabase database, string after)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var counted = await CountedAsync(db);
        Assert.NotEmpty(counted);
        var kept = await KeptAsync(db);
        Assert.True(counted.SequenceEqual(kept), $"after {after}: kept {string.Join("; ", kept)} but counted {string.Join("; ", counted)}");

        // Each council's kept total is the sum of its years, and a council without meetings has none.
        var summed = counted.GroupBy(c => c.Organization)
            .Select(g => (g.Key, g.Sum(c => c.Meetings), g.Sum(c => c.PublicMeetings), g.Sum(c => c.PublicItems)))
            .Order()
            .ToList();
        var totals = await TotalsAsync(db);
        Assert.True(summed.SequenceEqual(totals), $"after {after}: kept totals {string.Join("; ", totals)} but summed {string.Join("; ", summed)}");
    }

    private static async Task<List<(int Organization, int Meetings, int PublicMeetings, int PublicItems)>> TotalsAsync(ProtokolDbContext db) =>
        (await db.CouncilMeetingCounts.AsNoTracking().ToListAsync())
            .Select(c => (c.OrganizationId, c.Meetings, c.PublicMeetings, c.PublicAgendaItems))
            .Order()
            .ToList();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Kept_counts_equal_the_rows_after_imports_publication_changes_moves_and_deletes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        DemoData demo;
        await using (var scope = database.Scope())
        {
            demo = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "the demo");
        var organizationId = demo.Meetings[0].OrganizationId;

        // An import: a meeting of an earlier year stored with its published agenda and minutes.
        int imported;
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var organization = (await store.FindAsync<Organization>(organizationId, CancellationToken.None))!;
            var meeting = new Meeting(organization, new DateOnly(2011, 3, 14), new TimeOnly(16, 0), null);
            var first = meeting.AddItem("1", "Godkendelse af dagsorden");
            meeting.AddItem("2", "Orientering fra formanden");
            meeting.AddItem("3", "Eventuelt", isPublic: false);
            meeting.PublishAgenda(Now);
            meeting.MarkHeld(new DateOnly(2011, 3, 14));
            meeting.RecordMinutes(first, "Godkendt.", null);
            meeting.PublishMinutes(Now);
            meeting.MarkImported("referat-2011-03-14.txt", new string('a', 64), Now);
            store.Add(meeting);
            await store.SaveChangesAsync(CancellationToken.None);
            imported = meeting.Id;
        }

        await AssertKeptAsync(database, "an import");

        // Saves that only add are added to the kept rows, not counted anew: a second meeting of that year with a published
        // agenda and a sub-item; a planned meeting of a year the council has no row for, saved synchronously; an item
        // added to a meeting whose agenda is published, and one to a planned meeting (no public count changes).
        int second;
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var organization = (await store.FindAsync<Organization>(organizationId, CancellationToken.None))!;
            var meeting = new Meeting(organization, new DateOnly(2011, 6, 1), new TimeOnly(16, 0), null);
            meeting.AddItem("1", "Lokalplan");
            meeting.AddItem("1a", "Høringssvar");
            meeting.PublishAgenda(Now);
            store.Add(meeting);
            await store.SaveChangesAsync(CancellationToken.None);
            second = meeting.Id;
        }

        await AssertKeptAsync(database, "a second import in the same year");
        int planned2009;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            var meeting = new Meeting(organization, new DateOnly(2009, 9, 9), new TimeOnly(16, 0), null);
            meeting.AddItem("1", "Velkomst");
            db.Add(meeting);
            db.SaveChanges();
            planned2009 = meeting.Id;
        }

        await AssertKeptAsync(database, "a planned meeting in a year without meetings (saved synchronously)");
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            (await store.FindMeetingAsync(second, CancellationToken.None))!.AddMainItem("Eventuelt");
            (await store.FindMeetingAsync(planned2009, CancellationToken.None))!.AddMainItem("Budget");
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "items added to a published and to a planned meeting");
        var year2011 = await database.WithContextAsync(db => db.MeetingYearCounts.AsNoTracking().SingleAsync(c => c.OrganizationId == organizationId && c.Year == 2011));
        Assert.Equal((2, 2, 6), (year2011.Meetings, year2011.PublicMeetings, year2011.PublicAgendaItems));
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            store.Remove((await store.FindMeetingAsync(second, CancellationToken.None))!);
            store.Remove((await store.FindMeetingAsync(planned2009, CancellationToken.None))!);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "those two meetings deleted");

        // Imported again: emptied (its items removed, back to planned), then filled with one item.
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var meeting = (await store.FindMeetingAsync(imported, CancellationToken.None))!;
            meeting.ResetForReimport();
            meeting.CompleteReimport();
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "a reimport's reset");
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var meeting = (await store.FindMeetingAsync(imported, CancellationToken.None))!;
            meeting.AddItem("1", "Budget");
            meeting.PublishAgenda(Now);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "a reimport");

        // The agenda of a planned meeting published; a meeting moved to another year; a meeting deleted.
        var planned = demo.Meetings.First(m => m.State == MeetingState.Planned && m.Id != imported);
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var meeting = (await store.FindMeetingAsync(planned.Id, CancellationToken.None))!;
            meeting.AddMainItem("Velkomst");
            meeting.PublishAgenda(Now);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "publishing an agenda");
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var meeting = (await store.FindMeetingAsync(imported, CancellationToken.None))!;
            meeting.Reschedule(new DateOnly(2012, 5, 1), new TimeOnly(16, 0), null);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "a move to another year");
        Assert.Empty(await database.WithContextAsync(db => db.MeetingYearCounts.Where(c => c.OrganizationId == organizationId && c.Year == 2011).ToListAsync()));
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            store.Remove((await store.FindMeetingAsync(imported, CancellationToken.None))!);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "a delete");

        // The whole municipality removed: the counts go with its councils.
        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "the demo made anew");
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var kept = await KeptAsync(db);
            var totals = await TotalsAsync(db);

            await MeetingCountKeeper.RebuildAsync(db, CancellationToken.None);
            Assert.Equal(kept, await KeptAsync(db));
            Assert.Equal(totals, await TotalsAsync(db));

            // A rebuild counts from the meetings: a wrong total is set right, a missing one comes back.
            Assert.NotEmpty(totals);
            (await db.CouncilMeetingCounts.FirstAsync(t => t.OrganizationId == totals[0].Organization)).PublicMeetings += 5;
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await MeetingCountKeeper.RebuildAsync(db, CancellationToken.None);
            Assert.Equal(totals, await TotalsAsync(db));
            db.ChangeTracker.Clear();
            db.CouncilMeetingCounts.Remove(await db.CouncilMeetingCounts.FirstAsync(t => t.OrganizationId == totals[0].Organization));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await MeetingCountKeeper.RebuildAsync(db, CancellationToken.None);
            Assert.Equal(totals, await TotalsAsync(db));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Saves_of_one_unit_of_work_keep_the_counts_when_an_add_follows_a_recount(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        DemoData demo;
        await using (var scope = database.Scope())
        {
            demo = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        var planned = demo.Meetings.First(m => m.State == MeetingState.Planned);
        var year = planned.Date.Year;

        // One context: a recount (a planned meeting's agenda published) leaves the council's kept rows tracked; a meeting added
        // that year is then added to them, and deleted, counted anew. Had the add been written past the tracked rows, the
        // recount would find the counts it sets equal to the stale tracked values and write nothing.
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var published = (await store.FindMeetingAsync(planned.Id, CancellationToken.None))!;
            published.AddMainItem("Velkomst");
            published.PublishAgenda(Now);
            await store.SaveChangesAsync(CancellationToken.None);
            Assert.Contains(db.ChangeTracker.Entries<MeetingYearCount>(), e => e.Entity.OrganizationId == planned.OrganizationId && e.Entity.Year == year);

            var meeting = new Meeting((await store.FindAsync<Organization>(planned.OrganizationId, CancellationToken.None))!, planned.Date, new TimeOnly(20, 0), null);
            meeting.AddItem("1", "Godkendelse af dagsorden");
            meeting.PublishAgenda(Now);
            store.Add(meeting);
            await store.SaveChangesAsync(CancellationToken.None);
            await AssertKeptAsync(database, "a meeting added after a recount in the same context");

            store.Remove(meeting);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "that meeting deleted in the same context");
    }
}
