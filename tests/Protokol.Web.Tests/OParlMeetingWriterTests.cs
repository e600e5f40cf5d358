using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Files;
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
        var ids = await SeedAsync(db, seed: 17);

        // Tombstones: an item removed from a draft agenda, a planned meeting removed.
        await db.WithContextAsync(async context =>
        {
            var planned = await context.Meetings.Include(m => m.Items).Where(m => ids.Contains(m.Id) && m.State == MeetingState.Planned && m.CancelledAt == null)
                .OrderBy(m => m.Id).Take(2).ToListAsync();
            planned[0].RemoveItem(planned[0].ItemsInOrder.First());
            context.Remove(planned[1]);
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
            var written = Write(w => OParlMeetingWriter.Moment(w, moment));
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

    /// <summary>Generated councils, people and meetings through the domain's own methods, in every state (as <c>LeanMeetingReadTests</c>' archive).</summary>
    private static async Task<List<int>> SeedAsync(TestDatabase db, int seed)
    {
        var random = new Random(seed);
        var now = Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var body = new Body("genereret", "Genereret Kommune");
        var council = body.AddOrganization("raadet", "Rådet", OrganizationKind.Council);
        var host = body.AddOrganization("vaert", "Værtsforeningen", OrganizationKind.ExternalOrganisation);
        var behalf = body.AddOrganization("forening", "Foreningen for Alle", OrganizationKind.ExternalOrganisation);
        var people = Enumerable.Range(0, 14).Select(i => new Person(body, $"Person {(char)('A' + i)} Hansen")).ToList();
        var hidden = new Person(body, "Quirin Hemmeligsen", PublicationLevel.RoleOnly, "Brugerrepræsentant");
        hidden.AddAlias("Q. Hemmeligsen");
        hidden.AddAlias("Quirin Hemmelig");
        var hiddenToo = new Person(body, "Åse Skjult", PublicationLevel.RoleOnly, "Pårørenderepræsentant");
        people.Add(hidden);
        people.Add(hiddenToo);
        var start = today.AddYears(-3);
        var memberships = new List<Membership>
        {
            new(people[0], council, MembershipRole.Chair, start, null, behalf),
            new(people[1], council, MembershipRole.ViceChair, start, null),

            // Two seats at once: the read takes the highest role (secretary before member, although roles are
            // stored as text and "Member" sorts before "Secretary"), then the oldest seat.
            new(people[2], council, MembershipRole.Secretary, start, null),
            new(people[2], council, MembershipRole.Member, start, null, behalf),
            new(people[3], council, MembershipRole.Member, start, today.AddYears(-1)),
            new(people[4], council, MembershipRole.Substitute, start, null, null, null, people[3]),
            new(people[5], council, MembershipRole.Observer, today.AddYears(-1), null),
            new(hidden, council, MembershipRole.Member, start, null, behalf),
            new(hiddenToo, council, MembershipRole.Member, start, null),
        };
        var places = new[] { new Location(body, "Rådhuset", "Torvet 1", "7990", "Havnby", "Lokale 2"), new Location(body, "Værestedet", null, null, "Havnby") };
        var stored = new StoredFile("bilag med indhold"u8.ToArray(), "application/pdf");
        var meetings = new List<Meeting>();
        Meeting? approvable = null;
        for (var i = 0; i < 64; i++)
        {
            var date = today.AddDays(-900 + (i * 20));
            var meeting = new Meeting(council, date, i % 5 == 0 ? null : new TimeOnly(15, 0), i % 3 == 0 && i % 5 != 0 ? new TimeOnly(17, 30, 15) : null);
            meeting.Rename(i % 4 == 0 ? $"Møde nr. {i}" : null);
            if (i % 6 != 1)
            {
                meeting.SetPlace(places[i % 2], i % 3 == 0 ? host : null);
            }

            var items = new List<AgendaItem>();
            for (var n = 0; n < 2 + random.Next(6); n++)
            {
                var item = meeting.AppendItem($"Punkt {n} om Quirin Hemmeligsen", (AgendaItemKind)random.Next(4), isPublic: random.Next(5) > 0, publicText: random.Next(2) == 0 ? $"Tekst {i}.{n}" : null);
                items.Add(item);
                if (random.Next(4) == 0)
                {
                    items.Add(meeting.AppendSubItem(item, $"Underpunkt til {n}", isPublic: random.Next(3) > 0));
                }
            }

            foreach (var item in items.Where(_ => random.Next(3) == 0))
            {
                var file = random.Next(3) switch { 0 => stored.Sha256, 1 => new string('0', 63) + (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), _ => stored.Sha256 };
                meeting.Attach(random.Next(4) == 0 ? null : item, $"Bilag til {item.Number}", $"bilag {item.Number}.pdf", "application/pdf", 1000 + i, file, isPublic: random.Next(4) > 0)
                    .SetText(random.Next(2) == 0 ? $"Bilagets tekst om Q. Hemmeligsen {i}" : null);
            }

            // States spread over the dates: past meetings progress further; every state occurs.
            var target = (MeetingState)Math.Min(i % 7, (int)MeetingState.MinutesApproved);
            if (i % 7 == 6)
            {
                // Cancelled while planned, or after its agenda went out.
                if (i % 2 == 0)
                {
                    meeting.PublishAgenda(now);
                }

                meeting.Cancel(i % 2 == 0 ? "Aflyst, Quirin Hemmeligsen er syg." : null, now);
                target = MeetingState.Planned;
            }
            else if (date > today)
            {
                target = target >= MeetingState.AgendaPublished ? MeetingState.AgendaPublished : MeetingState.Planned;
            }

            if (target >= MeetingState.AgendaPublished)
            {
                meeting.PublishAgenda(now);
                if (random.Next(3) == 0)
                {
                    meeting.WithdrawItem(items[^1], "Udgår.");
                }
            }

            if (target >= MeetingState.Held)
            {
                meeting.MarkHeld(today);
                foreach (var person in people.Take(8).Where(_ => random.Next(4) > 0))
                {
                    meeting.RecordAttendance(person, (AttendanceStatus)random.Next(3), affiliation: random.Next(3) == 0 ? "Forening" : null);
                }

                meeting.RecordAttendance(people[4], AttendanceStatus.Present, substituteFor: people[3]);
                meeting.RecordAttendance(hidden, AttendanceStatus.Present);
                if (i % 2 == 0)
                {
                    meeting.AddGuest(people[10 + (i % 4)], items.Take(2 + (i % 2)), "Gæst fra forvaltningen");
                }
            }

            if (target >= MeetingState.MinutesDrafted)
            {
                meeting.RecordMinutes(items[0], $"Referat for Quirin {i}.", i == 25 ? LongDecision : random.Next(2) == 0 ? "Godkendt." : null);
            }

            if (target >= MeetingState.MinutesPublished)
            {
                meeting.PublishMinutes(now);
            }

            // Approved by the next meeting that is held.
            if (target >= MeetingState.Held && approvable is not null)
            {
                approvable.ApproveMinutes(meeting);
                approvable = null;
            }

            if (target == MeetingState.MinutesApproved)
            {
                meeting.MarkImported($"referat-{i}.pdf", new string('a', 64), now);
                approvable = meeting;
            }

            meetings.Add(meeting);
        }

        var hearings = meetings.Where(m => m.State >= MeetingState.AgendaPublished).Take(12)
            .Select((m, n) =>
            {
                var hearing = new Core.Hearings.Hearing(council, $"Høring {n}", "Ministeriet", m.Date.AddDays(-30), m.Date.AddDays(14));
                hearing.TreatAt(m.ItemsInOrder.First());
                return hearing;
            })
            .ToList();
        await db.WithContextAsync(async context =>
        {
            context.Add(body);
            context.AddRange(people);
            context.AddRange(memberships);
            context.AddRange(meetings);
            context.AddRange(hearings);
            context.Add(stored);
            return await context.SaveChangesAsync();
        });
        return meetings.Select(m => m.Id).ToList();
    }
}
