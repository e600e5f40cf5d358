using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.FollowUps;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Protokol.TestSupport;

namespace Protokol.Import.Tests;

/// <summary>Importing a council's archive: copies under other names, old minutes, documents without a date.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportArchiveTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private static readonly ImportTarget Havnby = new("havnby", "Havnby Kommune");

    private static string Spec(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", name));

    private static async Task<ImportResult> ImportAsync(TestDatabase db, string name, string text, ImportTarget? target = null, ImportSession? session = null)
    {
        await using var scope = db.Scope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), Clock);
        return await importer.ImportAsync(name, Encoding.UTF8.GetBytes(text), target ?? Havnby, CancellationToken.None, session);
    }

    // With a session (one run of the command line over many files: what it knows of the council's
    // meetings is kept between documents) and without (one file at a time).
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_follow_up_owned_by_an_office_has_no_person_and_names_the_office(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var result = await ImportAsync(db, "havneraad.txt", "Havnerådet\nReferat af mødet den 3. marts 2025\nDeltagere: Anna Holm, Bo Berg\n\n"
            + "1. Ny havneplan\nBeslutning\nForvaltningen udarbejder et notat til næste møde.\n\n2. Bænke\nBeslutning\nBo Berg sender en oversigt over bænkene.\n");

        Assert.True(result.Outcome == ImportOutcome.Imported, result.Reason);
        await db.WithContextAsync(async context =>
        {
            var followUps = await context.FollowUps.OrderBy(f => f.Id).Select(f => new { f.Text, Owner = f.Owner == null ? null : f.Owner.Name }).ToListAsync();
            Assert.Equal([("Forvaltningen udarbejder et notat til næste møde", null), ("Bo Berg sender en oversigt over bænkene", "Bo Berg")],
                followUps.Select(f => (f.Text, f.Owner)));
            Assert.Equal(["Anna Holm", "Bo Berg"], await context.People.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync());
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Postgres, false)]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.Postgres, true)]
    public async Task A_changed_copy_under_another_name_updates_the_meeting_and_other_minutes_of_that_day_are_reported_not_stored(DatabaseProvider provider, bool inOneRun)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var run = inOneRun ? new ImportSession() : null;
        Task<ImportResult> ImportAsync(TestDatabase database, string name, string text) => ImportArchiveTests.ImportAsync(database, name, text, session: run);
        var original = Spec("integrationsraad-referat.txt");
        var first = await ImportAsync(db, "referat.txt", original);

        // A bit-changed copy (a corrected word) saved under another name: the same meeting, updated in place.
        var copy = await ImportAsync(db, "referat (kopi).txt", original.Replace("sprogpraktik i dag", "sprogpraktik lige nu", StringComparison.Ordinal));
        Assert.Equal((ImportOutcome.Updated, first.MeetingId), (copy.Outcome, copy.MeetingId));

        // Other minutes of the same council on the same date: not the same meeting, so nothing is stored.
        var other = "Referat fra møde i Integrationsrådet den 12. maj 2023\n\nTil stede: Amira Said, Thomas Bech\n\n1. Budget for næste år\nDrøftet\n\n2. Ny forretningsorden\nVedtaget\n";
        var duplicate = await ImportAsync(db, "andet-referat.txt", other);
        Assert.Equal(ImportOutcome.PossibleDuplicate, duplicate.Outcome);
        Assert.Equal(first.MeetingId, duplicate.MeetingId);
        Assert.Contains("mulig dublet", duplicate.Reason, StringComparison.Ordinal);
        Assert.Contains("2023-05-12", duplicate.Reason, StringComparison.Ordinal);

        await db.WithContextAsync(async context =>
        {
            Assert.Equal(1, await context.Meetings.CountAsync());
            Assert.Equal("referat (kopi).txt", await context.Meetings.Select(m => m.ImportedFrom).SingleAsync());
            Assert.DoesNotContain(await context.AgendaItems.Select(i => i.Title).ToListAsync(), t => t == "Budget for næste år");
            return 0;
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Postgres, false)]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.Postgres, true)]
    public async Task Follow_ups_of_minutes_older_than_the_councils_latest_meeting_are_closed_as_historical(DatabaseProvider provider, bool inOneRun)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var run = inOneRun ? new ImportSession() : null;
        Task<ImportResult> ImportAsync(TestDatabase database, string name, string text) => ImportArchiveTests.ImportAsync(database, name, text, session: run);
        var minutes = Spec("integrationsraad-referat.txt");

        var newer = await ImportAsync(db, "2024.txt", minutes.Replace("12. maj 2023", "14. maj 2024", StringComparison.Ordinal));
        var older = await ImportAsync(db, "2023.txt", minutes);

        Assert.Equal(0, newer.HistoricalFollowUps);
        Assert.Equal(1, older.HistoricalFollowUps);

        // A changed copy of the older minutes updates them in place, and they stay history.
        var copy = await ImportAsync(db, "2023 (kopi).txt", minutes.Replace("sprogpraktik i dag", "sprogpraktik lige nu", StringComparison.Ordinal));
        Assert.Equal((ImportOutcome.Updated, older.MeetingId, 1), (copy.Outcome, copy.MeetingId, copy.HistoricalFollowUps));
        await db.WithContextAsync(async context =>
        {
            var statuses = await context.FollowUps.Select(f => new { f.OriginMeeting!.Date.Year, f.Status }).ToListAsync();
            Assert.Equal(FollowUpStatus.Open, statuses.Single(s => s.Year == 2024).Status);
            Assert.Equal(FollowUpStatus.Done, statuses.Single(s => s.Year == 2023).Status);
            return 0;
        });
    }

    [Fact]
    public async Task A_document_without_a_date_takes_it_from_the_import_or_the_file_name_else_is_refused_with_the_reason()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres, Clock);
        var undated = "Referat\nTil stede: Amira Said, Thomas Bech\n\n1. Godkendelse af dagsorden\nGodkendt\n";
        var target = Havnby with { OrganizationSlug = "integrationsraadet" };

        var refused = await ImportAsync(db, "referat.txt", undated, target);
        Assert.Equal(ImportOutcome.Rejected, refused.Outcome);
        Assert.Contains("--date", refused.Reason, StringComparison.Ordinal);

        var named = await ImportAsync(db, "referat 2021-06-10.txt", undated, target);
        var given = await ImportAsync(db, "referat uden dato.txt", undated.Replace("Godkendt", "Godkendt uden bemærkninger", StringComparison.Ordinal), target with { FallbackDate = new DateOnly(2020, 1, 15) });

        Assert.Equal((ImportOutcome.Imported, ImportOutcome.Imported), (named.Outcome, given.Outcome));
        await db.WithContextAsync(async context =>
        {
            Assert.Equal(new DateOnly(2021, 6, 10), await context.Meetings.Where(m => m.Id == named.MeetingId).Select(m => m.Date).SingleAsync());
            Assert.Equal(new DateOnly(2020, 1, 15), await context.Meetings.Where(m => m.Id == given.MeetingId).Select(m => m.Date).SingleAsync());
            var notes = await context.ImportNotes.Where(n => n.Field == "date").Select(n => n.Reason).ToListAsync();
            Assert.Contains(notes, n => n.Contains("filnavnet", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.Contains("angivet ved importen", StringComparison.Ordinal));
            return 0;
        });
    }
}
