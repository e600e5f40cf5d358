using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Demo;
using Protokol.Core.Registry;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// The lean reads of the OParl lists of people, memberships and organizations (issue 17) against EF Core queries of the same
/// records, on both engines: pages by cursor and by number, filtered pages (still read through EF Core), tombstones of removed
/// records, and people shown by role only.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OParlPeopleListTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly OParlListFilter Everything = new(CreatedSince: new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private static async Task<List<OParlEntry>> WalkAsync(IOParlQueries queries, OParlList list, int owner, int size, bool byCursor, OParlListFilter? filter = null)
    {
        var all = new List<OParlEntry>();
        OParlCursor? after = null;
        for (var page = 0; ; page++)
        {
            var read = (await queries.ListAsync(list, owner, filter ?? OParlListFilter.None, new OParlPageRequest(size, byCursor ? 0 : page * size, after), CancellationToken.None))!;
            all.AddRange(read.Entries);
            if (all.Count >= read.Total || read.Entries.Count == 0)
            {
                Assert.Equal(read.Total, all.Count);
                return all;
            }

            after = byCursor ? read.Next : null;
        }
    }

    private static string Json<T>(IEnumerable<T> records) => JsonSerializer.Serialize(records);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_lean_people_membership_and_organization_lists_read_what_EF_Core_reads(DatabaseProvider provider)
    {
        // Boundaries every 2 entries, so that pages by number start after kept boundaries and skip within a stride.
        var db = await TestDatabase.CreateAsync(provider, postgres, Clock, (services, _) => services.AddSingleton(new OParl.OParlListIndex(Clock, stride: 2)));
        await using var _ = db;
        await using (var seed = db.Scope())
        {
            await seed.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        var body = await db.WithContextAsync(context => context.Bodies.Select(b => b.Id).SingleAsync());

        // More people and seats than a few pages; one person shown by role only; one seat and one person removed (tombstones).
        var (hidden, removedSeat, removedPerson) = await db.WithContextAsync(async context =>
        {
            var municipality = await context.Bodies.SingleAsync();
            var council = await context.Organizations.OrderBy(o => o.Id).FirstAsync(o => o.Kind != OrganizationKind.ExternalOrganisation);
            var behalf = await context.Organizations.OrderBy(o => o.Id).FirstAsync(o => o.Kind == OrganizationKind.ExternalOrganisation);
            for (var i = 0; i < 12; i++)
            {
                var person = new Person(municipality, $"Testperson Nummer{i}", i == 3 ? PublicationLevel.RoleOnly : PublicationLevel.Named, i == 3 ? "Borgerrepræsentant" : null);
                context.People.Add(person);
                context.Memberships.Add(new Membership(person, council, i % 4 == 0 ? MembershipRole.ViceChair : MembershipRole.Member,
                    new DateOnly(2022, 1, 1), i % 2 == 0 ? new DateOnly(2025, 12, 31) : null, i % 3 == 0 ? behalf : null));
            }

            await context.SaveChangesAsync();
            var hiddenId = await context.People.Where(p => p.Name == "Testperson Nummer3").Select(p => p.Id).SingleAsync();
            var seat = await context.Memberships.OrderBy(m => m.Id).Skip(2).FirstAsync();
            var gone = await context.People.SingleAsync(p => p.Name == "Testperson Nummer7");
            context.Memberships.RemoveRange(context.Memberships.Where(m => m.PersonId == gone.Id || m.Id == seat.Id));
            context.People.Remove(gone);
            await context.SaveChangesAsync();
            return (hiddenId, seat.Id, gone.Id);
        });

        await using var scope = db.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var ef = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();

        var expected = new Dictionary<OParlList, List<int>>
        {
            [OParlList.Person] = await ef.People.Where(p => p.BodyId == body).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(),
            [OParlList.Membership] = await ef.Memberships.Where(m => m.Organization.BodyId == body).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(),
            [OParlList.Organization] = await ef.Organizations.Where(o => o.BodyId == body).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(),
        };
        var withheld = await ef.People.Where(p => p.BodyId == body && p.Publication != PublicationLevel.Named).Select(p => p.Id).ToListAsync();
        Assert.Contains(hidden, withheld);
        Assert.Contains(hidden, expected[OParlList.Person]);
        foreach (var (list, ids) in expected)
        {
            var byCursor = await WalkAsync(queries, list, body, 3, byCursor: true);
            Assert.Equal(ids, byCursor.Where(e => e.Removed is null).Select(e => e.Id));
            Assert.Equal(byCursor, await WalkAsync(queries, list, body, 3, byCursor: false));
            Assert.Equal(byCursor, await WalkAsync(queries, list, body, 1, byCursor: false));

            // A filter that matches everything reads the live part through EF Core: the same entries (people shown by role only
            // among them, live, their names withheld by the objects).
            var filtered = await WalkAsync(queries, list, body, 4, byCursor: true, Everything);
            Assert.Equal(ids.Order(), filtered.Where(e => e.Removed is null).Select(e => e.Id).Order());
        }

        // The tombstones of the removed seat and person close their lists.
        Assert.Contains(await WalkAsync(queries, OParlList.Membership, body, 5, byCursor: true), e => e.Id == removedSeat && e.Removed is not null);
        Assert.Contains(await WalkAsync(queries, OParlList.Person, body, 5, byCursor: true), e => e.Id == removedPerson && e.Removed is not null);

        // The records, as the EF Core queries the lean reads replaced project them.
        var people = await ef.People.Select(p => p.Id).ToListAsync();
        var seats = await ef.Memberships.OrderBy(m => m.Id)
            .Select(m => new OParlMembershipRecord(m.Id, m.PersonId, m.Person.Publication, m.Person.PublicRole, m.OrganizationId, m.Role, m.OnBehalfOfId, m.Start, m.End, m.Created, m.Modified))
            .ToListAsync();
        var expectedPeople = (await ef.People.OrderBy(p => p.Id).Select(p => new { p.Id, p.BodyId, p.Name, p.Publication, p.PublicRole, p.Created, p.Modified }).ToListAsync())
            .ConvertAll(p => new OParlPersonRecord(p.Id, p.BodyId, p.Name, p.Publication, p.PublicRole, seats.Where(s => s.PersonId == p.Id).ToList(), p.Created, p.Modified));
        Assert.Equal(Json(expectedPeople), Json((await queries.PeopleAsync(people, CancellationToken.None)).OrderBy(p => p.Id)));
        Assert.Contains(expectedPeople, p => p.Publication == PublicationLevel.RoleOnly && p.PublicRole == "Borgerrepræsentant" && p.Memberships.Count > 0);
        Assert.Contains(seats, s => s.OnBehalfOfId is not null && s.End is not null);

        Assert.Equal(Json(seats), Json((await queries.MembershipsAsync(seats.ConvertAll(s => s.Id), CancellationToken.None)).OrderBy(s => s.Id)));
        Assert.Equal(Json(seats.Take(1)), Json(await queries.MembershipsAsync([seats[0].Id, seats[0].Id], CancellationToken.None)));

        var organizations = (await ef.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync())
            .ConvertAll(o => new OParlOrganizationRecord(o.Id, o.BodyId, o.Slug, o.Name, o.ShortName, o.Kind, o.Purpose, o.Website,
                seats.Where(s => s.OrganizationId == o.Id).Select(s => s.Id).ToList(), o.Created, o.Modified));
        Assert.Equal(Json(organizations), Json((await queries.OrganizationsAsync(organizations.ConvertAll(o => o.Id), CancellationToken.None)).OrderBy(o => o.Id)));

        // Unknown ids read nothing.
        Assert.Empty(await queries.PeopleAsync([removedPerson], CancellationToken.None));
    }
}
