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
/// The public address /raad/{slug} names no municipality: two municipalities' councils of the same name get two addresses,
/// and <c>--org</c> without <c>--body</c> finds the municipality of the council it names, on both engines.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CouncilAddressTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    // Fictional minutes of a council both municipalities have.
    private static string Minutes(string day) => $"""
        Referat fra Handicaprådets møde
        {day}. marts 2024 kl. 16.00
        Til stede: Karen Holt, Per Vinding

        1. Godkendelse af dagsorden
        Godkendt.

        2. Tilgængelighed på biblioteket
        Rådet drøftede adgangen for kørestolsbrugere.
        """;

    private static async Task<ImportResult> ImportAsync(TestDatabase db, string name, string text, ImportTarget target)
    {
        await using var scope = db.Scope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), Clock);
        return await importer.ImportAsync(name, Encoding.UTF8.GetBytes(text), target, CancellationToken.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Councils_of_the_same_name_in_two_municipalities_get_an_address_each(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var first = await ImportAsync(db, "hr-2024-03-05.txt", Minutes("5"), new ImportTarget("nordby", "Nordby Kommune"));
        var second = await ImportAsync(db, "hr-2024-03-12.txt", Minutes("12"), new ImportTarget("sydby", "Sydby Kommune"));
        var again = await ImportAsync(db, "hr-2024-03-19.txt", Minutes("19"), new ImportTarget("sydby", "Sydby Kommune"));

        var councils = await db.WithContextAsync(c => c.Organizations.Where(o => o.Kind != Core.Registry.OrganizationKind.ExternalOrganisation)
            .OrderBy(o => o.Id).Select(o => new { o.Slug, Body = o.Body.Key }).ToListAsync());
        Assert.Equal([("handicapraadet", "nordby"), ("handicapraadet-sydby", "sydby")], councils.Select(c => (c.Slug, c.Body)));
        var meetings = await db.WithContextAsync(c => c.Meetings.OrderBy(m => m.Id).Select(m => m.Organization.Slug).ToListAsync());
        Assert.Equal(["handicapraadet", "handicapraadet-sydby", "handicapraadet-sydby"], meetings);
        Assert.All([first, second, again], r => Assert.Equal(ImportOutcome.Imported, r.Outcome));

        // --org without --body: the one municipality with a council at that address.
        var byAddress = await ImportAsync(db, "hr-2024-04-02.txt", Minutes("2").Replace("marts", "april", StringComparison.Ordinal), new ImportTarget(null, null, "handicapraadet-sydby"));
        Assert.Equal("handicapraadet-sydby", await db.WithContextAsync(c => c.Meetings.Where(m => m.Id == byAddress.MeetingId).Select(m => m.Organization.Slug).SingleAsync()));
        Assert.Equal(2, await db.WithContextAsync(c => c.Bodies.CountAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Org_without_body_is_refused_by_name_when_several_municipalities_have_that_council(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await ImportAsync(db, "a-2024-03-05.txt", Minutes("5"), new ImportTarget("nordby", "Nordby Kommune", "seniorraadet"));
        await ImportAsync(db, "b-2024-03-06.txt", Minutes("6"), new ImportTarget("sydby", "Sydby Kommune", "seniorraadet"));

        // Sydby's council took the address "seniorraadet-sydby", so "seniorraadet" names Nordby's alone.
        var nordby = await ImportAsync(db, "c-2024-03-12.txt", Minutes("12"), new ImportTarget(null, null, "seniorraadet"));
        Assert.Equal("nordby", await db.WithContextAsync(c => c.Meetings.Where(m => m.Id == nordby.MeetingId).Select(m => m.Organization.Body.Key).SingleAsync()));
        Assert.Equal(2, await db.WithContextAsync(c => c.Bodies.CountAsync()));

        // A database from before the addresses were kept apart may hold two at one address: the import names both and stops.
        await db.WithContextAsync(async c =>
        {
            var vestby = new Core.Registry.Body("vestby", "Vestby Kommune");
            vestby.AddOrganization("seniorraadet", "Seniorrådet", Core.Registry.OrganizationKind.Council);
            c.Add(vestby);
            return await c.SaveChangesAsync();
        });
        var refused = await ImportAsync(db, "d-2024-03-19.txt", Minutes("19"), new ImportTarget(null, null, "seniorraadet"));
        Assert.Equal(ImportOutcome.Rejected, refused.Outcome);
        Assert.Contains("Nordby Kommune: --body nordby", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("Vestby Kommune: --body vestby", refused.Reason, StringComparison.Ordinal);
    }
}
