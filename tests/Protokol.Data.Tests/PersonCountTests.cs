using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data.Portal;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// The attendance counts kept per person, year and status (issue 17) equal a count over the rows after
/// every path that writes attendance or changes what it counts, on both engines (the import's path is in
/// the importer's tests).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PersonCountTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly DateTime Now = Clock.GetUtcNow().UtcDateTime;

    private static Task AssertKeptAsync(TestDatabase database, string after) => PersonCounts.AssertKeptAsync(database, after);

    private static async Task<DemoData> SeedAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_demo_seed_keeps_the_counts_and_seeding_anew_replaces_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var demo = await SeedAsync(database);
        await AssertKeptAsync(database, "the demo");
        Assert.Contains(demo.Meetings, m => m.State >= MeetingState.MinutesPublished && m.Attendance.Count > 0);

        await SeedAsync(database);
        await AssertKeptAsync(database, "the demo made anew (the old municipality removed with its people)");
        var kept = await database.WithContextAsync(db => PersonCounts.KeptAsync(db));
        Assert.DoesNotContain(kept, c => demo.People.Any(p => p.Id == c.Person));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_back_office_s_attendance_minutes_merges_reimports_and_deletes_keep_the_counts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var demo = await SeedAsync(database);
        var published = demo.Meetings.Where(m => m.State >= MeetingState.MinutesPublished && m.Attendance.Count > 0).OrderBy(m => m.Date).First();
        var present = published.Attendance.First(a => a.Status == AttendanceStatus.Present).PersonId;
        var absentee = demo.People.First(p => published.Attendance.All(a => a.PersonId != p.Id)).Id;

        // The attendance form: one status changed, one person added, on a meeting whose minutes are public.
        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<RecordAttendance>().ExecuteAsync(
                published.Id,
                new Dictionary<int, AttendanceStatus> { [present] = AttendanceStatus.Apologies, [absentee] = AttendanceStatus.Present },
                new Dictionary<int, int>(),
                CancellationToken.None);
        }

        await AssertKeptAsync(database, "the attendance form");

        // A guest at one item, typed by a new name.
        await using (var scope = database.Scope())
        {
            var item = published.Items.First();
            await scope.ServiceProvider.GetRequiredService<RecordAttendance>().AddGuestAsync(published.Id, "Gæst Gæstesen", item.Number, "Forvaltningen", null, CancellationToken.None);
        }

        await AssertKeptAsync(database, "a guest");

        // A status changed through the synchronous save.
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var meeting = await db.Meetings.Include(m => m.Attendance).ThenInclude(a => a.Person).SingleAsync(m => m.Id == published.Id);
            var row = meeting.Attendance.First(a => a.PersonId == absentee);
            meeting.RecordAttendance(row.Person, AttendanceStatus.Absent);
            db.SaveChanges();
        }

        await AssertKeptAsync(database, "a synchronous save");

        // A meeting of an earlier year: attendance recorded before the minutes are public counts only once they are.
        int earlier;
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var organization = (await store.FindAsync<Organization>(published.OrganizationId, CancellationToken.None))!;
            var meeting = new Meeting(organization, new DateOnly(2013, 2, 4), new TimeOnly(16, 0), null);
            meeting.AddItem("1", "Godkendelse af dagsorden");
            meeting.PublishAgenda(Now);
            meeting.MarkHeld(new DateOnly(2013, 2, 4));
            foreach (var id in demo.People.Take(3).Select(p => p.Id))
            {
                meeting.RecordAttendance((await store.FindAsync<Person>(id, CancellationToken.None))!, AttendanceStatus.Present);
            }

            store.Add(meeting);
            await store.SaveChangesAsync(CancellationToken.None);
            earlier = meeting.Id;
        }

        await AssertKeptAsync(database, "attendance of minutes not yet public");
        Assert.Empty(await database.WithContextAsync(db => db.PersonYearCounts.Where(c => c.Year == 2013).ToListAsync()));
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var meeting = (await store.FindMeetingAsync(earlier, CancellationToken.None))!;
            meeting.PublishMinutes(Now);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "publishing the minutes");
        Assert.Equal(3, await database.WithContextAsync(db => db.PersonYearCounts.Where(c => c.Year == 2013).SumAsync(c => c.Meetings)));

        // Two records of the same person merged: the removed one's attendance moves, duplicates go.
        var (kept, removed) = (demo.People[0].Id, demo.People[1].Id);
        await using (var scope = database.Scope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<IRegistryStore>();
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            await registry.MergeAsync((await registry.FindPersonAsync(kept, CancellationToken.None))!, (await registry.FindPersonAsync(removed, CancellationToken.None))!, CancellationToken.None);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "a merge");
        Assert.Empty(await database.WithContextAsync(db => db.PersonYearCounts.Where(c => c.PersonId == removed).ToListAsync()));

        // An imported meeting emptied for a reimport (its attendance removed, back to planned).
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var meeting = (await store.FindMeetingAsync(earlier, CancellationToken.None))!;
            meeting.MarkImported("referat-2013-02-04.txt", new string('b', 64), Now);
            await store.SaveChangesAsync(CancellationToken.None);
            meeting.ResetForReimport();
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "a reimport's reset");
        Assert.Empty(await database.WithContextAsync(db => db.PersonYearCounts.Where(c => c.Year == 2013).ToListAsync()));

        // A meeting with public minutes deleted without its attendance loaded: the rows go by cascade.
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            db.Remove(await db.Meetings.SingleAsync(m => m.Id == published.Id));
            await db.SaveChangesAsync();
        }

        await AssertKeptAsync(database, "a delete");

        // Rebuilt from the rows (as a restore does), the kept counts are the same.
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var before = await PersonCounts.KeptAsync(db);
            db.PersonYearCounts.RemoveRange(await db.PersonYearCounts.Where(c => c.PersonId == present).ToListAsync());
            db.Add(new PersonYearCount { PersonId = present, Year = 1999, Status = AttendanceStatus.Guest, Meetings = 7 });
            await db.SaveChangesAsync();
            await PersonCountKeeper.RebuildAsync(db, CancellationToken.None);
            Assert.Equal(before, await PersonCounts.KeptAsync(db));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Saves_of_one_unit_of_work_keep_the_counts_when_an_add_follows_a_recount(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var demo = await SeedAsync(database);
        var published = demo.Meetings.Where(m => m.State >= MeetingState.MinutesPublished).OrderBy(m => m.Date).ToList();

        // A person present at two meetings with public minutes in one year: deleting one of them leaves a kept row.
        var (deleted, person) = published.SelectMany(m => m.Attendance.Where(a => a.Status == AttendanceStatus.Present).Select(a => (Meeting: m, a.PersonId)))
            .First(p => published.Any(o => o != p.Meeting && o.Date.Year == p.Meeting.Date.Year && o.Attendance.Any(a => a.PersonId == p.PersonId && a.Status == AttendanceStatus.Present)));
        var year = deleted.Date.Year;

        // One context: a recount (a meeting deleted; a status changed on a tracked meeting is no longer counted anew but
        // taken off and added) leaves the person's kept rows of that year tracked; a meeting added with the person present
        // that year is then added to them, and deleted, counted anew. Had the add been written past the tracked
        // rows, the recount would find the count it sets equal to the stale tracked value and write nothing.
        await using (var scope = database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            store.Remove(await db.Meetings.Include(m => m.Attendance).SingleAsync(m => m.Id == deleted.Id));
            await store.SaveChangesAsync(CancellationToken.None);
            Assert.Contains(db.ChangeTracker.Entries<PersonYearCount>(), e => e.Entity.PersonId == person && e.Entity.Year == year);
            await AssertKeptAsync(database, "a meeting deleted");

            var meeting = new Meeting((await store.FindAsync<Organization>(deleted.OrganizationId, CancellationToken.None))!, deleted.Date, new TimeOnly(20, 0), null);
            meeting.AddItem("1", "Godkendelse af dagsorden");
            meeting.PublishAgenda(Now);
            meeting.MarkHeld(meeting.Date);
            meeting.RecordAttendance((await store.FindAsync<Person>(person, CancellationToken.None))!, AttendanceStatus.Present);
            meeting.PublishMinutes(Now);
            store.Add(meeting);
            await store.SaveChangesAsync(CancellationToken.None);
            await AssertKeptAsync(database, "a meeting added after a recount in the same context");

            // The person's status changed on that meeting: taken off one tracked row and added to another.
            meeting.RecordAttendance(meeting.Attendance.Single().Person, AttendanceStatus.Apologies);
            await store.SaveChangesAsync(CancellationToken.None);
            await AssertKeptAsync(database, "a status changed after a recount in the same context");

            store.Remove(meeting);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        await AssertKeptAsync(database, "that meeting deleted in the same context");
    }
}
