using System.Data.Common;
using Protokol.Core.Abstractions;
using Protokol.Core.Registry;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// The lean reads of the OParl lists of people, memberships and organizations (issue 17): an unfiltered page of a list by key
/// (id after the cursor or the kept page boundary, skipping fewer than a stride), and a page's records by id, each on a kept
/// session's prepared statement (<see cref="ReadSessions"/>) instead of an EF Core query per request. The same rows as the EF Core
/// queries of <see cref="OParlQueries"/>, which still read the filtered lists; the same SQL on both engines.
/// </summary>
internal static class OParlPeopleRows
{
    /// <summary>The people of a body after an id (those shown by role only too: their objects withhold the name, as the portal does).</summary>
    private static readonly LeanStatement[] PeopleAfter = After("""
        SELECT p."Id" FROM "People" AS p
        WHERE p."BodyId" = @p0 AND p."Id" > @p1
        """, "p");

    /// <summary>The seats on the body's organizations after an id.</summary>
    private static readonly LeanStatement[] MembershipsAfter = After("""
        SELECT m."Id" FROM "Memberships" AS m
        WHERE m."Id" > @p1 AND EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = m."OrganizationId" AND o."BodyId" = @p0)
        """, "m");

    /// <summary>The body's organizations after an id.</summary>
    private static readonly LeanStatement[] OrganizationsAfter = After("""
        SELECT o."Id" FROM "Organizations" AS o
        WHERE o."BodyId" = @p0 AND o."Id" > @p1
        """, "o");

    /// <summary>A page statement without and with an OFFSET (a page by number skips fewer than a stride after its boundary).</summary>
    private static LeanStatement[] After(string select, string alias) =>
        [.. new[] { "LIMIT @p3", "LIMIT @p3 OFFSET @p2" }.Select(page => new LeanStatement($"{select}\nORDER BY {alias}.\"Id\"\n{page}", 4))];

    private const string MembershipColumns = """
        m."Id", m."PersonId", p."Publication", p."PublicRole", m."OrganizationId", m."Role", m."OnBehalfOfId", m."Start", m."End", m."Created", m."Modified"
        """;

    /// <summary>People by id, then their seats in id order (with the person's publication level): one command of two statements.</summary>
    private static readonly LeanStatement[] People = ById(ids => $"""
        SELECT p."Id", p."BodyId", p."Name", p."Publication", p."PublicRole", p."Created", p."Modified"
        FROM "People" AS p
        WHERE p."Id" IN ({ids});
        SELECT {MembershipColumns}
        FROM "Memberships" AS m INNER JOIN "People" AS p ON p."Id" = m."PersonId"
        WHERE m."PersonId" IN ({ids})
        ORDER BY m."Id"
        """);

    private static readonly LeanStatement[] Memberships = ById(ids => $"""
        SELECT {MembershipColumns}
        FROM "Memberships" AS m INNER JOIN "People" AS p ON p."Id" = m."PersonId"
        WHERE m."Id" IN ({ids})
        ORDER BY m."Id"
        """);

    /// <summary>Organizations by id, then the ids of their seats in id order.</summary>
    private static readonly LeanStatement[] Organizations = ById(ids => $"""
        SELECT o."Id", o."BodyId", o."Slug", o."Name", o."ShortName", o."Kind", o."Purpose", o."Website", o."Created", o."Modified"
        FROM "Organizations" AS o
        WHERE o."Id" IN ({ids});
        SELECT m."OrganizationId", m."Id"
        FROM "Memberships" AS m
        WHERE m."OrganizationId" IN ({ids})
        ORDER BY m."Id"
        """);

    private static LeanStatement[] ById(Func<string, string> sql) =>
        [.. LeanStatement.ListSizes.Select(size => new LeanStatement(sql(LeanStatement.List(size)), size))];

    /// <summary>
    /// An unfiltered page of one of these lists' live part, as <see cref="OParlQueries"/>' EF Core part reads it; null for another list.
    /// </summary>
    /// <summary>A page of the body's people, memberships or organizations, or null for another list.</summary>
    public static OParlLeanPage? PageOf(OParlList list) => list switch
    {
        OParlList.Person => PeoplePage,
        OParlList.Membership => MembershipPage,
        OParlList.Organization => OrganizationPage,
        _ => null,
    };

    private static readonly OParlLeanPage PeoplePage = new(PeopleAfter, r => new OParlEntry(OParlKind.Person, r.GetInt32(0)));

    private static readonly OParlLeanPage MembershipPage = new(MembershipsAfter, r => new OParlEntry(OParlKind.Membership, r.GetInt32(0)));

    private static readonly OParlLeanPage OrganizationPage = new(OrganizationsAfter, r => new OParlEntry(OParlKind.Organization, r.GetInt32(0)));

    public static Func<int, int, int, CancellationToken, Task<List<OParlEntry>>>? Page(ReadSessions sessions, OParlList list, int owner) =>
        PageOf(list)?.Reader(sessions, owner);

    public static Task<List<OParlPersonRecord>> PeopleAsync(ReadSessions sessions, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ByIdAsync(sessions, People, ids, async (r, token) =>
        {
            var people = new List<(int Id, int BodyId, string Name, PublicationLevel Publication, string? PublicRole, DateTime Created, DateTime Modified)>();
            while (await r.ReadAsync(token))
            {
                people.Add((r.GetInt32(0), r.GetInt32(1), r.GetString(2), Enum.Parse<PublicationLevel>(r.GetString(3)), Text(r, 4), Utc(r, 5), Utc(r, 6)));
            }

            await r.NextResultAsync(token);
            var seats = (await ReadMembershipsAsync(r, token)).ToLookup(m => m.PersonId);
            return people.ConvertAll(p => new OParlPersonRecord(p.Id, p.BodyId, p.Name, p.Publication, p.PublicRole, seats[p.Id].ToList(), p.Created, p.Modified));
        }, ct);

    public static Task<List<OParlMembershipRecord>> MembershipsAsync(ReadSessions sessions, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ByIdAsync(sessions, Memberships, ids, ReadMembershipsAsync, ct);

    public static Task<List<OParlOrganizationRecord>> OrganizationsAsync(ReadSessions sessions, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ByIdAsync(sessions, Organizations, ids, async (r, token) =>
        {
            var organizations = new List<(int Id, int BodyId, string Slug, string Name, string? ShortName, OrganizationKind Kind, string? Purpose, string? Website, DateTime Created, DateTime Modified)>();
            while (await r.ReadAsync(token))
            {
                organizations.Add((r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), Text(r, 4), Enum.Parse<OrganizationKind>(r.GetString(5)),
                    Text(r, 6), Text(r, 7), Utc(r, 8), Utc(r, 9)));
            }

            await r.NextResultAsync(token);
            var seats = new List<(int OrganizationId, int Id)>();
            while (await r.ReadAsync(token))
            {
                seats.Add((r.GetInt32(0), r.GetInt32(1)));
            }

            var of = seats.ToLookup(s => s.OrganizationId, s => s.Id);
            return organizations.ConvertAll(o => new OParlOrganizationRecord(o.Id, o.BodyId, o.Slug, o.Name, o.ShortName, o.Kind, o.Purpose, o.Website, of[o.Id].ToList(), o.Created, o.Modified));
        }, ct);

    private static async Task<List<OParlMembershipRecord>> ReadMembershipsAsync(DbDataReader r, CancellationToken ct)
    {
        var seats = new List<OParlMembershipRecord>();
        while (await r.ReadAsync(ct))
        {
            seats.Add(new OParlMembershipRecord(
                r.GetInt32(0), r.GetInt32(1), Enum.Parse<PublicationLevel>(r.GetString(2)), Text(r, 3), r.GetInt32(4), Enum.Parse<MembershipRole>(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetInt32(6), Date(r, 7), Date(r, 8), Utc(r, 9), Utc(r, 10)));
        }

        return seats;
    }

    /// <summary>Reads the records of <paramref name="ids"/> a list-size chunk at a time, the list padded by repeating its last id.</summary>
    private static async Task<List<T>> ByIdAsync<T>(ReadSessions sessions, LeanStatement[] statements, IReadOnlyCollection<int> ids,
        Func<DbDataReader, CancellationToken, Task<List<T>>> read, CancellationToken ct)
    {
        var all = new List<T>(ids.Count);
        foreach (var chunk in ids.Distinct().Order().Chunk(LeanStatement.ListSizes[^1]))
        {
            all.AddRange(await sessions.ReadAsync(async (session, token) =>
            {
                var statement = statements[Array.FindIndex(LeanStatement.ListSizes, s => s >= chunk.Length)];
                var values = new int[statement.Parameters];
                chunk.CopyTo(values, 0);
                Array.Fill(values, chunk[^1], chunk.Length, values.Length - chunk.Length);
                await using var reader = await session.ExecuteAsync(statement, values, token);
                return await read(reader, token);
            }, ct));
        }

        return all;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? Date(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    /// <summary>
    /// A stored timestamp, UTC on both engines (SQLite hands it back unspecified, as EF Core's converter has it). SQLite's text is
    /// parsed by <see cref="SqliteTimestamps"/> (as <c>MeetingReader</c> reads it): Microsoft.Data.Sqlite's <c>GetDateTime</c>
    /// parses with <c>DateTime.Parse</c>, 9 % of a people page's samples for its 1,000 stamps (issue 17, session 8).
    /// </summary>
    private static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(
        r is Microsoft.Data.Sqlite.SqliteDataReader && SqliteTimestamps.TryParse(r.GetString(i), out var stored) ? stored : r.GetDateTime(i),
        DateTimeKind.Utc);
}
