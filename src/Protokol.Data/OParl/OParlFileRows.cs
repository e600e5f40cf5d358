using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// A page of the body's file list as plain SQL on a kept session's prepared statement (<see cref="ReadSessions"/>), for an
/// unfiltered page: the ids each of the list's three live parts reads through EF Core (public attachments with a stored file
/// on public items of public agendas, the public agendas' and minutes' documents, the files public meetings were imported
/// from), by key after a cursor or a kept boundary, skipping fewer than a stride for a page by number (issue 17); and each part's
/// number and every id (for the kept page boundaries), so that an unfiltered page builds no EF Core query object at all.
/// </summary>
internal static class OParlFileRows
{
    private static readonly string Public = string.Create(CultureInfo.InvariantCulture, $"m.\"State\" >= {(int)MeetingState.AgendaPublished}");

    private static LeanStatement[] Statements(string select, string from, string where) => [.. new[] { "LIMIT @p3", "LIMIT @p3 OFFSET @p2" }.Select(page => new LeanStatement(
        $"""
        SELECT {select}
        FROM {from}
        WHERE {where}
        ORDER BY 1
        {page}
        """, 4))];

    private static readonly string AttachmentWhere = $"""
        a."IsPublic"
            AND (a."AgendaItemId" IS NULL OR EXISTS (SELECT 1 FROM "AgendaItems" AS i WHERE i."Id" = a."AgendaItemId" AND i."IsPublic"))
            AND EXISTS (SELECT 1 FROM "StoredFiles" AS f WHERE f."Sha256" = a."Sha256")
            AND EXISTS (SELECT 1 FROM "Meetings" AS m INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
                WHERE m."Id" = a."MeetingId" AND {Public} AND o."BodyId" = @p0)
        """;

    private static readonly string DocumentWhere = $"""
        {Public} AND EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = m."OrganizationId" AND o."BodyId" = @p0)
        """;

    private static readonly string OriginalWhere = $"""
        {Public} AND m."ImportedFrom" IS NOT NULL
            AND EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = m."OrganizationId" AND o."BodyId" = @p0)
        """;

    private static readonly LeanStatement[] Attachments = Statements("a.\"Id\", a.\"MeetingId\"", "\"Attachments\" AS a", $"a.\"Id\" > @p1 AND {AttachmentWhere}");

    private static readonly LeanStatement[] Documents = Statements("m.\"Id\", m.\"Id\"", "\"Meetings\" AS m", $"m.\"Id\" > @p1 AND {DocumentWhere}");

    private static readonly LeanStatement[] Originals = Statements("m.\"Id\", m.\"Id\"", "\"Meetings\" AS m", $"m.\"Id\" > @p1 AND {OriginalWhere}");

    /// <summary>The number of the public attachments with a stored file (counted when the list's kept figures are stale).</summary>
    public static readonly LeanStatement AttachmentCount = new($"SELECT COUNT(*) FROM \"Attachments\" AS a WHERE {AttachmentWhere}", 1);

    /// <summary>Every public attachment's id in order, for the page boundaries.</summary>
    public static readonly LeanStatement AttachmentIds = new($"SELECT a.\"Id\" FROM \"Attachments\" AS a WHERE {AttachmentWhere} ORDER BY a.\"Id\"", 1);

    /// <summary>The number of public agendas and minutes: kept per council and year (<c>MeetingYearCounts</c>), as the EF Core part reads it.</summary>
    public static readonly LeanStatement DocumentCount = new("""
        SELECT COALESCE(SUM(c."PublicMeetings"), 0) FROM "MeetingYearCounts" AS c
        WHERE EXISTS (SELECT 1 FROM "Organizations" AS o WHERE o."Id" = c."OrganizationId" AND o."BodyId" = @p0)
        """, 1);

    public static readonly LeanStatement DocumentIds = new($"SELECT m.\"Id\" FROM \"Meetings\" AS m WHERE {DocumentWhere} ORDER BY m.\"Id\"", 1);

    public static readonly LeanStatement OriginalCount = new($"SELECT COUNT(*) FROM \"Meetings\" AS m WHERE {OriginalWhere}", 1);

    public static readonly LeanStatement OriginalIds = new($"SELECT m.\"Id\" FROM \"Meetings\" AS m WHERE {OriginalWhere} ORDER BY m.\"Id\"", 1);

    /// <summary>The page reader of one of the file list's live parts (<see cref="OParlKind.AttachmentFile"/>, <see cref="OParlKind.MeetingDocument"/>, <see cref="OParlKind.OriginalFile"/>).</summary>
    /// <summary>A page of one part of the file list: the attachments (each entry with its meeting), the meetings' documents or their original files.</summary>
    public static OParlLeanPage PageOf(OParlKind kind) => kind switch
    {
        OParlKind.AttachmentFile => AttachmentPage,
        OParlKind.MeetingDocument => DocumentPage,
        OParlKind.OriginalFile => OriginalPage,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a part of the file list."),
    };

    // An attachment's entry carries its meeting (the page reads it with it); a meeting's documents are the meeting.
    private static readonly OParlLeanPage AttachmentPage = new(Attachments, r => new OParlEntry(OParlKind.AttachmentFile, r.GetInt32(0), MeetingId: r.GetInt32(1)));

    private static readonly OParlLeanPage DocumentPage = new(Documents, r => new OParlEntry(OParlKind.MeetingDocument, r.GetInt32(0)));

    private static readonly OParlLeanPage OriginalPage = new(Originals, r => new OParlEntry(OParlKind.OriginalFile, r.GetInt32(0)));

    public static Func<int, int, int, CancellationToken, Task<List<OParlEntry>>> Page(ReadSessions sessions, OParlKind kind, int body) =>
        PageOf(kind).Reader(sessions, body);
}
