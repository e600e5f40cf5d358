using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Protokol.TestSupport;

namespace Protokol.Import.Tests;

/// <summary>
/// A bulk import stores many documents to a commit (<see cref="IWriteBatch"/>, issue 17): each document is still whole
/// or absent, a document sees what the batch's earlier documents stored, and nothing is committed before the batch is.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WriteBatchTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly string Minutes = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "integrationsraad-referat.txt"));

    private static readonly ImportTarget Target = new("odense", "Odense Kommune");

    // Committed only when the test says so.
    private static readonly WriteBatchLimits Unhurried = new(1000, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Documents_of_one_batch_are_each_whole_or_absent_and_committed_together(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using var batch = await db.Services.GetRequiredService<IWriteBatches>().BeginAsync(Unhurried, CancellationToken.None);
        var session = new ImportSession { Batch = batch };

        var first = await ImportAsync(db, "referat.txt", Minutes, session);

        // Fails in the middle of storing, after its council, people and items were made: none of it stays.
        var future = await ImportAsync(db, "fremtid.txt", "Referat af møde i Fremtidsrådet den 3. marts 2031\nTil stede: Anna Fremtid, Bo Senere\n\n1. Godkendelse af dagsorden\nGodkendt\n", session);

        // The batch's own uncommitted rows are what the next documents see: the same file again, then a changed copy.
        var again = await ImportAsync(db, "referat.txt", Minutes, session);
        var changed = await ImportAsync(db, "referat-rettet.txt", Minutes + "\nRettet efter mødet.\n", session);

        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        Assert.Equal(ImportOutcome.Rejected, future.Outcome);
        Assert.Equal((ImportOutcome.Unchanged, first.MeetingId), (again.Outcome, again.MeetingId));
        Assert.Equal((ImportOutcome.Updated, first.MeetingId), (changed.Outcome, changed.MeetingId));
        Assert.Equal(4, batch.Pending);
        Assert.Equal((0, 0, 0), await StoredAsync(db));

        await batch.CommitAsync(CancellationToken.None);

        Assert.Equal((1, 4), batch.Committed);
        var (meetings, councils, futurePeople) = await StoredAsync(db);
        Assert.Equal((1, 1, 0), (meetings, councils, futurePeople));
        Assert.Equal("referat-rettet.txt", await db.WithContextAsync(c => c.Meetings.Select(m => m.ImportedFrom).SingleAsync()));

        // The next document begins the next transaction.
        var next = await ImportAsync(db, "referat-2022.txt", Minutes.Replace("12. maj 2023", "3. marts 2022", StringComparison.Ordinal), session);
        Assert.Equal(ImportOutcome.Imported, next.Outcome);
        await batch.CommitAsync(CancellationToken.None);
        Assert.Equal((2, 5), batch.Committed);
        Assert.Equal(2, (await StoredAsync(db)).Meetings);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_batch_given_up_before_its_commit_stores_nothing_and_frees_the_database(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using (var batch = await db.Services.GetRequiredService<IWriteBatches>().BeginAsync(Unhurried, CancellationToken.None))
        {
            Assert.Equal(ImportOutcome.Imported, (await ImportAsync(db, "referat.txt", Minutes, new ImportSession { Batch = batch })).Outcome);
        }

        Assert.Equal((0, 0, 0), await StoredAsync(db));

        // Another writer is not kept waiting by what is left of it.
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(db, "referat.txt", Minutes, new ImportSession())).Outcome);
        Assert.Equal(1, (await StoredAsync(db)).Meetings);
    }

    private static async Task<ImportResult> ImportAsync(TestDatabase db, string name, string text, ImportSession session)
    {
        await using var scope = db.Scope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), Clock);
        return await importer.ImportAsync(name, Encoding.UTF8.GetBytes(text), Target, CancellationToken.None, session);
    }

    /// <summary>What another connection sees committed: meetings, councils, and people of the rejected document.</summary>
    private static Task<(int Meetings, int Councils, int FuturePeople)> StoredAsync(TestDatabase db) => db.WithContextAsync(async c => (
        await c.Meetings.CountAsync(),
        await c.Organizations.CountAsync(),
        await c.People.CountAsync(p => p.Name == "Anna Fremtid" || p.Name == "Bo Senere")));
}
