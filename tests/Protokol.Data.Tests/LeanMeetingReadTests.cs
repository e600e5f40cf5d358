using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data.Portal;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// The lean meeting read (plain SQL on kept, prepared connections) against the EF Core LINQ read it
/// replaced, on both engines, over generated meetings in every state: guests, substitutes, seats
/// with and without an organisation represented, attachments with and without stored files, closed
/// and withdrawn items, hearings, cancelled and imported meetings, role-only people with aliases.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LeanMeetingReadTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_lean_read_returns_what_the_EF_Core_read_returns(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var ids = await GeneratedArchive.SeedAsync(db, seed: 17, Clock);
        var expected = await db.WithContextAsync(context => EfMeetingRead.ReadAsync(context, ids));
        Assert.Equal(ids.Count, expected.Count);

        // What the generator must have covered, or the comparison proves little.
        var records = expected.Select(e => e.Record).ToList();
        foreach (var state in Enum.GetValues<MeetingState>())
        {
            Assert.Contains(records, m => m.State == state);
        }

        Assert.Contains(records, m => m.CancelledAt is not null);
        Assert.Contains(records, m => m.ImportedFrom is not null);
        Assert.Contains(records, m => m.LocationAddress is not null && m.HostName is not null);
        Assert.Contains(records, m => m.Attendance.Any(a => a.Status == AttendanceStatus.Guest && a.GuestItemNumbers.Count > 1));
        Assert.Contains(records, m => m.Attendance.Any(a => a.SubstituteFor is not null));
        Assert.Contains(records, m => m.Attendance.Any(a => a.Role is null) && m.Attendance.Any(a => a.Role is not null && a.RepresentedOrganisation is not null));
        Assert.Contains(records, m => m.Attendance.Any(a => a.Person.Publication == PublicationLevel.RoleOnly));
        Assert.Contains(records, m => m.Attachments.Any(a => a.HasFile) && m.Attachments.Any(a => !a.HasFile) && m.Attachments.Any(a => !a.IsPublic));
        Assert.Contains(records, m => m.Items.Any(i => i.Withdrawn) && m.Items.Any(i => !i.IsPublic) && m.Items.Any(i => i.ParentNumber is not null));
        Assert.Contains(records, m => m.Withheld!.Count > 2);

        // The person with a secretary's and a member's seat at once sits as secretary, without the member seat's organisation.
        Assert.Contains(records, m => m.Attendance.Any(a => a.Person.Name == "Person C Hansen"));
        Assert.All(records.SelectMany(m => m.Attendance).Where(a => a.Person.Name == "Person C Hansen"), a =>
        {
            Assert.Equal(MembershipRole.Secretary, a.Role);
            Assert.Null(a.RepresentedOrganisation);
        });
        Assert.Contains(expected, e => e.ItemHearings.Count > 0 && e.AttachmentTexts.Count > 0);
        Assert.Contains(expected, e => e.Record.Items.Any(i => i.Hearing is not null)); // an item treating a hearing carries its sender, deadline and link
        Assert.Contains(expected, e => e.Record.State == MeetingState.Planned && e.Location is not null);

        await using var scope = db.Scope();
        var oparl = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();

        // All at once (a list of 64 ids), one at a time, and in pages of sizes between the padded list sizes.
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(await oparl.MeetingsAsync(ids, CancellationToken.None), Json));

        // Without the long texts (OParl's Meeting and AgendaItem objects): the same records, the items' public texts and minutes and the attachments' texts left out.
        var withoutTexts = expected.Select(e => e with
        {
            Record = e.Record with { Items = e.Record.Items.Select(i => i with { PublicText = null, Minutes = null }).ToList() },
            AttachmentTexts = new Dictionary<int, string>(),
        });
        Assert.Equal(JsonSerializer.Serialize(withoutTexts, Json), JsonSerializer.Serialize(await oparl.MeetingsWithoutTextsAsync(ids, attendance: true, CancellationToken.None), Json));
        var withoutAttendance = withoutTexts.Select(e => e with { Record = e.Record with { Attendance = [] } });
        Assert.Equal(JsonSerializer.Serialize(withoutAttendance, Json), JsonSerializer.Serialize(await oparl.MeetingsWithoutTextsAsync(ids, attendance: false, CancellationToken.None), Json));
        Assert.Contains(expected, e => e.Record.Items.Any(i => i.Minutes is not null) && e.Record.Items.Any(i => i.PublicText is not null));
        foreach (var meeting in expected)
        {
            var one = await portal.GetMeetingAsync(meeting.Record.Id, CancellationToken.None);
            Assert.Equal(JsonSerializer.Serialize(meeting.Record, Json), JsonSerializer.Serialize(one, Json));
        }

        foreach (var size in new[] { 3, 5, 13 })
        {
            foreach (var page in ids.Order().Chunk(size))
            {
                var read = await oparl.MeetingsAsync(page, CancellationToken.None);
                Assert.Equal(JsonSerializer.Serialize(expected.Where(e => page.Contains(e.Record.Id)), Json), JsonSerializer.Serialize(read, Json));
            }
        }

        // More ids than the largest list (read in parts), most of them unknown, in no order.
        var many = Enumerable.Range(1, 3000).Select(i => i * 7).Concat(ids).Reverse().ToList();
        var known = await db.WithContextAsync(context => context.Meetings.Where(m => many.Contains(m.Id)).Select(m => m.Id).ToListAsync());
        var all = await db.WithContextAsync(context => EfMeetingRead.ReadAsync(context, known));
        Assert.Equal(JsonSerializer.Serialize(all, Json), JsonSerializer.Serialize(await oparl.MeetingsAsync(many, CancellationToken.None), Json));
        Assert.Null(await portal.GetMeetingAsync(999_999, CancellationToken.None));
    }

    [Fact]
    public async Task The_withheld_names_of_a_meetings_body_are_found_by_index_on_SQLite()
    {
        // Every public meeting read looks up its body's people shown by role only: by (BodyId, Publication), not by
        // reading every person of the body (the seeded archive's 400 people cost 0.04 ms per meeting page before).
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, null, Clock);
        var ids = await GeneratedArchive.SeedAsync(db, seed: 5, Clock);
        var sessions = db.Services.GetRequiredService<ReadSessions>();
        var run = new List<string>();
        sessions.Executed = run.Add;
        await using (var scope = db.Scope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IPortalQueries>().GetMeetingAsync(ids[0], CancellationToken.None));
        }

        var withheld = run.SelectMany(sql => sql.Split(";\n")).Single(sql => sql.Contains("'RoleOnly'", StringComparison.Ordinal));
        var plan = await db.WithContextAsync(async context =>
        {
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + withheld;
            for (var i = 0; withheld.Contains($"@p{i}", StringComparison.Ordinal); i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = ids[0];
                command.Parameters.Add(parameter);
            }

            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }

            return lines;
        });
        Assert.Contains(plan, line => line.Contains("IX_People_BodyId_Publication (BodyId=? AND Publication=?)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_kept_session_sees_the_last_saved_change_and_survives_a_schema_change(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var ids = await GeneratedArchive.SeedAsync(db, seed: 3, Clock);
        var sessions = db.Services.GetRequiredService<ReadSessions>();
        async Task<MeetingRecord> ReadAsync(int id)
        {
            await using var scope = db.Scope();
            return (await scope.ServiceProvider.GetRequiredService<IPortalQueries>().GetMeetingAsync(id, CancellationToken.None))!;
        }

        var id = await db.WithContextAsync(context => context.Meetings.Where(m => ids.Contains(m.Id) && m.State == MeetingState.MinutesPublished).Select(m => m.Id).FirstAsync());
        var before = await ReadAsync(id);
        var opened = sessions.Opened;

        // A secretary's save: the next public read on the same kept connection sees it.
        await db.WithContextAsync(async context =>
        {
            var meeting = await context.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == id);
            meeting.RecordMinutes(meeting.ItemsInOrder.First(i => i.IsPublic), "Rettet referat.", "Rettet beslutning.");
            return await context.SaveChangesAsync();
        });
        var after = await ReadAsync(id);
        Assert.Equal(opened, sessions.Opened);
        Assert.Contains(after.Items, i => i.Minutes == "Rettet referat." && i.Decision == "Rettet beslutning.");
        Assert.DoesNotContain(before.Items, i => i.Minutes == "Rettet referat.");

        // A migration while the portal runs: a column added (SQLite re-prepares), or one the read returns changing type
        // (PostgreSQL refuses a prepared statement whose result type changed: the read is run again on a new connection).
        var change = provider == DatabaseProvider.Sqlite
            ? """ALTER TABLE "AgendaItems" ADD COLUMN "Issue17Probe" TEXT NULL"""
            : """ALTER TABLE "AgendaItems" ALTER COLUMN "WithdrawnReason" TYPE text""";
        await db.WithContextAsync(context => context.Database.ExecuteSqlRawAsync(change));
        var changed = await ReadAsync(id);
        Assert.Equal(JsonSerializer.Serialize(after), JsonSerializer.Serialize(changed));

        // Disposed with the host: every kept connection closed (SQLite: the file can be deleted; PostgreSQL: no session left open).
        var services = db.Build();
        var own = services.GetRequiredService<ReadSessions>();
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IPortalQueries>().GetMeetingAsync(id, CancellationToken.None));
        }

        Assert.Equal(1, own.Opened);
        await services.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => own.ReadAsync((_, _) => Task.FromResult(0), CancellationToken.None));
    }

    /// <summary>The read as it was written with EF Core (LINQ, one statement per kind of row), kept here as the reference.</summary>
    private static class EfMeetingRead
    {
        public static async Task<List<OParlMeetingRecord>> ReadAsync(ProtokolDbContext db, IReadOnlyCollection<int> ids)
        {
            var meetings = await db.Meetings.AsNoTracking()
                .Where(m => ids.Contains(m.Id))
                .OrderBy(m => m.Id)
                .Select(m => new
                {
                    m.Id, m.OrganizationId, OrganizationSlug = m.Organization.Slug, OrganizationName = m.Organization.Name, BodyName = m.Organization.Body.Name, m.Organization.BodyId,
                    m.Name, m.Date, m.StartTime, m.EndTime, m.Location, HostName = m.Host == null ? null : m.Host.Name,
                    m.State, m.MinutesApprovedById, ApprovedOn = m.MinutesApprovedBy == null ? (DateOnly?)null : m.MinutesApprovedBy.Date,
                    m.ImportedFrom, m.ImportedSha256, m.CancelledAt, m.CancellationReason, m.Created, m.Modified,
                })
                .ToListAsync();
            int[] open = [.. meetings.Where(m => PrivacyGate.IsPublic(m.State)).Select(m => m.Id)];
            var agenda = await db.AgendaItems.AsNoTracking()
                .Where(i => open.Contains(i.MeetingId))
                .OrderBy(i => i.MeetingId).ThenBy(i => i.Position)
                .Select(i => new { i.MeetingId, i.Id, i.Number, i.ParentId, i.Title, i.Kind, i.IsPublic, i.PublicText, i.Minutes, i.Decision, i.Withdrawn, i.WithdrawnReason, i.AddedAfterPublication, i.Created, i.Modified })
                .ToListAsync();
            var present = await db.Attendance.AsNoTracking()
                .Where(a => open.Contains(a.MeetingId))
                .Select(a => new
                {
                    a.Id,
                    a.MeetingId,
                    Person = new PersonRef(a.Person.Id, a.Person.Name, a.Person.Publication, a.Person.PublicRole),
                    a.Status,
                    SubstituteFor = a.SubstituteFor == null ? null : new PersonRef(a.SubstituteFor.Id, a.SubstituteFor.Name, a.SubstituteFor.Publication, a.SubstituteFor.PublicRole),
                    a.Affiliation,
                    Role = db.Memberships
                        .Where(ms => ms.OrganizationId == a.Meeting.OrganizationId && ms.PersonId == a.PersonId
                            && (ms.Start == null || ms.Start <= a.Meeting.Date) && (ms.End == null || ms.End >= a.Meeting.Date))
                        .OrderBy(ms => ms.Role == MembershipRole.Chair ? 0 : ms.Role == MembershipRole.ViceChair ? 1 : ms.Role == MembershipRole.Secretary ? 2
                            : ms.Role == MembershipRole.Member ? 3 : ms.Role == MembershipRole.Substitute ? 4 : 5).ThenBy(ms => ms.Id)
                        .Select(ms => (MembershipRole?)ms.Role)
                        .FirstOrDefault(),
                    OnBehalfOf = db.Memberships
                        .Where(ms => ms.OrganizationId == a.Meeting.OrganizationId && ms.PersonId == a.PersonId
                            && (ms.Start == null || ms.Start <= a.Meeting.Date) && (ms.End == null || ms.End >= a.Meeting.Date))
                        .OrderBy(ms => ms.Role == MembershipRole.Chair ? 0 : ms.Role == MembershipRole.ViceChair ? 1 : ms.Role == MembershipRole.Secretary ? 2
                            : ms.Role == MembershipRole.Member ? 3 : ms.Role == MembershipRole.Substitute ? 4 : 5).ThenBy(ms => ms.Id)
                        .Select(ms => ms.OnBehalfOf == null ? null : ms.OnBehalfOf.Name)
                        .FirstOrDefault(),
                })
                .ToListAsync();
            var guestItems = (!present.Exists(a => a.Status == AttendanceStatus.Guest) ? [] : await db.Attendance.AsNoTracking()
                    .Where(a => open.Contains(a.MeetingId))
                    .SelectMany(a => a.GuestItems, (a, i) => new { AttendanceId = a.Id, i.Number, i.Position })
                    .ToListAsync())
                .ToLookup(g => g.AttendanceId);
            var attachments = await db.Attachments.AsNoTracking()
                .Where(a => open.Contains(a.MeetingId))
                .OrderBy(a => a.Id)
                .Select(a => new
                {
                    a.MeetingId,
                    Record = new AttachmentRecord(a.Id, a.AgendaItemId, a.Title, a.FileName, a.MediaType, a.SizeBytes, a.IsPublic, db.StoredFiles.Any(f => f.Sha256 == a.Sha256)),
                    Text = a.IsPublic && (a.AgendaItemId == null || a.AgendaItem!.IsPublic) ? a.Text : null,
                })
                .ToListAsync();
            var hearings = await db.Hearings.AsNoTracking()
                .Where(h => h.AgendaItemId != null && open.Contains(h.AgendaItem!.MeetingId))
                .OrderBy(h => h.Id)
                .Select(h => new { h.Id, ItemId = h.AgendaItemId!.Value, h.Sender, h.Deadline, h.Link })
                .ToListAsync();
            var bodies = meetings.Select(m => m.BodyId).Distinct().ToList();
            var withheld = (await db.People.AsNoTracking()
                    .Where(p => p.Publication == PublicationLevel.RoleOnly && bodies.Contains(p.BodyId))
                    .Select(p => new { p.BodyId, p.Name, p.PublicRole, Aliases = p.Aliases.Select(a => a.Name).ToList() })
                    .ToListAsync())
                .SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => (p.BodyId, Name: new WithheldName(n, p.PublicRole!))))
                .ToLookup(p => p.BodyId, p => p.Name);

            var agendaOf = agenda.ToLookup(i => i.MeetingId);
            var presentOf = present.ToLookup(a => a.MeetingId);
            var attachmentsOf = attachments.ToLookup(a => a.MeetingId);
            var hearingOf = hearings.GroupBy(h => h.ItemId).ToDictionary(g => g.Key, g => g.First().Id);
            var itemHearing = hearings.GroupBy(h => h.ItemId).ToDictionary(g => g.Key, g => new ItemHearing(g.First().Sender, g.First().Deadline, g.First().Link));
            var danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);
            return meetings.ConvertAll(meeting =>
            {
                var rows = agendaOf[meeting.Id].ToList();
                var numberOf = rows.ToDictionary(i => i.Id, i => i.Number);
                var items = rows.ConvertAll(i => new AgendaItemRecord(i.Id, i.Number, i.ParentId is { } p ? numberOf[p] : null, i.Title, i.Kind, i.IsPublic, i.PublicText, i.Minutes, i.Decision, i.Withdrawn, i.WithdrawnReason, i.AddedAfterPublication, itemHearing.GetValueOrDefault(i.Id)));
                var attendance = presentOf[meeting.Id]
                    .Select(a => new AttendanceRecord(a.Person, a.Status, a.SubstituteFor, a.Affiliation,
                        guestItems[a.Id].OrderBy(i => i.Position).Select(i => i.Number).ToList(), a.OnBehalfOf, a.Role))
                    .OrderBy(a => a.Role ?? MembershipRole.Observer + 1)
                    .ThenBy(a => a.Person.Name, danish)
                    .ToList();
                var files = attachmentsOf[meeting.Id].ToList();
                var record = new MeetingRecord(
                    meeting.Id, meeting.OrganizationId, meeting.OrganizationSlug, meeting.OrganizationName, meeting.BodyName,
                    meeting.Name, meeting.Date, meeting.StartTime, meeting.EndTime,
                    meeting.Location?.Name, meeting.Location?.Description, meeting.HostName,
                    meeting.State, meeting.MinutesApprovedById, meeting.ApprovedOn,
                    items, attendance, files.ConvertAll(a => a.Record),
                    meeting.ImportedFrom, meeting.ImportedSha256, withheld[meeting.BodyId].ToList(),
                    meeting.CancelledAt, meeting.CancellationReason);
                var l = meeting.Location;
                return new OParlMeetingRecord(
                    record, meeting.BodyId, l is null ? null : new OParlLocationRecord(l.Id, l.BodyId, l.Name, l.Room, l.Street, l.PostalCode, l.Locality, [], l.Created, l.Modified),
                    meeting.Created, meeting.Modified,
                    rows.ToDictionary(i => i.Id, i => new OParlStamps(i.Created, i.Modified)),
                    files.Where(a => a.Text is not null).ToDictionary(a => a.Record.Id, a => a.Text!),
                    hearingOf.Where(h => numberOf.ContainsKey(h.Key)).ToDictionary(h => h.Key, h => h.Value));
            });
        }
    }
}
