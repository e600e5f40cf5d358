using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Protokol.TestSupport;

namespace Protokol.Import.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}

/// <summary>Importing into a real database, on both engines.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private static readonly ImportTarget Odense = new("odense", "Odense Kommune");

    private async Task<TestDatabase> DatabaseAsync(DatabaseProvider provider) => await TestDatabase.CreateAsync(provider, postgres, Clock);

    private static async Task<ImportResult> ImportAsync(TestDatabase db, string name, byte[] bytes, ImportTarget? target = null, ImportSession? session = null)
    {
        await using var scope = db.Scope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), Clock);
        return await importer.ImportAsync(name, bytes, target ?? Odense, CancellationToken.None, session);
    }

    private static byte[] Spec(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Specs", name));

    [CorpusTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_real_minutes_import_with_people_linked_across_the_years(DatabaseProvider provider)
    {
        await using var db = await DatabaseAsync(provider);
        var results = new List<ImportResult>();
        foreach (var file in Corpus.TextFiles)
        {
            results.Add(await ImportAsync(db, Path.GetFileName(file), await File.ReadAllBytesAsync(file)));
        }

        Assert.All(results, r => Assert.Equal(ImportOutcome.Imported, r.Outcome));
        Assert.Contains("Bjarne Christensen ≈ Bjarne Christiansen", results.SelectMany(r => r.Proposals));

        await db.WithContextAsync(async context =>
        {
            Assert.Equal(4, await context.Meetings.CountAsync(m => m.State == MeetingState.MinutesPublished));
            Assert.Equal(1, await context.Organizations.CountAsync());

            // Kaj took part in 2012, 2017 and 2020: one person, three attendances.
            var kaj = await context.People.SingleAsync(p => p.Name == "Kaj Skjølstrup");
            Assert.Equal(3, await context.Attendance.CountAsync(a => a.PersonId == kaj.Id));

            // "Alice Rasmussen" (2017) is "Alice Holm Rasmussen" (2012) without the middle name.
            var alice = await context.People.SingleAsync(p => p.Name == "Alice Holm Rasmussen");
            Assert.True(alice.IsKnownAs("Alice Rasmussen"));
            Assert.Equal(2, await context.Attendance.CountAsync(a => a.PersonId == alice.Id));

            // Spelled two ways and not certain: kept apart, with a proposal for the secretary.
            Assert.Equal(2, await context.People.CountAsync(p => p.Name.StartsWith("Bjarne Christ")));
            Assert.Equal(1, await context.PersonMatchProposals.CountAsync());

            var withdrawn = await context.AgendaItems.SingleAsync(i => i.Withdrawn);
            Assert.Equal("4", withdrawn.Number);
            // Three owned by people, and one the council takes on itself.
            Assert.Equal(4, await context.FollowUps.CountAsync(f => f.OriginMeeting!.Date.Year == 2012));

            // Follow-ups of old minutes are history: closed, with a note; only the latest meeting's stay open.
            var latest = await context.Meetings.MaxAsync(m => m.Date);
            var followUps = await context.FollowUps.Include(f => f.OriginMeeting).ToListAsync();
            Assert.All(followUps.Where(f => f.OriginMeeting!.Date < latest), f => Assert.Equal((FollowUpStatus.Done, MeetingImporter.HistoricalNote), (f.Status, f.CompletionNote)));
            Assert.All(followUps.Where(f => f.OriginMeeting!.Date == latest), f => Assert.Equal(FollowUpStatus.Open, f.Status));
            Assert.Equal(2, await context.Hearings.CountAsync());
            Assert.Equal(4, await context.StoredFiles.CountAsync());
            return 0;
        });
    }

    // With a session (one run over many files, keeping the stored files' hashes and the council's
    // meetings between documents) and without (one file at a time).
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Postgres, false)]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.Postgres, true)]
    public async Task Importing_the_same_file_twice_changes_nothing_and_a_changed_file_updates_its_meeting(DatabaseProvider provider, bool inOneRun)
    {
        await using var db = await DatabaseAsync(provider);
        var run = inOneRun ? new ImportSession() : null;
        Task<ImportResult> ImportAsync(TestDatabase database, string name, byte[] bytes) => ImportTests.ImportAsync(database, name, bytes, session: run);
        var bytes = Spec("integrationsraad-referat.txt");

        var first = await ImportAsync(db, "referat.txt", bytes);
        var modifiedBefore = await db.WithContextAsync(c => c.Meetings.Select(m => m.Modified).SingleAsync());
        var again = await ImportAsync(db, "referat.txt", bytes);
        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        Assert.Equal((ImportOutcome.Unchanged, first.MeetingId), (again.Outcome, again.MeetingId));
        Assert.Equal(modifiedBefore, await db.WithContextAsync(c => c.Meetings.Select(m => m.Modified).SingleAsync()));

        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("Temadag om foreningsliv (udgår)", "Temadag om frivillighed", StringComparison.Ordinal));
        var updated = await ImportAsync(db, "referat.txt", changed);

        Assert.Equal((ImportOutcome.Updated, first.MeetingId), (updated.Outcome, updated.MeetingId));
        await db.WithContextAsync(async context =>
        {
            Assert.Equal(1, await context.Meetings.CountAsync());
            var items = await context.AgendaItems.OrderBy(i => i.Position).Select(i => new { i.Title, i.Withdrawn }).ToListAsync();
            Assert.Equal(5, items.Count);
            Assert.Equal("Temadag om frivillighed", items[2].Title);
            Assert.False(items[2].Withdrawn);
            Assert.Equal(1, await context.FollowUps.CountAsync());
            Assert.Equal(7, await context.People.CountAsync()); // 4 present, 2 apologies, 1 guest: nobody twice
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Postgres, false)]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.Postgres, true)]
    public async Task A_changed_file_rewrites_only_what_changed_and_leaves_the_meeting_as_a_fresh_import_of_it_would(DatabaseProvider provider, bool inOneRun)
    {
        var original = Encoding.UTF8.GetString(Spec("integrationsraad-referat.txt"));

        // Another attendee and one fewer apology, an item retitled, the withdrawn item back, the last item gone.
        var changed = Encoding.UTF8.GetBytes(original
            .Replace("Sanne Friis", "Sara Friis", StringComparison.Ordinal)
            .Replace("Mustafa Yilmaz, Lone Dahl", "Mustafa Yilmaz", StringComparison.Ordinal)
            .Replace("Planlægning af efterårets møder", "Planlægning af vinterens møder", StringComparison.Ordinal)
            .Replace("Temadag om foreningsliv (udgår)", "Temadag om frivillighed", StringComparison.Ordinal)
            .Replace("5. Evt.\nPunktet udgik.", string.Empty, StringComparison.Ordinal));

        await using var fresh = await DatabaseAsync(provider);
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(fresh, "referat.txt", changed)).Outcome);

        await using var updated = await DatabaseAsync(provider);
        var run = inOneRun ? new ImportSession() : null;
        var first = await ImportAsync(updated, "referat.txt", Encoding.UTF8.GetBytes(original), session: run);
        var before = await updated.WithContextAsync(async c => (
            Items: await c.AgendaItems.ToDictionaryAsync(i => i.Number, i => i.Id),
            Attendance: await c.Attendance.Include(a => a.Person).ToDictionaryAsync(a => a.Person.Name, a => a.Id)));
        var second = await ImportAsync(updated, "referat.txt", changed, session: run);

        Assert.Equal((ImportOutcome.Updated, first.MeetingId), (second.Outcome, second.MeetingId));
        Assert.Equal(await RowsAsync(fresh), await RowsAsync(updated));
        await updated.WithContextAsync(async c =>
        {
            // Items of the same number and the attendance of the same people are the same rows; the rest went.
            var items = await c.AgendaItems.ToDictionaryAsync(i => i.Number, i => i.Id);
            Assert.Equal(["1", "2", "3", "4"], items.Keys.Order(StringComparer.Ordinal));
            Assert.All(items, i => Assert.Equal(before.Items[i.Key], i.Value));
            var attendance = await c.Attendance.Include(a => a.Person).ToDictionaryAsync(a => a.Person.Name, a => a.Id);
            Assert.Equal(before.Attendance["Amira Said"], attendance["Amira Said"]);
            Assert.Equal(before.Attendance["Gitte Vang"], attendance["Gitte Vang"]);
            Assert.DoesNotContain("Sanne Friis", attendance.Keys);
            Assert.DoesNotContain("Lone Dahl", attendance.Keys);
            return 0;
        });
    }

    /// <summary>What an import leaves in the database, by content (not by id): meetings, items, attendance, follow-ups, hearings, notes, counts.</summary>
    private static Task<List<string>> RowsAsync(TestDatabase db) => db.WithContextAsync(async c =>
    {
        var rows = new List<string>();
        rows.AddRange((await c.Meetings.Include(m => m.Location).ToListAsync()).Select(m =>
            $"meeting {m.Date:yyyy-MM-dd} {m.StartTime} {m.EndTime} {m.State} {m.ImportedFrom} {m.ImportedSha256} {m.Location?.Name} {m.AgendaPublishedAt:O} {m.MinutesPublishedAt:O}"));
        rows.AddRange((await c.AgendaItems.Include(i => i.Parent).OrderBy(i => i.Position).ToListAsync()).Select(i =>
            $"item {i.Number} {i.Position} {i.Parent?.Number} {i.Title} {i.Kind} {i.IsPublic} {i.PublicText} {i.Minutes} {i.Decision} {i.Withdrawn} {i.WithdrawnReason}"));
        rows.AddRange((await c.Attendance.Include(a => a.Person).Include(a => a.GuestItems).ToListAsync()).Select(a =>
            $"attendance {a.Person.Name} {a.Status} {a.SubstituteForId} {a.Affiliation} {string.Join(',', a.GuestItems.Select(i => i.Number).Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal));
        rows.AddRange((await c.FollowUps.Include(f => f.Owner).Include(f => f.OriginItem).ToListAsync()).Select(f =>
            $"follow-up {f.Text} {f.Owner?.Name} {f.Due} {f.Status} {f.CarryToNextMeeting} {f.OriginItem?.Number} {f.Completed} {f.CompletionNote}").Order(StringComparer.Ordinal));
        rows.AddRange((await c.Hearings.Include(h => h.AgendaItem).ToListAsync()).Select(h => $"hearing {h.Subject} {h.Deadline} {h.Status} {h.AgendaItem?.Number}").Order(StringComparer.Ordinal));
        rows.AddRange((await c.ImportNotes.ToListAsync()).Select(n => $"note {n.Field} {n.Reason} {n.Line} {n.Resolved}").Order(StringComparer.Ordinal));
        rows.AddRange((await c.MeetingYearCounts.ToListAsync()).Select(y => $"count {y.Year} {y.Meetings} {y.PublicMeetings} {y.PublicAgendaItems}").Order(StringComparer.Ordinal));
        rows.AddRange((await c.SearchOutbox.ToListAsync()).Select(o => $"outbox {o.Source.Split(':')[0]}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return rows;
    });

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Minutes_that_say_everyone_came_or_list_only_apologies_record_the_councils_registered_members_of_the_day(DatabaseProvider provider)
    {
        await using var db = await DatabaseAsync(provider);
        static byte[] Minutes(string date, string attendance) => Encoding.UTF8.GetBytes(
            $"Referat\nMøde i Skovby Naturråd den {date} kl. 16.00\n{attendance}\n\n1. Velkomst\nBeslutning: Godkendt.\n\n2. Eventuelt\nIntet.\n");

        // The first minutes name everyone; the secretary then registers the seats: three members from 2024, one who joined
        // in 2026, a substitute and the secretary (neither has a vote), and one who left in 2024.
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(db, "2024-01.txt", Minutes("10. januar 2024",
            "Til stede: Rikke Holt, Søren Mygind, Tove Bang, Ulla Sand, Viggo Krog, Åse Lind, Ib Fenger"))).Outcome);
        await db.WithContextAsync(async context =>
        {
            var council = await context.Organizations.SingleAsync();
            var people = await context.People.ToDictionaryAsync(p => p.Name);
            var from2024 = new DateOnly(2024, 1, 1);
            context.Memberships.AddRange(
                new Membership(people["Rikke Holt"], council, MembershipRole.Chair, from2024, null),
                new Membership(people["Søren Mygind"], council, MembershipRole.Member, from2024, null),
                new Membership(people["Tove Bang"], council, MembershipRole.Member, from2024, null),
                new Membership(people["Ulla Sand"], council, MembershipRole.Member, new DateOnly(2026, 1, 1), null),
                new Membership(people["Viggo Krog"], council, MembershipRole.Substitute, from2024, null),
                new Membership(people["Åse Lind"], council, MembershipRole.Secretary, from2024, null),
                new Membership(people["Ib Fenger"], council, MembershipRole.Member, from2024, new DateOnly(2024, 12, 31)));
            return await context.SaveChangesAsync();
        });

        var all = await ImportAsync(db, "2025-06.txt", Minutes("3. juni 2025", "Alle var mødt."));
        var apologies = await ImportAsync(db, "2025-09.txt", Minutes("9. september 2025", "Afbud: Tove Bang"));
        Assert.Equal((ImportOutcome.Imported, ImportOutcome.Imported), (all.Outcome, apologies.Outcome));

        await db.WithContextAsync(async context =>
        {
            async Task<List<(string, AttendanceStatus)>> AttendanceAsync(int meetingId) =>
                (await context.Attendance.Where(a => a.MeetingId == meetingId).Select(a => new { a.Person.Name, a.Status }).ToListAsync())
                    .Select(a => (a.Name, a.Status)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();

            Assert.Equal([("Rikke Holt", AttendanceStatus.Present), ("Søren Mygind", AttendanceStatus.Present), ("Tove Bang", AttendanceStatus.Present)],
                await AttendanceAsync(all.MeetingId!.Value));
            Assert.Equal([("Rikke Holt", AttendanceStatus.Present), ("Søren Mygind", AttendanceStatus.Present), ("Tove Bang", AttendanceStatus.Apologies)],
                await AttendanceAsync(apologies.MeetingId!.Value));

            // The secretary is told the attendance was taken from the registry, and not asked to record it from scratch.
            var notes = await context.ImportNotes.Where(n => n.Field == "attendees").Select(n => new { n.MeetingId, n.Reason }).ToListAsync();
            Assert.Equal(2, notes.Count);
            Assert.All(notes, n => Assert.Contains("registrerede medlemmer", n.Reason, StringComparison.Ordinal));
            Assert.Contains(notes, n => n.MeetingId == all.MeetingId && n.Reason.Contains("3 registrerede", StringComparison.Ordinal));
            return 0;
        });
    }

    [Fact]
    public void An_items_text_keeps_what_is_not_its_decision_and_drops_the_decisions_label_and_the_open_mark()
    {
        Assert.Null(MeetingMapper.WithoutDecision("Åben\n\nBeslutning\n\nDagsordenen blev godkendt.", "Dagsordenen blev godkendt."));
        Assert.Null(MeetingMapper.WithoutDecision("Godkendt.", "Godkendt."));
        Assert.Equal("Oplæg ved Hanne Bak om nattevagterne (20 min)",
            MeetingMapper.WithoutDecision("Oplæg ved Hanne Bak om nattevagterne (20 min)\n\nBeslutning:\nRådet tog orienteringen til efterretning.", "Rådet tog orienteringen til efterretning."));
        Assert.Equal("Sagsfremstilling\nForvaltningen foreslår nye bænke.\n\nOpfølgning: Bo sender forslaget videre.",
            MeetingMapper.WithoutDecision("Sagsfremstilling\nForvaltningen foreslår nye bænke.\nBeslutning i Naturrådet\nAnbefalet.\nOpfølgning: Bo sender forslaget videre.", "Anbefalet."));

        // A decision the text does not hold as written leaves the text as it is.
        Assert.Equal("Rådet drøftede sagen.", MeetingMapper.WithoutDecision("Rådet drøftede sagen.", "Anbefalet"));
        Assert.Equal("Rådet drøftede sagen.", MeetingMapper.WithoutDecision("Rådet drøftede sagen.", null));
    }

    [CorpusFact]
    public async Task No_imported_item_shows_its_decision_twice()
    {
        await using var db = await DatabaseAsync(DatabaseProvider.Sqlite);
        foreach (var file in Corpus.MunicipalFiles.Concat(Corpus.TextFiles))
        {
            await ImportAsync(db, Path.GetFileName(file), await File.ReadAllBytesAsync(file), new ImportTarget(Path.GetFileNameWithoutExtension(file), Path.GetFileName(file)));
        }

        await db.WithContextAsync(async context =>
        {
            var items = await context.AgendaItems.Where(i => i.Decision != null && i.Minutes != null).Select(i => new { i.Minutes, i.Decision }).ToListAsync();
            Assert.NotEmpty(items);
            Assert.DoesNotContain(items, i => i.Minutes!.Contains(i.Decision!, StringComparison.Ordinal));
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_rejected_document_leaves_nothing_behind(DatabaseProvider provider)
    {
        await using var db = await DatabaseAsync(provider);

        // Minutes dated after today fail in the middle of storing (after the body, people and items were made).
        var future = Encoding.UTF8.GetBytes("Referat af møde i Fremtidsrådet den 3. marts 2031\nTil stede: Anna Fremtid, Bo Senere\n\n1. Godkendelse af dagsorden\nGodkendt\n");
        var result = await ImportAsync(db, "fremtid.txt", future);

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.Contains("fremtiden", result.Reason, StringComparison.Ordinal);
        await db.WithContextAsync(async context =>
        {
            Assert.Equal(0, await context.Bodies.CountAsync());
            Assert.Equal(0, await context.People.CountAsync());
            Assert.Equal(0, await context.Meetings.CountAsync());
            return 0;
        });

        var garbage = await ImportAsync(db, "skrald.pdf", [1, 2, 3, 4]);
        Assert.Equal(ImportOutcome.Rejected, garbage.Outcome);
        Assert.Contains("ikke en PDF", garbage.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_document_whose_save_fails_after_its_rows_were_written_leaves_nothing_behind(DatabaseProvider provider)
    {
        await using var db = await DatabaseAsync(provider);

        // The audit entries are written by a second save, after the meeting's rows: a failure there takes the whole
        // document back, rows already written included (what a save per document or keys handed out before it must keep).
        var refuse = provider == DatabaseProvider.Sqlite
            ? ["CREATE TRIGGER refuse_audit BEFORE INSERT ON \"AuditLog\" BEGIN SELECT RAISE(ABORT, 'audit refused'); END"]
            : new[]
            {
                "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$",
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON \"AuditLog\" FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
            };
        await db.WithContextAsync(async context =>
        {
            foreach (var sql in refuse)
            {
                await context.Database.ExecuteSqlRawAsync(sql);
            }

            return 0;
        });

        var session = new ImportSession();
        var failed = await Assert.ThrowsAsync<DbUpdateException>(() => ImportAsync(db, "ældreråd 2015.txt", Spec("aelderaad-referat.txt"), session: session));
        Assert.Contains("audit refused", failed.InnerException?.Message, StringComparison.Ordinal);
        await db.WithContextAsync(async context =>
        {
            Assert.Equal(0, await context.Bodies.CountAsync());
            Assert.Equal(0, await context.People.CountAsync());
            Assert.Equal(0, await context.Meetings.CountAsync());
            Assert.Equal(0, await context.AgendaItems.CountAsync());
            Assert.Equal(0, await context.Attendance.CountAsync());
            Assert.Equal(0, await context.StoredFiles.CountAsync());
            Assert.Equal(0, await context.MeetingYearCounts.CountAsync());
            Assert.Equal(0, await context.PersonYearCounts.CountAsync());
            Assert.Equal(0, await context.SearchOutbox.CountAsync());
            Assert.Equal(0, await context.AuditLog.CountAsync());
            return 0;
        });

        // The same document, the audit log writable again, in the same run: stored whole.
        var drop = provider == DatabaseProvider.Sqlite ? "DROP TRIGGER refuse_audit" : "DROP TRIGGER refuse_audit ON \"AuditLog\"";
        await db.WithContextAsync(context => context.Database.ExecuteSqlRawAsync(drop));
        var stored = await ImportAsync(db, "ældreråd 2015.txt", Spec("aelderaad-referat.txt"), session: session);
        Assert.Equal(ImportOutcome.Imported, stored.Outcome);
        await db.WithContextAsync(async context =>
        {
            Assert.Equal(1, await context.Meetings.CountAsync());
            Assert.Equal(5, await context.Attendance.CountAsync());
            Assert.NotEqual(0, await context.AuditLog.CountAsync());
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_imported_meeting_is_public_with_its_original_file(DatabaseProvider provider)
    {
        await using var db = await DatabaseAsync(provider);
        var bytes = Spec("aelderaad-referat.txt");
        var result = await ImportAsync(db, "ældreråd 2015.txt", bytes);

        await using var scope = db.Scope();
        var portal = new PortalService(scope.ServiceProvider.GetRequiredService<IPortalQueries>(), Clock);
        var meeting = (await portal.GetMeetingAsync(result.MeetingId!.Value, CancellationToken.None))!;

        Assert.Equal("ældreråd 2015.txt", meeting.ImportedFrom);
        Assert.Equal(["Birgit Aa. Holm", "Jens Peter Skov", "Karen Lund", "Ole Mikkelsen"], meeting.Present.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Godkendt", meeting.Items[0].Decision);
        Assert.Contains("Formanden orienterede", meeting.Items[1].Minutes, StringComparison.Ordinal);
        var sha = meeting.ImportedFileUrl!.Split('/')[2];
        var file = await portal.GetImportedFileAsync(sha, CancellationToken.None);
        Assert.Equal(bytes, file!.Content);
        Assert.Null(await portal.GetImportedFileAsync(new string('0', 64), CancellationToken.None));
    }
}
