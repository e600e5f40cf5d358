using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Protokol.TestSupport;

namespace Protokol.Import.Tests;

/// <summary>The import's attendance keeps the person counts (issue 17) as every other writer does, on both engines.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PersonCountImportTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static async Task<ImportResult> ImportAsync(TestDatabase db, string name, byte[] bytes)
    {
        await using var scope = db.Scope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), Clock);
        return await importer.ImportAsync(name, bytes, new ImportTarget("odense", "Odense Kommune"), CancellationToken.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Imported_and_reimported_minutes_keep_each_person_s_attendance_counts(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Specs", "integrationsraad-referat.txt"));

        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(db, "referat.txt", bytes)).Outcome);
        await PersonCounts.AssertKeptAsync(db, "an import");
        Assert.Equal(7, await db.WithContextAsync(c => c.PersonYearCounts.SumAsync(p => p.Meetings)));

        // The same file changed: the meeting is emptied and stored again in place.
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("Temadag om foreningsliv (udgår)", "Temadag om frivillighed", StringComparison.Ordinal));
        Assert.Equal(ImportOutcome.Updated, (await ImportAsync(db, "referat.txt", changed)).Outcome);
        await PersonCounts.AssertKeptAsync(db, "a reimport in place");
        Assert.Equal(7, await db.WithContextAsync(c => c.PersonYearCounts.SumAsync(p => p.Meetings)));
    }
}
