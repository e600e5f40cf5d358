using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.TestSupport;
using Protokol.Web.OParl;

namespace Protokol.Web.Tests;

/// <summary>
/// The Meeting and AgendaItem objects written straight from their meetings' public views (<see cref="OParlMeetingWriter"/>)
/// against the <c>JsonObject</c> nodes of <see cref="OParlObjects"/> written as the API wrote them, byte for byte, on both
/// engines, over generated meetings in every state (cancelled, imported, planned with a place only), closed and withdrawn
/// items, sub-items, attachments with and without stored files, hearings, people shown by role only whose names the gate
/// replaces, a decision longer than a written part, removed meetings and items (tombstones); every page of the lists by
/// cursor and by number, with and without the created/modified filters, and every object at its own URL.
/// </summary>
public sealed class OParlMeetingWriterTests(PostgresCluster postgres) : IClassFixture<PostgresCluster>
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly string LongDecision = string.Concat(Enumerable.Range(0, 320).Select(i => i % 9 == 0 ? "Quirin Hemmeligsen \"æ\" " : "vedtaget "));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_writer_writes_the_bytes_of_the_JsonObject_objects(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var ids = await GeneratedArchive.SeedAsync(db, seed: 17, Clock, LongDecision);

        // Tombstones: an item removed from a draft agenda, a planned meeting removed.
        await db.WithContextAsync(async context =>
        {
            var planned = await context.Meetings.Include(m => m.Items).Where(m => ids.Contains(m.Id) && m.State == MeetingState.Planned && m.CancelledAt == null)
                .OrderBy(m => m.Id).Take(2).ToListAsync();
            planned[0].RemoveItem(planned[0].ItemsInOrder.First());
            context.Remove(planned[1]);

            // Imported minutes the privacy gate withholds nothing from (every item open, everyone named): their original
            // is a public File (the generated imported meetings all have someone shown by role only, so theirs is not).
            var raadet = await context.Organizations.SingleAsync(o => o.Slug == "raadet");
            var named = await context.People.Where(p => p.Publication == PublicationLevel.Named).OrderBy(p => p.Id).FirstAsync();
            var clean = new Meeting(raadet, new DateOnly(2019, 5, 14), new TimeOnly(10, 0));
            var orientation = clean.AppendItem("Orientering");
            clean.PublishAgenda(Clock.GetUtcNow().UtcDateTime);
            clean.MarkHeld(new DateOnly(2019, 5, 14));
            clean.RecordAttendance(named, AttendanceStatus.Present);
            clean.RecordMinutes(orientation, "Rådet tog orienteringen til efterretning.", null);
            clean.PublishMinutes(Clock.GetUtcNow().UtcDateTime);
            clean.MarkImported("referat-2019-05-14.pdf", new string('a', 64), Clock.GetUtcNow().UtcDateTime);
            context.Add(clean);
            return await context.SaveChangesAsync();
        });
        var council = await db.WithContextAsync(context => context.Organizations.Where(o => o.Slug == "raadet").Select(o => new { o.BodyId, o.Id }).SingleAsync());
        var (bodyId, councilId) = (council.BodyId, council.Id);

        await using var scope = db.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var urls = new OParlUrls("https://protokol.example.dk");
        var oparl = new OParlObjects(queries, Options.Create(new SiteOptions())) { Urls = urls };
        var writer = new OParlMeetingWriter(queries, urls);
        var all = new StringBuilder();

        async Task SameAsync(IReadOnlyList<OParlEntry> entries)
        {
            var nodes = (await oparl.BuildAsync(entries, CancellationToken.None)).ToList();
            var expected = Write(w =>
            {
                w.WriteStartArray();
                foreach (var json in nodes)
                {
                    OParlEndpoints.Write(w, json);
                }

                w.WriteEndArray();
            });
            var views = await writer.ReadAsync(entries, CancellationToken.None);
            var actual = Write(w =>
            {
                w.WriteStartArray();
                foreach (var entry in entries)
                {
                    writer.Write(w, entry, views);
                }

                w.WriteEndArray();
            });
            Assert.Equal(expected, actual);
            all.Append(actual);
        }

        var since = Clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var filters = new[]
        {
            new OParlListFilter(null, null, null, null),
            new OParlListFilter(null, null, since, null),
            new OParlListFilter(null, Clock.GetUtcNow().UtcDateTime.AddDays(1), null, null),
        };
        var walked = 0;
        foreach (var (list, owner) in new[] { (OParlList.Meeting, bodyId), (OParlList.OrganizationMeeting, councilId), (OParlList.AgendaItem, bodyId) })
        {
            foreach (var filter in filters)
            {
                foreach (var size in new[] { 3, 7, 100 })
                {
                    // By cursor through the whole list, then the second page by number.
                    var page = await queries.ListAsync(list, owner, filter, new OParlPageRequest(size), CancellationToken.None);
                    var seen = 0;
                    while (page is { Entries.Count: > 0 })
                    {
                        await SameAsync(page.Entries);
                        seen += page.Entries.Count;
                        walked += page.Entries.Count;
                        page = await queries.ListAsync(list, owner, filter, new OParlPageRequest(size, 0, page.Next), CancellationToken.None);
                    }

                    Assert.Equal(page!.Total, seen);
                    await SameAsync((await queries.ListAsync(list, owner, filter, new OParlPageRequest(size, size), CancellationToken.None))!.Entries);
                }
            }
        }

        // Every object at its own URL, and ids that are nothing.
        var itemIds = await db.WithContextAsync(context => context.AgendaItems.Select(i => i.Id).ToListAsync());
        foreach (var id in ids.Append(999_999))
        {
            await SameAsync([new OParlEntry(OParlKind.Meeting, id)]);
        }

        foreach (var id in itemIds.Append(999_999))
        {
            await SameAsync([new OParlEntry(OParlKind.AgendaItem, id)]);
        }

        // What the data must have covered, or the comparison proves little.
        var text = all.ToString();
        Assert.True(walked > 300, $"only {walked} entries walked");
        foreach (var covered in new[]
        {
            "\"terminiert\"", "\"eingeladen\"", "\"durchgeführt\"", "\"Aflyst\"", "\"invitation\"", "\"resultsProtocol\"", "\"auxiliaryFile\"", "/file/o",
            "\"participant\"", "\"location\"", "\"public\":false", "\"result\":\"trukket tilbage\"", "\"consultation\"", "\"deleted\":true",
            "Brugerrepræsentant", "vedtaget vedtaget",
        })
        {
            Assert.Contains(covered, text, StringComparison.Ordinal);
        }

        Assert.Matches("\"number\":\"[0-9]+[a-z]\"", text);
        Assert.DoesNotContain("Hemmeligsen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_moment_is_written_as_the_local_time_with_its_offset_as_before_also_around_the_clock_changes()
    {
        // Every 7 minutes 13 seconds over two years (both clock changes of each, the autumn hour that occurs twice), and each hour's edges.
        var moments = new List<DateTime>();
        for (var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc); t < new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc); t = t.AddSeconds(433))
        {
            moments.Add(t);
        }

        foreach (var change in new[] { new DateTime(2025, 3, 30, 1, 0, 0), new DateTime(2025, 10, 26, 1, 0, 0), new DateTime(2026, 3, 29, 1, 0, 0), new DateTime(2026, 10, 25, 1, 0, 0) })
        {
            for (var hour = -3; hour <= 3; hour++)
            {
                var edge = DateTime.SpecifyKind(change.AddHours(hour), DateTimeKind.Utc);
                moments.AddRange([edge, edge.AddTicks(-1), edge.AddSeconds(59.9999), edge.AddMinutes(30)]);
            }
        }

        moments.Add(new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified));
        foreach (var moment in moments)
        {
            var written = Write(w => OParlWrites.Moment(w, moment));
            Assert.Equal(JsonSerializer.Serialize(OParlJson.DateTime(moment), OParlEndpoints.Options), written);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, OParlEndpoints.WriterOptions))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
