using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>The same persistence tests on both engines: SQLite (embedded) and a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PersistenceTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private Task<TestDatabase> Database(DatabaseProvider provider) => TestDatabase.CreateAsync(provider, postgres, Clock);

    private static async Task<DemoData> SeedAsync(TestDatabase db)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrations_are_complete_and_match_the_model(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        await db.WithContextAsync(async context =>
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
            Assert.False(context.Database.HasPendingModelChanges(), "The model has changes without a migration for " + provider);
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_import_reads_a_days_meetings_by_their_files_and_item_titles_without_loading_them(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        var demo = await SeedAsync(db);
        var withItems = demo.Meetings.First(m => m.Items.Count > 1);
        int importedId;
        await using (var scope = db.Scope())
        {
            // An imported meeting without items on the same day, and one on another day.
            var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var organization = await context.Organizations.SingleAsync(o => o.Id == withItems.OrganizationId);
            var imported = new Meeting(organization, withItems.Date);
            imported.MarkImported("samme dag.txt", new string('a', 64), Clock.GetUtcNow().UtcDateTime);
            context.Add(imported);
            context.Add(new Meeting(organization, withItems.Date.AddDays(1)));
            await context.SaveChangesAsync();
            importedId = imported.Id;
        }

        await using (var scope = db.Scope())
        {
            var day = await scope.ServiceProvider.GetRequiredService<IProtokolStore>().MeetingsOnDateAsync(withItems.OrganizationId, withItems.Date, CancellationToken.None);
            var expected = demo.Meetings.Where(m => m.OrganizationId == withItems.OrganizationId && m.Date == withItems.Date).OrderBy(m => m.Id)
                .Select(m => (m.Id, m.ImportedFrom, m.ImportedSha256, Titles: string.Join("|", m.Items.Select(i => i.Title).Order(StringComparer.Ordinal))))
                .Append((importedId, "samme dag.txt", new string('a', 64), string.Empty));
            Assert.Equal(expected, day.Select(m => (m.Id, m.ImportedFrom, m.ImportedSha256, string.Join("|", m.ItemTitles.Order(StringComparer.Ordinal)))));
            Assert.Empty(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().ChangeTracker.Entries());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_import_reads_the_open_follow_ups_of_earlier_imported_minutes_with_their_dates_and_nothing_else(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        await SeedAsync(db);
        var day = new DateOnly(2020, 6, 1);
        int councilId, earlierId, openId, fromLaterId;
        await using (var scope = db.Scope())
        {
            // Open follow-ups of earlier imported minutes (one), of closed ones, of later minutes, of minutes
            // typed in (not imported), of another council's minutes: only the first is read.
            var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var body = await context.Bodies.Include(b => b.Organizations).FirstAsync();
            var council = body.AddOrganization("importeret-raad", "Importeret råd", OrganizationKind.Council);
            var other = body.AddOrganization("andet-raad", "Andet råd", OrganizationKind.Council);
            var earlier = new Meeting(council, day.AddDays(-10));
            earlier.MarkImported("tidligere.txt", new string('b', 64), Clock.GetUtcNow().UtcDateTime);
            var later = new Meeting(council, day.AddDays(5));
            later.MarkImported("senere.txt", new string('c', 64), Clock.GetUtcNow().UtcDateTime);
            var typedIn = new Meeting(council, day.AddDays(-20));
            var elsewhere = new Meeting(other, day.AddDays(-10));
            elsewhere.MarkImported("andet.txt", new string('d', 64), Clock.GetUtcNow().UtcDateTime);
            var open = new Core.FollowUps.FollowUp(council, "Åben fra tidligere referat", null, null, false, earlier);
            var done = new Core.FollowUps.FollowUp(council, "Afsluttet", null, null, false, earlier);
            done.Complete(day.AddDays(-9));
            var fromLater = new Core.FollowUps.FollowUp(council, "Fra senere referat", null, null, false, later);
            context.AddRange(earlier, later, typedIn, elsewhere, open, done, fromLater,
                new Core.FollowUps.FollowUp(council, "Fra indtastet møde", null, null, false, typedIn),
                new Core.FollowUps.FollowUp(other, "Andet råd", null, null, false, elsewhere));
            await context.SaveChangesAsync();
            (councilId, earlierId, openId, fromLaterId) = (council.Id, earlier.Id, open.Id, fromLater.Id);
        }

        await using (var scope = db.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var read = await store.OpenImportedFollowUpsAsync(councilId, day, CancellationToken.None);
            Assert.Equal([(openId, day.AddDays(-10))], read.Select(r => (r.FollowUp.Id, r.OriginDate)));
            Assert.Null(read[0].FollowUp.OriginMeeting);
            Assert.Empty(await store.OpenImportedFollowUpsAsync(councilId, day.AddDays(-10), CancellationToken.None));
        }

        await using (var scope = db.Scope())
        {
            // A meeting this unit of work has moved counts as it is now: the earlier minutes moved past the day are not before it.
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var moved = await store.FindMeetingAsync(earlierId, CancellationToken.None);
            moved!.Reschedule(day.AddDays(1), null, null);
            Assert.Empty(await store.OpenImportedFollowUpsAsync(councilId, day, CancellationToken.None));
            Assert.Equal(
                [(openId, day.AddDays(1)), (fromLaterId, day.AddDays(5))],
                (await store.OpenImportedFollowUpsAsync(councilId, day.AddDays(6), CancellationToken.None)).Select(r => (r.FollowUp.Id, r.OriginDate)).OrderBy(r => r.Id));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_whole_demo_council_round_trips(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        var demo = await SeedAsync(db);

        await db.WithContextAsync(async context =>
        {
            Assert.Equal(demo.People.Count, await context.People.CountAsync());
            Assert.Equal(demo.Memberships.Count, await context.Memberships.CountAsync());
            Assert.Equal(demo.Meetings.Count, await context.Meetings.CountAsync());
            Assert.Equal(demo.Meetings.Sum(m => m.Items.Count), await context.AgendaItems.CountAsync());
            Assert.Equal(demo.Meetings.Sum(m => m.Attendance.Count), await context.Attendance.CountAsync());
            Assert.Equal(demo.FollowUps.Count, await context.FollowUps.CountAsync());
            Assert.Equal(demo.Hearings.Count, await context.Hearings.CountAsync());

            var original = demo.Meetings.First(m => m.Items.Any(i => i.Parent is not null) && m.State >= MeetingState.MinutesPublished);
            var loaded = await context.Meetings
                .Include(m => m.Items).Include(m => m.Location).Include(m => m.Host).Include(m => m.MinutesApprovedBy)
                .Include(m => m.Attendance).ThenInclude(a => a.GuestItems)
                .Include(m => m.Attendance).ThenInclude(a => a.SubstituteFor)
                .AsSplitQuery()
                .SingleAsync(m => m.Id == original.Id);
            Assert.Equal(original.Date, loaded.Date);
            Assert.Equal(original.StartTime, loaded.StartTime);
            Assert.Equal(original.EndTime, loaded.EndTime);
            Assert.Equal(original.State, loaded.State);
            Assert.Equal(original.Location!.Description, loaded.Location!.Description);
            Assert.Equal(original.Host!.Name, loaded.Host!.Name);
            Assert.Equal(original.MinutesApprovedBy?.Date, loaded.MinutesApprovedBy?.Date);
            Assert.Equal(
                original.ItemsInOrder.Select(i => (i.Number, i.Title, i.Kind, i.IsPublic, i.Minutes, i.Decision, i.Withdrawn, i.Parent?.Number)),
                loaded.ItemsInOrder.Select(i => (i.Number, i.Title, i.Kind, i.IsPublic, i.Minutes, i.Decision, i.Withdrawn, i.Parent?.Number)));
            Assert.Equal(
                original.Attendance.Select(a => (a.Person.Name, a.Status, a.SubstituteFor?.Name, string.Join(",", a.GuestItems.Select(i => i.Number)))).Order(),
                loaded.Attendance.Select(a => (context.People.Find(a.PersonId)!.Name, a.Status, a.SubstituteFor?.Name, string.Join(",", a.GuestItems.Select(i => i.Number)))).Order());
            Assert.Equal(DateTimeKind.Utc, loaded.Created.Kind);
            Assert.Equal(Clock.Now.UtcDateTime, loaded.Created);
            Assert.Equal(1, loaded.Version);

            var council = await context.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
            Assert.Equal(["Godkendelse af referat", "Godkendelse af dagsorden", "Nyt fra formanden", "Nyt fra forvaltningen", "Eventuelt"],
                council.StandingItems.OrderBy(s => s.Position).Select(s => s.Title));
            var mogens = await context.People.SingleAsync(p => p.Name == "Mogens Aagaard");
            Assert.True(mogens.IsKnownAs("Mogens Ågaard"));
            var hidden = await context.People.SingleAsync(p => p.Publication == PublicationLevel.RoleOnly);
            Assert.Equal("Brugerrepræsentant", hidden.PublicRole);
            var carried = await context.FollowUps.Include(f => f.CarriedToItem).Include(f => f.Owner).FirstAsync(f => f.CarriedToItemId != null);
            Assert.StartsWith(DraftAgendaBuilder.FollowUpTitlePrefix, carried.CarriedToItem!.Title, StringComparison.Ordinal);
            Assert.NotNull(carried.Owner);
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Two_concurrent_edits_of_one_item_raise_a_conflict_instead_of_losing_one(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        var demo = await SeedAsync(db);
        var meetingId = demo.Meetings.Single(m => m.State == MeetingState.MinutesPublished).Id;
        var itemId = demo.Meetings.Single(m => m.Id == meetingId).ItemsInOrder.First(i => i.Minutes is not null).Id;

        // Two secretaries open the same item.
        await using var first = db.Scope();
        await using var second = db.Scope();
        var firstStore = first.ServiceProvider.GetRequiredService<IProtokolStore>();
        var secondStore = second.ServiceProvider.GetRequiredService<IProtokolStore>();
        var firstCopy = (await firstStore.FindAgendaItemAsync(itemId, CancellationToken.None))!;
        var secondCopy = (await secondStore.FindAgendaItemAsync(itemId, CancellationToken.None))!;

        firstCopy.Meeting.RecordMinutes(firstCopy, "Den første sekretærs tekst.", "Godkendt");
        await firstStore.SaveChangesAsync(CancellationToken.None);
        secondCopy.Meeting.RecordMinutes(secondCopy, "Den anden sekretærs tekst.", "Vedtaget");
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => secondStore.SaveChangesAsync(CancellationToken.None));

        Assert.Equal(nameof(AgendaItem), conflict.EntityType);
        Assert.Equal(itemId, conflict.EntityId);
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.StoredVersion);
        var stored = await db.WithContextAsync(c => c.AgendaItems.SingleAsync(i => i.Id == itemId));
        Assert.Equal("Den første sekretærs tekst.", stored.Minutes);
        Assert.Equal(2, stored.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_edit_made_on_a_stale_copy_is_refused_by_the_use_case(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        var demo = await SeedAsync(db);
        var meeting = demo.Meetings.Single(m => m.State == MeetingState.MinutesPublished);
        var item = meeting.ItemsInOrder.First(i => i.Minutes is not null);

        await using (var scope = db.Scope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<WriteMinutes>().ExecuteAsync(meeting.Id, [new MinutesEntry(item.Id, 1, "Rettet referat.", "Godkendt")], CancellationToken.None);
            Assert.Equal(2, saved.Single().Version);
        }

        await using (var scope = db.Scope())
        {
            var useCase = scope.ServiceProvider.GetRequiredService<WriteMinutes>();
            var conflict = await Assert.ThrowsAsync<EditConflictException>(() => useCase.ExecuteAsync(meeting.Id, [new MinutesEntry(item.Id, 1, "Forældet tekst.", null)], CancellationToken.None));
            Assert.Contains(conflict.Conflicts, c => c.Stored.Contains("Rettet referat.", StringComparison.Ordinal));
        }

        var stored = await db.WithContextAsync(c => c.AgendaItems.SingleAsync(i => i.Id == item.Id));
        Assert.Equal("Rettet referat.", stored.Minutes);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Item_numbers_are_unique_within_a_meeting_in_the_database_too(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        var demo = await SeedAsync(db);
        var meeting = demo.Meetings.First();
        var item = meeting.ItemsInOrder.First();

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var now = Clock.Now.UtcDateTime;
        await Assert.ThrowsAnyAsync<DbException>(() => context.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "AgendaItems" ("MeetingId", "Number", "Position", "Title", "Kind", "IsPublic", "Withdrawn", "Version", "Created", "Modified") VALUES ({meeting.Id}, {item.Number}, {item.Position}, {"Dublet"}, {"Information"}, {true}, {false}, {1L}, {now}, {now})"""));
        Assert.Equal(1, await context.AgendaItems.CountAsync(i => i.MeetingId == meeting.Id && i.Number == item.Number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Recreating_the_demo_replaces_it_and_leaves_other_bodies_alone(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        await SeedAsync(db);
        await db.WithContextAsync(async context =>
        {
            var other = new Body("andenby", "Andenby Kommune");
            other.AddOrganization("aeldreraadet", "Ældrerådet", OrganizationKind.Council);
            context.Add(other);
            context.Add(new Person(other, "Anders And"));
            return await context.SaveChangesAsync();
        });

        var again = await SeedAsync(db);

        await db.WithContextAsync(async context =>
        {
            Assert.Equal(2, await context.Bodies.CountAsync());
            Assert.Equal(again.Meetings.Count, await context.Meetings.CountAsync());
            Assert.Equal(again.People.Count + 1, await context.People.CountAsync());
            Assert.Equal(again.Meetings.Sum(m => m.Items.Count), await context.AgendaItems.CountAsync());
            Assert.True(await context.Organizations.AnyAsync(o => o.Slug == "aeldreraadet"));
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_portal_queries_list_public_meetings_by_year_and_gate_the_rest(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        var demo = await SeedAsync(db);
        await using var scope = db.Scope();
        var portal = new PortalService(scope.ServiceProvider.GetRequiredService<IPortalQueries>(), Clock);

        var organizations = await portal.ListOrganizationsAsync(CancellationToken.None);
        var council = organizations.Single(o => o.Slug == DemoCouncil.CouncilSlug);
        Assert.DoesNotContain(organizations, o => o.Kind == OrganizationKind.ExternalOrganisation);
        Assert.Equal(demo.Meetings.Count(m => m.State >= MeetingState.AgendaPublished), council.MeetingCount);
        Assert.Equal(new DateOnly(2026, 11, 24), council.NextMeeting?.Date);
        Assert.Equal(demo.Meetings.Where(m => m.State >= MeetingState.MinutesPublished).Max(m => m.Date), council.LatestMinutes?.Date);

        // The search page's council filter: the same councils as the front page's with public meetings, in its order.
        Assert.Equal(
            organizations.Where(o => o.MeetingCount > 0).Select(o => (o.Slug, o.Name)),
            await scope.ServiceProvider.GetRequiredService<IPortalQueries>().ListSearchableCouncilsAsync(CancellationToken.None));
        Assert.Contains(organizations, o => o.MeetingCount == 0);

        var year = await portal.GetOrganizationMeetingsAsync(DemoCouncil.CouncilSlug, null, CancellationToken.None);
        Assert.Equal(2026, year!.Year);
        Assert.Equal([2027, 2026, 2025], year.Years); // 2027 is planned: public with time and place
        Assert.Equal(year.Meetings.OrderBy(m => m.Date).Select(m => m.Id), year.Meetings.Select(m => m.Id));
        var plannedYear = await portal.GetOrganizationMeetingsAsync(DemoCouncil.CouncilSlug, 2027, CancellationToken.None);
        Assert.All(plannedYear!.Meetings.Where(m => m.State == MeetingState.Planned), m => Assert.Equal(0, m.ItemCount));
        Assert.Null(await portal.GetOrganizationMeetingsAsync("findes-ikke", null, CancellationToken.None));

        var planned = demo.Meetings.First(m => m.State == MeetingState.Planned);
        var plannedPage = (await portal.GetMeetingAsync(planned.Id, CancellationToken.None))!;
        Assert.False(plannedPage.AgendaVisible);
        Assert.Empty(plannedPage.Items);
        Assert.Empty(plannedPage.Attachments);

        var approved = demo.Meetings.First(m => m.State == MeetingState.MinutesApproved && m.Attendance.Any(a => a.SubstituteFor is not null));
        var page = (await portal.GetMeetingAsync(approved.Id, CancellationToken.None))!;
        Assert.True(page.MinutesVisible);
        Assert.Equal(approved.MinutesApprovedBy!.Id, page.ApprovedByMeetingId);
        Assert.Contains(page.Present, p => p.Detail?.Contains("suppleant for", StringComparison.Ordinal) == true);
        Assert.Contains(page.Present, p => p.Name == "Lene Bjerregaard" && p.Detail == "formand, Foreningen Fristedet");
        Assert.DoesNotContain(page.Present.Concat(page.Apologies), p => p.Name == "Jens-Ole Vinther");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_person_s_attendance_is_read_one_year_at_a_time_with_totals_over_every_year(DatabaseProvider provider)
    {
        await using var db = await Database(provider);
        var demo = await SeedAsync(db);
        await using var scope = db.Scope();
        var portal = new PortalService(scope.ServiceProvider.GetRequiredService<IPortalQueries>(), Clock);
        var chair = demo.People.Single(p => p.Name == "Lene Bjerregaard");
        var attended = demo.Meetings.Where(m => m.State >= MeetingState.MinutesPublished)
            .SelectMany(m => m.Attendance.Where(a => a.Person == chair).Select(a => (m.Date, a.Status))).ToList();
        var years = attended.Select(a => a.Date.Year).Distinct().OrderDescending().ToList();
        Assert.True(years.Count > 1);

        var newest = (await portal.GetPersonAsync(chair.Id, null, CancellationToken.None))!;
        Assert.Equal(years, newest.Years);
        Assert.Equal(years[0], newest.Year);
        Assert.Equal(attended.Where(a => a.Date.Year == years[0]).Select(a => a.Date).OrderDescending(), newest.Attendance.Select(a => a.Date));
        Assert.Equal(new AttendanceTotals(
            attended.Count(a => a.Status == AttendanceStatus.Present),
            attended.Count(a => a.Status != AttendanceStatus.Guest),
            attended.Count(a => a.Status == AttendanceStatus.Guest)), newest.Totals);
        Assert.Equal(demo.Memberships.Count(m => m.Person == chair), newest.Seats.Count);

        var older = (await portal.GetPersonAsync(chair.Id, years[^1], CancellationToken.None))!;
        Assert.Equal(years[^1], older.Year);
        Assert.Equal(newest.Totals, older.Totals);
        Assert.All(older.Attendance, a => Assert.Equal(years[^1], a.Date.Year));
        Assert.Equal(attended.Count(a => a.Date.Year == years[^1]), older.Attendance.Count);

        var none = (await portal.GetPersonAsync(chair.Id, 2001, CancellationToken.None))!;
        Assert.False(none.YearFound);
        Assert.Empty(none.Attendance);
        Assert.Null(await portal.GetPersonAsync(999_999, null, CancellationToken.None));
    }
}
