using System.Data.Common;
using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// The meetings of OParl's meeting lists and Meeting objects, read for what the Meeting object writes and nothing more
/// (issue 17: <see cref="MeetingReader"/>'s full read was a fifth of a meeting list's samples). One command on a kept
/// session's prepared statement (<see cref="ReadSessions"/>), its statements set-based over the page's ids, as
/// <see cref="MeetingReader"/> builds them, but:
/// <list type="bullet">
/// <item>the meeting without its body's name, host, approving meeting and cancellation reason (only whether it is cancelled);</item>
/// <item>the items without their long texts and reasons for withdrawal, a decision only once the minutes are public;</item>
/// <item>of the attendance only the named people present or attending as guests, and only once the minutes are public
/// (the participants OParl lists), each with the role of their seat on the meeting's day, which orders them as on the meeting
/// page; no substitutes, affiliations, organisations represented or guest items;</item>
/// <item>only public attachments.</item>
/// </list>
/// The records go through <see cref="PrivacyGate.ForPublic"/> as before; what the gate would show that the Meeting object does
/// not write is left empty. Both engines run the same SQL.
/// </summary>
internal static class OParlMeetingListReader
{
    private const int FirstPublic = (int)MeetingState.AgendaPublished;
    private const int MinutesPublic = (int)MeetingState.MinutesPublished;

    private static readonly LeanStatement[] Commands = [.. LeanStatement.ListSizes.Select(size => new LeanStatement(Sql(LeanStatement.List(size)), size))];

    private static string Sql(string ids)
    {
        var open = string.Create(CultureInfo.InvariantCulture, $"m.\"State\" >= {FirstPublic}");
        var minutes = string.Create(CultureInfo.InvariantCulture, $"m.\"State\" >= {MinutesPublic}");
        return string.Join(";\n", new[]
        {
            $"""
            SELECT m."Id", m."OrganizationId", o."Slug", o."Name", o."BodyId", m."Name", m."Date", m."StartTime", m."EndTime",
                l."Id", l."BodyId", l."Name", l."Room", l."Street", l."PostalCode", l."Locality", l."Created", l."Modified",
                m."State", m."ImportedFrom", m."ImportedSha256", m."CancelledAt" IS NOT NULL, m."Created", m."Modified"
            FROM "Meetings" AS m
            INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
            LEFT JOIN "Locations" AS l ON l."Id" = m."LocationId"
            WHERE m."Id" IN ({ids})
            ORDER BY m."Id"
            """,
            $"""
            SELECT i."MeetingId", i."Id", i."Number", i."ParentId", i."Title", i."Kind", i."IsPublic",
                CASE WHEN {minutes} AND i."IsPublic" THEN i."Decision" END, i."Withdrawn", i."Created", i."Modified"
            FROM "AgendaItems" AS i
            INNER JOIN "Meetings" AS m ON m."Id" = i."MeetingId"
            WHERE i."MeetingId" IN ({ids}) AND {open}
            ORDER BY i."MeetingId", i."Position"
            """,

            // The seat's role orders the participants (as MeetingReader reads it): the membership of the meeting's organization on its
            // day, the highest role first, then the oldest. Only its role is read, so it is a value per row, not a join: joined to
            // the memberships on a subquery's result, PostgreSQL hashed every membership of the registry for each request (3.5 times
            // this statement's cost; issue 17).
            $"""
            SELECT a."MeetingId", p."Id", p."Name", a."Status", (
                SELECT ms."Role" FROM "Memberships" AS ms
                WHERE ms."OrganizationId" = m."OrganizationId" AND ms."PersonId" = a."PersonId"
                    AND (ms."Start" IS NULL OR ms."Start" <= m."Date") AND (ms."End" IS NULL OR ms."End" >= m."Date")
                ORDER BY {MeetingReader.RoleRank("ms")}, ms."Id"
                LIMIT 1)
            FROM "Attendance" AS a
            INNER JOIN "Meetings" AS m ON m."Id" = a."MeetingId"
            INNER JOIN "People" AS p ON p."Id" = a."PersonId"
            WHERE a."MeetingId" IN ({ids}) AND {minutes} AND p."Publication" = '{nameof(PublicationLevel.Named)}'
                AND a."Status" IN ('{nameof(AttendanceStatus.Present)}', '{nameof(AttendanceStatus.Guest)}')
            ORDER BY a."Id"
            """,
            $"""
            SELECT a."MeetingId", a."Id", a."AgendaItemId", a."Title", a."FileName", a."MediaType", a."SizeBytes",
                EXISTS (SELECT 1 FROM "StoredFiles" AS f WHERE f."Sha256" = a."Sha256")
            FROM "Attachments" AS a
            INNER JOIN "Meetings" AS m ON m."Id" = a."MeetingId"
            WHERE a."MeetingId" IN ({ids}) AND {open} AND a."IsPublic"
            ORDER BY a."Id"
            """,
            $"""
            SELECT p."BodyId", p."Id", p."Name", p."PublicRole", n."Name"
            FROM "People" AS p
            LEFT JOIN "PersonAliases" AS n ON n."PersonId" = p."Id"
            WHERE p."Publication" = '{nameof(PublicationLevel.RoleOnly)}' AND p."BodyId" IN (
                SELECT o."BodyId" FROM "Meetings" AS m INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId" WHERE m."Id" IN ({ids}))
            ORDER BY p."Id", n."Id"
            """,
            $"""
            SELECT h."Id", h."AgendaItemId"
            FROM "Hearings" AS h
            INNER JOIN "AgendaItems" AS i ON i."Id" = h."AgendaItemId"
            INNER JOIN "Meetings" AS m ON m."Id" = i."MeetingId"
            WHERE i."MeetingId" IN ({ids}) AND {open} AND i."IsPublic"
            ORDER BY h."Id"
            """,
        });
    }

    /// <summary>The meetings by id, in id order (those that exist).</summary>
    public static async Task<List<OParlMeetingRecord>> ReadAsync(ReadSessions sessions, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var sorted = ids.Distinct().Order().ToArray();
        var all = new List<OParlMeetingRecord>(sorted.Length);
        foreach (var chunk in sorted.Chunk(LeanStatement.ListSizes[^1]))
        {
            all.AddRange(await sessions.ReadAsync((session, token) => ReadOnAsync(session, chunk, token), ct));
        }

        return all;
    }

    private sealed record MeetingRow(
        int Id, int OrganizationId, string Slug, string OrganizationName, int BodyId, string? Name, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime,
        OParlLocationRecord? Location, MeetingState State, string? ImportedFrom, string? ImportedSha256, bool Cancelled, DateTime Created, DateTime Modified);

    private sealed record ItemRow(int Id, string Number, int? ParentId, string Title, AgendaItemKind Kind, bool IsPublic, string? Decision, bool Withdrawn, DateTime Created, DateTime Modified);

    private static async Task<List<OParlMeetingRecord>> ReadOnAsync(ReadSession session, int[] ids, CancellationToken ct)
    {
        var statement = Commands[Array.FindIndex(LeanStatement.ListSizes, s => s >= ids.Length)];
        var values = new int[statement.Parameters];
        ids.CopyTo(values, 0);
        Array.Fill(values, ids[^1], ids.Length, values.Length - ids.Length);

        var meetings = new List<MeetingRow>(ids.Length);
        var items = new Dictionary<int, List<ItemRow>>(ids.Length);
        var attendance = new Dictionary<int, List<AttendanceRecord>>();
        var attachments = new Dictionary<int, List<AttachmentRecord>>();
        var withheld = new Dictionary<int, List<WithheldName>>();
        var hearings = new Dictionary<int, int>();
        await using (var r = await session.ExecuteAsync(statement, values, ct))
        {
            while (await r.ReadAsync(ct))
            {
                meetings.Add(new MeetingRow(
                    r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt32(4), Text(r, 5), r.GetFieldValue<DateOnly>(6), Time(r, 7), Time(r, 8),
                    r.IsDBNull(9) ? null : new OParlLocationRecord(r.GetInt32(9), r.GetInt32(10), r.GetString(11), Text(r, 12), Text(r, 13), Text(r, 14), Text(r, 15), [], Utc(r, 16), Utc(r, 17)),
                    (MeetingState)r.GetInt32(18), Text(r, 19), Text(r, 20), r.GetBoolean(21), Utc(r, 22), Utc(r, 23)));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ListOf(items, r.GetInt32(0)).Add(new ItemRow(
                    r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4), Enum.Parse<AgendaItemKind>(r.GetString(5)), r.GetBoolean(6),
                    Text(r, 7), r.GetBoolean(8), Utc(r, 9), Utc(r, 10)));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ListOf(attendance, r.GetInt32(0)).Add(new AttendanceRecord(
                    new PersonRef(r.GetInt32(1), r.GetString(2), PublicationLevel.Named, null), Enum.Parse<AttendanceStatus>(r.GetString(3)), null, null, [], null,
                    r.IsDBNull(4) ? null : Enum.Parse<MembershipRole>(r.GetString(4))));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ListOf(attachments, r.GetInt32(0)).Add(new AttachmentRecord(
                    r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt64(6), IsPublic: true, r.GetBoolean(7)));
            }

            await r.NextResultAsync(ct);
            var lastPerson = 0;
            while (await r.ReadAsync(ct))
            {
                // A person's name, then each alias (a row per alias; one row with none when there is none).
                var names = ListOf(withheld, r.GetInt32(0));
                var role = Text(r, 3)!;
                var person = r.GetInt32(1);
                if (person != lastPerson)
                {
                    names.Add(new WithheldName(r.GetString(2), role));
                    lastPerson = person;
                }

                if (!r.IsDBNull(4))
                {
                    names.Add(new WithheldName(r.GetString(4), role));
                }
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                hearings.TryAdd(r.GetInt32(1), r.GetInt32(0));
            }
        }

        var danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);
        return meetings.ConvertAll(m =>
        {
            var open = PrivacyGate.IsPublic(m.State);
            var rows = open ? items.GetValueOrDefault(m.Id) ?? [] : [];
            var numberOf = new Dictionary<int, string>(rows.Count);
            var stamps = new Dictionary<int, OParlStamps>(rows.Count);
            var itemHearings = new Dictionary<int, int>();
            foreach (var row in rows)
            {
                numberOf[row.Id] = row.Number;
                stamps[row.Id] = new OParlStamps(row.Created, row.Modified);
                if (hearings.TryGetValue(row.Id, out var hearing))
                {
                    itemHearings[row.Id] = hearing;
                }
            }

            var agenda = rows.ConvertAll(i => new AgendaItemRecord(
                i.Id, i.Number, i.ParentId is { } p ? numberOf[p] : null, i.Title, i.Kind, i.IsPublic, null, null, i.Decision, i.Withdrawn, null));
            IReadOnlyList<AttendanceRecord> present = open && attendance.TryGetValue(m.Id, out var people)
                ? [.. people.OrderBy(a => a.Role ?? MembershipRole.Observer + 1).ThenBy(a => a.Person.Name, danish)]
                : [];
            var record = new MeetingRecord(
                m.Id, m.OrganizationId, m.Slug, m.OrganizationName, string.Empty, m.Name, m.Date, m.StartTime, m.EndTime,
                m.Location?.Name, null, null, m.State, null, null,
                agenda, present, open ? attachments.GetValueOrDefault(m.Id) ?? [] : [],
                m.ImportedFrom, m.ImportedSha256, withheld.GetValueOrDefault(m.BodyId) ?? [],
                m.Cancelled ? DateTime.MinValue : null, null);
            return new OParlMeetingRecord(record, m.BodyId, m.Location, m.Created, m.Modified, stamps, new Dictionary<int, string>(), itemHearings);
        });
    }

    private static List<T> ListOf<T>(Dictionary<int, List<T>> lists, int key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        return list;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static TimeOnly? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<TimeOnly>(i);

    /// <summary>A stored timestamp, UTC on both engines (as <see cref="MeetingReader"/> reads it).</summary>
    private static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(
        r is Microsoft.Data.Sqlite.SqliteDataReader && SqliteTimestamps.TryParse(r.GetString(i), out var stored) ? stored : r.GetDateTime(i),
        DateTimeKind.Utc);
}
