using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
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
            Assert.Equal(3, await context.FollowUps.CountAsync(f => f.OriginMeeting!.Date.Year == 2012));

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
