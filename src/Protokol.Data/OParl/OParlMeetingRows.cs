using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// A page of the meeting lists (the body's, an organization's) as plain SQL on a kept session's prepared statement
/// (<see cref="ReadSessions"/>), for an unfiltered page: the ids the EF Core query of the list's part reads (by key after a
/// cursor or a kept boundary, skipping fewer than a stride for a page by number), without building and running a LINQ
/// query per request.
/// </summary>
internal static class OParlMeetingRows
{
    private static LeanStatement[] Statements(string where) => [.. new[] { "LIMIT @p3", "LIMIT @p3 OFFSET @p2" }.Select(page => new LeanStatement(
        string.Create(CultureInfo.InvariantCulture, $"""
        SELECT m."Id"
        FROM "Meetings" AS m
        WHERE m."Id" > @p1 AND {where}
        ORDER BY m."Id"
        {page}
        """), 4))];

    /// <summary>The body's meetings (every meeting is public with its time and place from the day it is planned).</summary>
    private static readonly LeanStatement[] OfBody = Statements("""EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = m."OrganizationId" AND o."BodyId" = @p0)""");

    private static readonly LeanStatement[] OfOrganization = Statements("""m."OrganizationId" = @p0""");

    /// <summary>A page of the body's meetings, or (<paramref name="ofOrganization"/>) of an organization's, after an id, in id order.</summary>
    public static OParlLeanPage Page(bool ofOrganization) => ofOrganization ? OrganizationPage : BodyPage;

    private static readonly OParlLeanPage BodyPage = new(OfBody, r => new OParlEntry(OParlKind.Meeting, r.GetInt32(0)));

    private static readonly OParlLeanPage OrganizationPage = new(OfOrganization, r => new OParlEntry(OParlKind.Meeting, r.GetInt32(0)));

    /// <summary>The meetings of a body (or, with <paramref name="ofOrganization"/>, of an organization) after an id, in id order.</summary>
    public static Task<List<OParlEntry>> MeetingsAfterAsync(ReadSessions sessions, bool ofOrganization, int owner, int after, int skip, int take, CancellationToken ct) =>
        Page(ofOrganization).Reader(sessions, owner)(after, skip, take, ct);
}
