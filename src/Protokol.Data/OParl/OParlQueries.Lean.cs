using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// The parts of the unfiltered meeting, agenda-item, file, people, membership and organization lists without EF Core (issue 17:
/// <see cref="Parts"/> built the lists' LINQ query objects on every request, 2–5 % of an item page, although such a page
/// reads on a kept prepared statement). Each part reads its number (kept per council and year for meetings and items),
/// a page after an id, and every id for the page boundaries as plain SQL on <see cref="ReadSessions"/>; the same entries as
/// <see cref="Parts"/>' EF Core queries. A filtered list keeps those.
/// </summary>
internal sealed partial class OParlQueries
{
    private static readonly LeanStatement BodyMeetingCount = new("""
        SELECT COALESCE(SUM(c."Meetings"), 0) FROM "MeetingYearCounts" AS c
        WHERE EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = c."OrganizationId" AND o."BodyId" = @p0)
        """, 1);

    /// <summary>Every id, for the boundaries: the whole list joined (a correlated EXISTS per row cost SQLite four times as much).</summary>
    private static readonly LeanStatement BodyMeetingIds = new("""
        SELECT m."Id" FROM "Meetings" AS m INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId" WHERE o."BodyId" = @p0 ORDER BY m."Id"
        """, 1);

    private static readonly LeanStatement OrganizationMeetingCount = new("""SELECT COALESCE(SUM(c."Meetings"), 0) FROM "MeetingYearCounts" AS c WHERE c."OrganizationId" = @p0""", 1);

    private static readonly LeanStatement OrganizationMeetingIds = new("""SELECT m."Id" FROM "Meetings" AS m WHERE m."OrganizationId" = @p0 ORDER BY m."Id" """, 1);

    private static readonly LeanStatement PublicItemCount = new("""
        SELECT COALESCE(SUM(c."PublicAgendaItems"), 0) FROM "MeetingYearCounts" AS c
        WHERE EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = c."OrganizationId" AND o."BodyId" = @p0)
        """, 1);

    private static readonly LeanStatement PublicItemIds = new(string.Create(CultureInfo.InvariantCulture, $"""
        SELECT i."Id" FROM "AgendaItems" AS i
        WHERE i."MeetingId" IN (
            SELECT m."Id" FROM "Meetings" AS m INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
            WHERE m."State" >= {(int)MeetingState.AgendaPublished} AND o."BodyId" = @p0)
        ORDER BY i."Id"
        """), 1);

    // Every person of the body: those shown by role only are listed too, their objects withholding the name.
    private static readonly LeanStatement PeopleCount = new("""SELECT COUNT(*) FROM "People" AS p WHERE p."BodyId" = @p0""", 1);

    private static readonly LeanStatement PeopleIds = new("""SELECT p."Id" FROM "People" AS p WHERE p."BodyId" = @p0 ORDER BY p."Id" """, 1);

    private const string BodySeat = """EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = m."OrganizationId" AND o."BodyId" = @p0)""";

    private static readonly LeanStatement MembershipCount = new($"""SELECT COUNT(*) FROM "Memberships" AS m WHERE {BodySeat}""", 1);

    private static readonly LeanStatement MembershipIds = new($"""SELECT m."Id" FROM "Memberships" AS m WHERE {BodySeat} ORDER BY m."Id" """, 1);

    private static readonly LeanStatement OrganizationCount = new("""SELECT COUNT(*) FROM "Organizations" AS o WHERE o."BodyId" = @p0""", 1);

    private static readonly LeanStatement OrganizationIds = new("""SELECT o."Id" FROM "Organizations" AS o WHERE o."BodyId" = @p0 ORDER BY o."Id" """, 1);

    /// <summary>The parts of an unfiltered list read without EF Core, or null for a list (or a filter) that <see cref="Parts"/> reads.</summary>
    private List<Part>? LeanParts(OParlList list, int owner, OParlListFilter filter)
    {
        if (filter.Any)
        {
            return null;
        }

        return list switch
        {
            OParlList.Meeting =>
            [
                Lean(owner, BodyMeetingCount, BodyMeetingIds, OParlMeetingRows.Page(ofOrganization: false)),
                Tombstones(OParlKind.Meeting, owner, filter),
            ],
            OParlList.OrganizationMeeting =>
            [
                Lean(owner, OrganizationMeetingCount, OrganizationMeetingIds, OParlMeetingRows.Page(ofOrganization: true)),
            ],
            OParlList.AgendaItem =>
            [
                Lean(owner, PublicItemCount, PublicItemIds, PublicItemPage),
                Tombstones(OParlKind.AgendaItem, owner, filter),
            ],
            OParlList.File =>
            [
                Lean(owner, OParlFileRows.AttachmentCount, OParlFileRows.AttachmentIds, OParlFileRows.PageOf(OParlKind.AttachmentFile)),
                Lean(owner, OParlFileRows.DocumentCount, OParlFileRows.DocumentIds, OParlFileRows.PageOf(OParlKind.MeetingDocument)),
                Lean(owner, OParlFileRows.OriginalCount, OParlFileRows.OriginalIds, OParlFileRows.PageOf(OParlKind.OriginalFile)),
                Tombstones(OParlKind.AttachmentFile, owner, filter),
            ],
            OParlList.Person => [Lean(owner, PeopleCount, PeopleIds, OParlPeopleRows.PageOf(list)!), Tombstones(OParlKind.Person, owner, filter)],
            OParlList.Membership => [Lean(owner, MembershipCount, MembershipIds, OParlPeopleRows.PageOf(list)!), Tombstones(OParlKind.Membership, owner, filter)],
            OParlList.Organization => [Lean(owner, OrganizationCount, OrganizationIds, OParlPeopleRows.PageOf(list)!), Tombstones(OParlKind.Organization, owner, filter)],
            _ => null,
        };
    }

    private Part Lean(int owner, LeanStatement count, LeanStatement ids, OParlLeanPage page) =>
        new(
            ct => sessions.ReadAsync(async (session, token) =>
            {
                await using var reader = await session.ExecuteAsync(count, new[] { owner }, token);
                return await reader.ReadAsync(token) ? Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture) : 0;
            }, ct),
            page.Reader(sessions, owner),
            ct => sessions.ReadAsync(async (session, token) =>
            {
                var all = new List<int>();
                await using var reader = await session.ExecuteAsync(ids, new[] { owner }, token);
                while (await reader.ReadAsync(token))
                {
                    all.Add(reader.GetInt32(0));
                }

                return all;
            }, ct),
            page: page);
}
