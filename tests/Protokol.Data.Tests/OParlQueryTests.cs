using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>OParl's reads on both engines: lists by keyset and by offset, and meetings read a page at a time as the portal reads them one by one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OParlQueryTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static async Task<(TestDatabase Db, DemoData Demo, int Body)> SeedAsync(DatabaseProvider provider, PostgresCluster postgres)
    {
        var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        DemoData demo;
        await using (var scope = db.Scope())
        {
            demo = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        var body = await db.WithContextAsync(context => context.Bodies.Select(b => b.Id).SingleAsync());
        return (db, demo, body);
    }

    /// <summary>Every entry of a list, page after page: following the cursor, or by number.</summary>
    private static async Task<List<OParlEntry>> WalkAsync(IOParlQueries queries, OParlList list, int owner, int size, bool byCursor, int stride = 0)
    {
        var all = new List<OParlEntry>();
        OParlCursor? after = null;
        for (var page = 0; ; page++)
        {
            var read = (await queries.ListAsync(list, owner, OParlListFilter.None, new OParlPageRequest(size, byCursor ? 0 : page * size, after, stride), CancellationToken.None))!;
            all.AddRange(read.Entries);
            if (all.Count >= read.Total || read.Entries.Count == 0)
            {
                Assert.Equal(read.Total, all.Count);
                return all;
            }

            after = byCursor ? read.Next : null;
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Lists_page_the_same_by_cursor_and_by_number_and_hold_planned_meetings_but_not_their_items(DatabaseProvider provider)
    {
        var (db, demo, body) = await SeedAsync(provider, postgres);
        await using var _ = db;
        await using var scope = db.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();

        var meetings = await WalkAsync(queries, OParlList.Meeting, body, 5, byCursor: true);
        Assert.Equal(demo.Meetings.Select(m => m.Id).Order(), meetings.Select(e => e.Id));
        Assert.Equal(meetings, await WalkAsync(queries, OParlList.Meeting, body, 5, byCursor: false));

        var items = await WalkAsync(queries, OParlList.AgendaItem, body, 7, byCursor: true);
        Assert.Equal(demo.Meetings.Where(m => m.State >= MeetingState.AgendaPublished).SelectMany(m => m.Items).Select(i => i.Id).Order(), items.Select(e => e.Id));
        Assert.Equal(items, await WalkAsync(queries, OParlList.AgendaItem, body, 7, byCursor: false));

        // Attachments, then agendas and minutes: the cursor crosses from one part to the next.
        var files = await WalkAsync(queries, OParlList.File, body, 3, byCursor: true);
        Assert.Equal(files, await WalkAsync(queries, OParlList.File, body, 3, byCursor: false));
        Assert.Contains(files, f => f.Kind == OParlKind.MeetingDocument);

        Assert.Null(await queries.ListAsync(OParlList.Meeting, body + 1000, OParlListFilter.None, new OParlPageRequest(10), CancellationToken.None));
        var future = new OParlListFilter(CreatedSince: new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, (await queries.ListAsync(OParlList.Meeting, body, future, new OParlPageRequest(10), CancellationToken.None))!.Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_run_of_items_reads_its_meetings_keys_in_the_same_command_and_by_their_ids_when_the_meetings_lie_far_apart(DatabaseProvider provider)
    {
        var (db, demo, _) = await SeedAsync(provider, postgres);
        await using var database = db;
        var sessions = db.Services.GetRequiredService<Portal.ReadSessions>();
        var run = new List<string>();
        sessions.Executed = run.Add;
        int[] ids = [.. demo.Meetings.Where(m => m.State >= MeetingState.AgendaPublished).SelectMany(m => m.Items).Select(i => i.Id).Order()];
        Assert.True(OParl.OParlQueries.IsDense(ids), "the demo's public items must be a dense run of ids, as a page of the list is");
        const string Writer = "test-writer";

        async Task<List<(int Id, int Meeting, MeetingState State, string Key, bool Current)>> KeysAsync(int spanLimit, int commands)
        {
            OParl.OParlQueries.MeetingSpanLimit = spanLimit;
            try
            {
                run.Clear();
                await using var scope = db.Scope();
                var keys = await scope.ServiceProvider.GetRequiredService<IOParlQueries>().KeptAgendaItemsAsync(ids, Writer, CancellationToken.None);
                Assert.Equal(commands, run.Count);
                return [.. keys.Select(k => (k.Id, k.MeetingId, k.State, k.Key, k.Json is not null)).OrderBy(k => k.Id)];
            }
            finally
            {
                OParl.OParlQueries.MeetingSpanLimit = 256;
            }
        }

        // One command for the items and their meetings' keys; with the meetings too far apart for it, a second reads them by id.
        var together = await KeysAsync(256, commands: 1);
        Assert.Contains("MeetingStamps", Assert.Single(run), StringComparison.Ordinal);
        Assert.Equal(ids, together.Select(k => k.Id));
        Assert.True(together.Select(k => k.Meeting).Distinct().Count() > 2);
        Assert.Equal(together, await KeysAsync(1, commands: 2));

        // Kept under the keys read together, the objects are current read either way; an edit makes its meeting's items stale in both.
        await using (var scope = db.Scope())
        {
            var objects = together.ConvertAll(k => new OParlKeptObject(k.Id, k.Meeting, k.State, k.Key, [(byte)'{', (byte)'}']));
            Assert.True(await scope.ServiceProvider.GetRequiredService<IOParlQueries>().KeepObjectsAsync([], objects, CancellationToken.None));
        }

        Assert.All(await KeysAsync(256, commands: 1), k => Assert.True(k.Current));
        Assert.All(await KeysAsync(1, commands: 2), k => Assert.True(k.Current));
        var edited = together[together.Count / 2];
        await db.WithContextAsync(async context =>
        {
            // As an import or the back office changes an item: its row, saved.
            var item = await context.AgendaItems.SingleAsync(i => i.Id == edited.Id);
            context.Entry(item).Property(i => i.Title).CurrentValue = item.Title + " (rettet)";
            return await context.SaveChangesAsync();
        });
        var after = await KeysAsync(256, commands: 1);
        Assert.Equal(together.Where(k => k.Meeting == edited.Meeting).Select(k => k.Id), after.Where(k => !k.Current).Select(k => k.Id));
        Assert.Equal(after, await KeysAsync(1, commands: 2));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_list_keeps_its_boundaries_on_its_usual_pages_and_reads_the_same_entries(DatabaseProvider provider)
    {
        // The index's own stride (256) is longer than the demo's lists: only the usual page size makes boundaries here.
        var (db, _, body) = await SeedAsync(provider, postgres);
        await using var _ = db;
        await using var scope = db.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var index = scope.ServiceProvider.GetRequiredService<OParl.OParlListIndex>();
        Assert.Equal(OParl.OParlListIndex.DefaultStride, index.Stride);

        // A stride closer than OParlListIndex.MinStride (10) is not kept: boundaries every 10 entries here.
        foreach (var list in new[] { OParlList.AgendaItem, OParlList.Meeting, OParlList.File })
        {
            // As the portal asks: every request of a list names its usual page size, the first one kept decides.
            var byCursor = await WalkAsync(queries, list, body, 10, byCursor: true, stride: 3);
            Assert.True(list != OParlList.AgendaItem || byCursor.Count > 20, "too few agenda items to cross two boundaries");
            Assert.Equal(byCursor, await WalkAsync(queries, list, body, 10, byCursor: false, stride: 3));

            // Pages of another size than the usual one start between two boundaries: still the same entries.
            Assert.Equal(byCursor, await WalkAsync(queries, list, body, 4, byCursor: false, stride: 3));
        }

        var version = await db.WithContextAsync(context => context.AuditLog.MaxAsync(a => a.Id));
        var kept = index.Find(new OParl.OParlListIndex.Key(OParlList.AgendaItem, body, OParlListFilter.None), version);
        Assert.NotNull(kept);
        Assert.Equal(OParl.OParlListIndex.MinStride, kept.Stride);
        Assert.NotNull(kept.Boundaries[0]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pages_by_number_start_at_the_kept_boundaries_and_follow_a_change_at_once(DatabaseProvider provider)
    {
        // Boundaries every 2 entries, so that the demo's lists have many of them; pages of 3 cross them.
        var db = await TestDatabase.CreateAsync(provider, postgres, Clock, (services, _) => services.AddSingleton(new OParl.OParlListIndex(Clock, stride: 2)));
        await using var _ = db;
        await using (var seed = db.Scope())
        {
            await seed.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        var body = await db.WithContextAsync(context => context.Bodies.Select(b => b.Id).SingleAsync());
        async Task<(List<OParlEntry> ByCursor, List<OParlEntry> ByNumber, List<OParlEntry> OneByOne)> WalkAllAsync(OParlList list)
        {
            await using var scope = db.Scope();
            var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
            return (await WalkAsync(queries, list, body, 3, byCursor: true), await WalkAsync(queries, list, body, 3, byCursor: false), await WalkAsync(queries, list, body, 1, byCursor: false));
        }

        foreach (var list in new[] { OParlList.AgendaItem, OParlList.Meeting, OParlList.File, OParlList.Person, OParlList.Membership })
        {
            var (byCursor, byNumber, oneByOne) = await WalkAllAsync(list);
            Assert.True(byCursor.Count > 6, $"{list}: too short to cross boundaries");
            Assert.Equal(byCursor, byNumber);
            Assert.Equal(byCursor, oneByOne);
        }

        // An item near the start of the list removed: every later page shifts by one, and the kept boundaries with it.
        var (before, _, _) = await WalkAllAsync(OParlList.AgendaItem);
        var early = before.Take(before.Count / 2).Select(e => e.Id).ToList();
        var removed = await db.WithContextAsync(context => context.AgendaItems
            .Where(i => early.Contains(i.Id) && !context.AgendaItems.Any(c => c.ParentId == i.Id) && !context.Attachments.Any(a => a.AgendaItemId == i.Id) && !context.Hearings.Any(h => h.AgendaItemId == i.Id))
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        await db.WithContextAsync(async context =>
        {
            context.AgendaItems.Remove(await context.AgendaItems.SingleAsync(i => i.Id == removed));
            return await context.SaveChangesAsync();
        });
        var (afterByCursor, afterByNumber, afterOneByOne) = await WalkAllAsync(OParlList.AgendaItem);
        Assert.Equal(before.Where(e => e.Id != removed).Select(e => e.Id), afterByCursor.Where(e => e.Removed is null).Select(e => e.Id));
        Assert.Contains(afterByCursor, e => e.Id == removed && e.Removed is not null);
        Assert.Equal(afterByCursor, afterByNumber);
        Assert.Equal(afterByCursor, afterOneByOne);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_page_of_meetings_is_read_as_the_portal_reads_each_meeting(DatabaseProvider provider)
    {
        var (db, demo, _) = await SeedAsync(provider, postgres);
        await using var _ = db;
        await using var scope = db.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();

        var records = await queries.MeetingsAsync(demo.Meetings.Select(m => m.Id).ToList(), CancellationToken.None);
        Assert.Equal(demo.Meetings.Count, records.Count);
        foreach (var record in records)
        {
            var one = (await portal.GetMeetingAsync(record.Record.Id, CancellationToken.None))!;
            if (record.Record.State >= MeetingState.AgendaPublished)
            {
                Assert.Equal(JsonSerializer.Serialize(one), JsonSerializer.Serialize(record.Record));
                Assert.Equal(one.Items.Select(i => i.Id).Order(), record.ItemStamps.Keys.Order());
            }
            else
            {
                // A planned meeting's draft agenda, attachments and attendance are not even read.
                Assert.Equal(JsonSerializer.Serialize(one with { Items = [], Attendance = [], Attachments = [] }), JsonSerializer.Serialize(record.Record));
                Assert.Empty(record.ItemStamps);
                Assert.Empty(record.AttachmentTexts);
            }
        }

        Assert.Contains(records, r => r.Record.Attendance.Count > 0 && r.Record.Attachments.Count > 0);
        Assert.Contains(records, r => r.ItemHearings.Count > 0);
        Assert.Contains(records, r => r.Record.State == MeetingState.Planned && demo.Meetings.Single(m => m.Id == r.Record.Id).Items.Count > 0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_unfiltered_lists_read_without_EF_Core_what_EF_Core_reads_for_a_filter_that_keeps_everything(DatabaseProvider provider)
    {
        // Boundaries every 2 entries, so that pages by number start at many kept boundaries (each list's ids read once for them).
        var db = await TestDatabase.CreateAsync(provider, postgres, Clock, (services, _) => services.AddSingleton(new OParl.OParlListIndex(Clock, stride: 2)));
        await using var _ = db;
        var ids = await GeneratedArchive.SeedAsync(db, seed: 17, Clock);
        await db.WithContextAsync(async context =>
        {
            // Tombstones at the end of the lists: a planned meeting removed.
            context.Remove(await context.Meetings.Where(m => ids.Contains(m.Id) && m.State == MeetingState.Planned).OrderBy(m => m.Id).FirstAsync());
            return await context.SaveChangesAsync();
        });
        var (body, council) = await db.WithContextAsync(async context =>
        {
            var c = await context.Organizations.Where(o => o.Slug == "raadet").Select(o => new { o.BodyId, o.Id }).SingleAsync();
            return (c.BodyId, c.Id);
        });
        var everything = new OParlListFilter(CreatedSince: new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        async Task<List<OParlEntry>> WalkAsync(OParlList list, int owner, OParlListFilter filter, int size, bool byCursor)
        {
            await using var scope = db.Scope();
            var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
            var all = new List<OParlEntry>();
            OParlCursor? after = null;
            for (var page = 0; ; page++)
            {
                var read = (await queries.ListAsync(list, owner, filter, new OParlPageRequest(size, byCursor ? 0 : page * size, after), CancellationToken.None))!;
                all.AddRange(read.Entries);
                if (all.Count >= read.Total || read.Entries.Count == 0)
                {
                    Assert.Equal(read.Total, all.Count);
                    return all;
                }

                after = byCursor ? read.Next : null;
            }
        }

        foreach (var (list, owner) in new[] { (OParlList.Meeting, body), (OParlList.OrganizationMeeting, council), (OParlList.AgendaItem, body), (OParlList.Membership, body), (OParlList.Organization, body), (OParlList.Person, body), (OParlList.File, body) })
        {
            var expected = await WalkAsync(list, owner, everything, 3, byCursor: true);

            // Both person lists hold the people shown by role only, as live people (named by their role), so they read the same.
            if (list == OParlList.Person)
            {
                var named = await db.WithContextAsync(context => context.People.Where(p => p.BodyId == body && p.Publication == Core.Registry.PublicationLevel.Named).Select(p => p.Id).ToListAsync());
                Assert.Contains(expected, e => !named.Contains(e.Id) && e.Removed is null);
            }

            Assert.True(expected.Count > 2, $"{list}: too short to cross a boundary");
            foreach (var size in new[] { 1, 3, 7 })
            {
                Assert.Equal(expected, await WalkAsync(list, owner, OParlListFilter.None, size, byCursor: true));
                Assert.Equal(expected, await WalkAsync(list, owner, OParlListFilter.None, size, byCursor: false));
            }
        }
    }
}
