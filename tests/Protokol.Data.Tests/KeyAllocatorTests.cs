using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// New rows get their keys before the save (<see cref="KeyAllocator"/>) and a table's new rows go in as one statement
/// on SQLite (<see cref="SqliteInsertRowsBatch"/>): the keys must be the database's own, never given twice, never
/// shared by two writers, and every row must land with its own values.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyAllocatorTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static async Task<int> CouncilAsync(TestDatabase database)
    {
        return await database.WithContextAsync(async context =>
        {
            var body = new Body("noegler", "Nøgleby Kommune");
            var council = body.AddOrganization("raadet", "Rådet", OrganizationKind.Council);
            context.Add(body);
            await context.SaveChangesAsync();
            return council.Id;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task New_rows_get_the_keys_the_database_gave_them_before_and_the_log_and_outbox_name_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var councilId = await CouncilAsync(database);
        var (first, second, items) = await database.WithContextAsync(async context =>
        {
            var council = await context.Organizations.SingleAsync(o => o.Id == councilId);
            var a = new Meeting(council, new DateOnly(2026, 1, 5));
            var b = new Meeting(council, new DateOnly(2026, 2, 5));
            context.AddRange(a, b);
            var added = new[] { a.AddItem("1", "Første"), b.AddItem("1", "Andet"), a.AddItem("2", "Tredje"), a.AddItem("3", "Fjerde") };
            await context.SaveChangesAsync();
            return (a, b, added);
        });

        // The order EF Core tracked them in, as the database gave them before keys were handed out by the save: the
        // meetings as added, then each meeting's items with it (the items are found through the meetings at the save).
        Assert.Equal(first.Id + 1, second.Id);
        Assert.Equal(Enumerable.Range(items[0].Id, items.Length), new[] { items[0], items[2], items[3], items[1] }.Select(i => i.Id));
        var stored = await database.WithContextAsync(context => context.AgendaItems.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.Id, i.MeetingId, i.Title }).ToListAsync());
        Assert.Equal(
            [(items[0].Id, first.Id, "Første"), (items[2].Id, first.Id, "Tredje"), (items[3].Id, first.Id, "Fjerde"), (items[1].Id, second.Id, "Andet")],
            stored.Select(i => (i.Id, i.MeetingId, i.Title)));
        var logged = await database.WithContextAsync(context => context.AuditLog.AsNoTracking().Where(e => e.EntityType == nameof(Meeting)).Select(e => e.EntityId).OrderBy(id => id).ToListAsync());
        Assert.Equal([first.Id, second.Id], logged);
        var outbox = await database.WithContextAsync(context => context.SearchOutbox.AsNoTracking().Select(e => e.Source).ToListAsync());
        Assert.Contains("m:" + first.Id, outbox);
        Assert.Contains("m:" + second.Id, outbox);

        // The newest meeting removed: its key is not given again (SQLite's AUTOINCREMENT, PostgreSQL's sequence).
        await database.WithContextAsync(async context =>
        {
            context.Remove(await context.Meetings.SingleAsync(m => m.Id == second.Id));
            return await context.SaveChangesAsync();
        });
        var third = await database.WithContextAsync(async context =>
        {
            var meeting = new Meeting(await context.Organizations.SingleAsync(o => o.Id == councilId), new DateOnly(2026, 3, 5));
            context.Add(meeting);
            await context.SaveChangesAsync();
            return meeting.Id;
        });
        Assert.True(third > second.Id, $"a removed meeting's key {second.Id} was given again ({third})");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Two_writers_at_once_never_get_the_same_key(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var councilId = await CouncilAsync(database);

        // A second set of services with its own connections, as a command-line import beside the running portal.
        await using var other = database.Build();
        const int Saves = 15;
        async Task WriteAsync(IServiceProvider services, string writer)
        {
            for (var n = 0; n < Saves; n++)
            {
                await using var scope = services.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
                var meeting = new Meeting(await context.Organizations.SingleAsync(o => o.Id == councilId), new DateOnly(2026, 1, 1).AddDays(n));
                context.Add(meeting);
                meeting.AddItem("1", $"{writer} {n} a");
                meeting.AddItem("2", $"{writer} {n} b");
                await context.SaveChangesAsync();
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(database.Services, "A")), Task.Run(() => WriteAsync(other, "B")));

        var meetings = await database.WithContextAsync(context => context.Meetings.AsNoTracking()
            .Select(m => new { m.Id, Titles = m.Items.OrderBy(i => i.Position).Select(i => i.Title).ToList() }).ToListAsync());
        Assert.Equal(2 * Saves, meetings.Count);
        foreach (var meeting in meetings)
        {
            // Each meeting holds exactly its own two items: no row went to another writer's meeting.
            Assert.Equal(2, meeting.Titles.Count);
            Assert.Equal(meeting.Titles[0][..^2], meeting.Titles[1][..^2]);
        }

        Assert.Equal(2 * Saves, meetings.Select(m => m.Titles[0]).Distinct().Count());
        var logged = await database.WithContextAsync(context => context.AuditLog.AsNoTracking().Where(e => e.EntityType == nameof(Meeting)).Select(e => e.EntityId).ToListAsync());
        Assert.Equal(meetings.Select(m => m.Id).Order(), logged.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task More_rows_than_one_statement_takes_land_each_with_its_own_values(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var councilId = await CouncilAsync(database);
        const int Count = 1_234;
        await database.WithContextAsync(async context =>
        {
            var meeting = new Meeting(await context.Organizations.SingleAsync(o => o.Id == councilId), new DateOnly(2026, 4, 1));
            context.Add(meeting);
            for (var n = 1; n <= Count; n++)
            {
                meeting.AddItem(n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Punkt {n}", n % 3 == 0 ? AgendaItemKind.Decision : AgendaItemKind.Information, isPublic: n % 7 != 0, publicText: n % 5 == 0 ? $"Offentlig tekst {n}" : null);
            }

            return await context.SaveChangesAsync();
        });

        var stored = await database.WithContextAsync(context => context.AgendaItems.AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new { i.Number, i.Title, i.Kind, i.IsPublic, i.PublicText }).ToListAsync());
        Assert.Equal(Count, stored.Count);
        for (var n = 1; n <= Count; n++)
        {
            var item = stored[n - 1];
            Assert.Equal((n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Punkt {n}"), (item.Number, item.Title));
            Assert.Equal(n % 3 == 0 ? AgendaItemKind.Decision : AgendaItemKind.Information, item.Kind);
            Assert.Equal(n % 7 != 0, item.IsPublic);
            Assert.Equal(n % 5 == 0 ? $"Offentlig tekst {n}" : null, item.PublicText);
        }
    }
}
