using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Data.Portal;

/// <summary>A meeting as read for the public: the portal's record and what OParl adds to it.</summary>
internal sealed record MeetingRead(
    MeetingRecord Record,
    int BodyId,
    LocationRow? Location,
    DateTime Created,
    DateTime Modified,
    IReadOnlyDictionary<int, (DateTime Created, DateTime Modified)> ItemStamps,
    IReadOnlyDictionary<int, string> AttachmentTexts,
    IReadOnlyDictionary<int, int> HearingOfItem);

/// <summary>A meeting's place as stored.</summary>
internal sealed record LocationRow(int Id, int BodyId, string Name, string? Room, string? Street, string? PostalCode, string? Locality, DateTime Created, DateTime Modified)
{
    /// <summary>As <see cref="Location.Description"/>: "Varmestuen, Kirkegade 4, 5000 Odense C" with whatever parts are known.</summary>
    public string Description
    {
        get
        {
            var town = string.Join(' ', new[] { PostalCode, Locality }.Where(p => p is not null));
            return string.Join(", ", new[] { Name, Room, Street, town }.Where(p => !string.IsNullOrEmpty(p)));
        }
    }
}

/// <summary>
/// The one read of public meetings, shared by the meeting page (<c>EfPortalQueries.GetMeetingAsync</c>)
/// and OParl (<c>OParlQueries.MeetingsAsync</c>), without EF Core: one command of six statements
/// (seven for OParl) for all the meetings asked for, sent in one round trip and prepared once per
/// kept connection (<see cref="ReadSessions"/>), its rows read straight into the records. The
/// statements are plain SQL that both engines run as written (the model's quoted names; text enums,
/// <c>MeetingState</c> as its number, dates and times as each provider stores them and reads them
/// back through <c>GetFieldValue</c>); a list of ids is bound as numbered parameters, padded to the
/// next of a few sizes so that a handful of statements serve every page. A planned meeting's draft
/// agenda, attachments and attendance are not read at all (the privacy gate would drop them); each
/// attendee's seat on the meeting's day comes with the attendance, and each item with the hearing it treats (sender, deadline,
/// link; the first by id when several name the item, as OParl's hearing of the item), joined by the hearings' item index.
/// </summary>
internal static class MeetingReader
{
    private const int FirstPublic = (int)MeetingState.AgendaPublished;

    private sealed record ItemRow(
        int MeetingId, int Id, string Number, int? ParentId, string Title, AgendaItemKind Kind, bool IsPublic,
        string? PublicText, string? Minutes, string? Decision, bool Withdrawn, string? WithdrawnReason, bool AddedAfterPublication, DateTime Created, DateTime Modified,
        ItemHearing? Hearing);

    private sealed record AttendanceRow(
        int Id, int MeetingId, PersonRef Person, AttendanceStatus Status, PersonRef? SubstituteFor, string? Affiliation,
        MembershipRole? Role, string? OnBehalfOf);

    private sealed record MeetingRow(
        int Id, int OrganizationId, string OrganizationSlug, string OrganizationName, string BodyName, int BodyId,
        string? Name, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, LocationRow? Location, string? HostName,
        MeetingState State, int? MinutesApprovedById, DateOnly? ApprovedOn, string? ImportedFrom, string? ImportedSha256,
        DateTime? CancelledAt, string? CancellationReason, DateTime Created, DateTime Modified);

    private sealed record AttachmentRow(int MeetingId, AttachmentRecord Record, string? Text);

    /// <summary>
    /// The commands by list size: [size index, 0] for the meeting page, [size index, 1] for OParl, [size index, 2] for OParl without the
    /// long texts, [size index, 3] for OParl's agenda items (without the long texts and the attendance).
    /// </summary>
    private static readonly LeanStatement[,] Commands = Build();

    private static LeanStatement[,] Build()
    {
        var commands = new LeanStatement[LeanStatement.ListSizes.Length, 4];
        for (var s = 0; s < LeanStatement.ListSizes.Length; s++)
        {
            var size = LeanStatement.ListSizes[s];
            commands[s, 0] = new LeanStatement(Sql(LeanStatement.List(size), forOParl: false), size);
            commands[s, 1] = new LeanStatement(Sql(LeanStatement.List(size), forOParl: true), size);
            commands[s, 2] = new LeanStatement(Sql(LeanStatement.List(size), forOParl: true, withTexts: false), size);
            commands[s, 3] = new LeanStatement(Sql(LeanStatement.List(size), forOParl: true, withTexts: false, withAttendance: false), size);
        }

        return commands;
    }

    /// <summary>
    /// The read's statements, in the order <see cref="ReadOnAsync"/> reads their results; without <paramref name="withTexts"/> the
    /// items' public texts and minutes and the attachments' texts are read as NULL (same columns, none of their bytes); without
    /// <paramref name="withAttendance"/> the attendance statements find no rows.
    /// </summary>
    private static string Sql(string ids, bool forOParl, bool withTexts = true, bool withAttendance = true)
    {
        var attended = withAttendance ? string.Empty : " AND 1 = 0";
        var texts = withTexts ? "i.\"PublicText\", i.\"Minutes\"" : "NULL, NULL";
        var attachmentText = !forOParl ? "" : withTexts
            ? ",\n    CASE WHEN a.\"IsPublic\" AND (a.\"AgendaItemId\" IS NULL OR i.\"IsPublic\") THEN a.\"Text\" END"
            : ",\n    NULL";
        var open = string.Create(CultureInfo.InvariantCulture, $"m.\"State\" >= {FirstPublic}");
        var statements = new List<string>
        {
            $"""
            SELECT m."Id", m."OrganizationId", o."Slug", o."Name", b."Name", o."BodyId", m."Name", m."Date", m."StartTime", m."EndTime",
                l."Id", l."BodyId", l."Name", l."Room", l."Street", l."PostalCode", l."Locality", l."Created", l."Modified",
                h."Name", m."State", m."MinutesApprovedById", ap."Date", m."ImportedFrom", m."ImportedSha256", m."CancelledAt", m."CancellationReason",
                m."Created", m."Modified"
            FROM "Meetings" AS m
            INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
            INNER JOIN "Bodies" AS b ON b."Id" = o."BodyId"
            LEFT JOIN "Locations" AS l ON l."Id" = m."LocationId"
            LEFT JOIN "Organizations" AS h ON h."Id" = m."HostId"
            LEFT JOIN "Meetings" AS ap ON ap."Id" = m."MinutesApprovedById"
            WHERE m."Id" IN ({ids})
            ORDER BY m."Id"
            """,
            $"""
            SELECT i."MeetingId", i."Id", i."Number", i."ParentId", i."Title", i."Kind", i."IsPublic", {texts}, i."Decision",
                i."Withdrawn", i."WithdrawnReason", i."AddedAfterPublication", i."Created", i."Modified",
                h."Id", h."Sender", h."Deadline", h."Link"
            FROM "AgendaItems" AS i
            INNER JOIN "Meetings" AS m ON m."Id" = i."MeetingId"
            LEFT JOIN "Hearings" AS h ON h."Id" = (SELECT MIN(t."Id") FROM "Hearings" AS t WHERE t."AgendaItemId" = i."Id")
            WHERE i."MeetingId" IN ({ids}) AND {open}
            ORDER BY i."MeetingId", i."Position"
            """,

            // The seat: the attendee's membership of the meeting's organization on the meeting's day, the highest role first
            // (roles are stored as text, so they are ranked in the enum's order, not the alphabet's), then the oldest.
            $"""
            SELECT a."Id", a."MeetingId", p."Id", p."Name", p."Publication", p."PublicRole", a."Status",
                s."Id", s."Name", s."Publication", s."PublicRole", a."Affiliation", seat."Role", behalf."Name"
            FROM "Attendance" AS a
            INNER JOIN "Meetings" AS m ON m."Id" = a."MeetingId"
            INNER JOIN "People" AS p ON p."Id" = a."PersonId"
            LEFT JOIN "People" AS s ON s."Id" = a."SubstituteForId"
            LEFT JOIN "Memberships" AS seat ON seat."Id" = (
                SELECT ms."Id" FROM "Memberships" AS ms
                WHERE ms."OrganizationId" = m."OrganizationId" AND ms."PersonId" = a."PersonId"
                    AND (ms."Start" IS NULL OR ms."Start" <= m."Date") AND (ms."End" IS NULL OR ms."End" >= m."Date")
                ORDER BY {RoleRank("ms")}, ms."Id"
                LIMIT 1)
            LEFT JOIN "Organizations" AS behalf ON behalf."Id" = seat."OnBehalfOfId"
            WHERE a."MeetingId" IN ({ids}) AND {open}{attended}
            ORDER BY a."Id"
            """,
            $"""
            SELECT g."AttendanceId", i."Number", i."Position"
            FROM "Attendance" AS a
            INNER JOIN "Meetings" AS m ON m."Id" = a."MeetingId"
            INNER JOIN "AttendanceGuestItems" AS g ON g."AttendanceId" = a."Id"
            INNER JOIN "AgendaItems" AS i ON i."Id" = g."AgendaItemId"
            WHERE a."MeetingId" IN ({ids}) AND {open}{attended}
            """,

            // The text of public attachments on public items only, for OParl; the gate decides again.
            $"""
            SELECT a."MeetingId", a."Id", a."AgendaItemId", a."Title", a."FileName", a."MediaType", a."SizeBytes", a."IsPublic",
                EXISTS (SELECT 1 FROM "StoredFiles" AS f WHERE f."Sha256" = a."Sha256"){attachmentText}
            FROM "Attachments" AS a
            INNER JOIN "Meetings" AS m ON m."Id" = a."MeetingId"{(forOParl && withTexts ? "\nLEFT JOIN \"AgendaItems\" AS i ON i.\"Id\" = a.\"AgendaItemId\"" : "")}
            WHERE a."MeetingId" IN ({ids}) AND {open}
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
        };
        if (forOParl)
        {
            statements.Add($"""
                SELECT h."Id", h."AgendaItemId"
                FROM "Hearings" AS h
                INNER JOIN "AgendaItems" AS i ON i."Id" = h."AgendaItemId"
                INNER JOIN "Meetings" AS m ON m."Id" = i."MeetingId"
                WHERE i."MeetingId" IN ({ids}) AND {open}
                ORDER BY h."Id"
                """);
        }

        return string.Join(";\n", statements);
    }

    /// <summary>A membership's role as its rank in <see cref="MembershipRole"/> (chair first), for ORDER BY on both engines.</summary>
    internal static string RoleRank(string alias) =>
        "CASE " + alias + ".\"Role\"" + string.Concat(Enum.GetValues<MembershipRole>().Select(r => string.Create(CultureInfo.InvariantCulture, $" WHEN '{r}' THEN {(int)r}"))) + " END";

    /// <summary>The meetings by id in id order; <paramref name="forOParl"/> also reads the public attachments' texts and the hearings treated at the items.</summary>
    public static Task<List<MeetingRead>> ReadAsync(ReadSessions sessions, IReadOnlyCollection<int> ids, bool forOParl, CancellationToken ct) =>
        ReadAsync(sessions, ids, forOParl ? 1 : 0, ct);

    /// <summary>
    /// The meetings for OParl's Meeting and AgendaItem objects, which show no long text: as <see cref="ReadAsync(ReadSessions, IReadOnlyCollection{int}, bool, CancellationToken)"/>
    /// for OParl, with the items' public texts and minutes and the attachments' texts left null (a File embedded in them carries no text).
    /// </summary>
    /// <remarks>Without <paramref name="attendance"/> (agenda items show none) no attendance either.</remarks>
    public static Task<List<MeetingRead>> ReadWithoutTextsAsync(ReadSessions sessions, IReadOnlyCollection<int> ids, bool attendance, CancellationToken ct) =>
        ReadAsync(sessions, ids, attendance ? 2 : 3, ct);

    private static async Task<List<MeetingRead>> ReadAsync(ReadSessions sessions, IReadOnlyCollection<int> ids, int shape, CancellationToken ct)
    {
        var sorted = ids.Distinct().Order().ToArray();
        var max = LeanStatement.ListSizes[^1];
        if (sorted.Length <= max)
        {
            return sorted.Length == 0 ? [] : await sessions.ReadAsync((session, token) => ReadOnAsync(session, sorted, shape, token), ct);
        }

        var all = new List<MeetingRead>(sorted.Length);
        foreach (var chunk in sorted.Chunk(max))
        {
            all.AddRange(await sessions.ReadAsync((session, token) => ReadOnAsync(session, chunk, shape, token), ct));
        }

        return all;
    }

    private static async Task<List<MeetingRead>> ReadOnAsync(ReadSession session, int[] ids, int shape, CancellationToken ct)
    {
        var forOParl = shape > 0;
        var size = Array.FindIndex(LeanStatement.ListSizes, s => s >= ids.Length);
        var statement = Commands[size, shape];
        var values = new int[statement.Parameters];
        ids.CopyTo(values, 0);
        Array.Fill(values, ids[^1], ids.Length, values.Length - ids.Length);

        var meetings = new List<MeetingRow>(ids.Length);
        var agenda = new List<ItemRow>();
        var present = new List<AttendanceRow>();
        var guestItems = new List<(int AttendanceId, string Number, int Position)>();
        var attachments = new List<AttachmentRow>();
        var withheldRows = new List<(int BodyId, string Name, string? PublicRole)>();
        var lastPerson = 0;
        var hearings = new List<(int Id, int ItemId)>();
        await using (var r = await session.ExecuteAsync(statement, values, ct))
        {
            while (await r.ReadAsync(ct))
            {
                meetings.Add(new MeetingRow(
                    r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
                    Text(r, 6), SqliteTimestamps.Date(r, 7), Time(r, 8), Time(r, 9),
                    r.IsDBNull(10) ? null : new LocationRow(r.GetInt32(10), r.GetInt32(11), r.GetString(12), Text(r, 13), Text(r, 14), Text(r, 15), Text(r, 16), Utc(r, 17), Utc(r, 18)),
                    Text(r, 19), (MeetingState)r.GetInt32(20), r.IsDBNull(21) ? null : r.GetInt32(21), r.IsDBNull(22) ? null : SqliteTimestamps.Date(r, 22),
                    Text(r, 23), Text(r, 24), r.IsDBNull(25) ? null : Utc(r, 25), Text(r, 26), Utc(r, 27), Utc(r, 28)));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                agenda.Add(new ItemRow(
                    r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4), Enum.Parse<AgendaItemKind>(r.GetString(5)),
                    r.GetBoolean(6), Text(r, 7), Text(r, 8), Text(r, 9), r.GetBoolean(10), Text(r, 11), r.GetBoolean(12), Utc(r, 13), Utc(r, 14),
                    r.IsDBNull(15) ? null : new ItemHearing(Text(r, 16), SqliteTimestamps.Date(r, 17), Text(r, 18))));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                present.Add(new AttendanceRow(
                    r.GetInt32(0), r.GetInt32(1), Person(r, 2)!, Enum.Parse<AttendanceStatus>(r.GetString(6)), Person(r, 7), Text(r, 11),
                    r.IsDBNull(12) ? null : Enum.Parse<MembershipRole>(r.GetString(12)), Text(r, 13)));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                guestItems.Add((r.GetInt32(0), r.GetString(1), r.GetInt32(2)));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                attachments.Add(new AttachmentRow(
                    r.GetInt32(0),
                    new AttachmentRecord(r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt64(6), r.GetBoolean(7), r.GetBoolean(8)),
                    forOParl ? Text(r, 9) : null));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                // A person's name, then each alias (a row per alias; one row with none when there is none).
                var person = r.GetInt32(1);
                if (person != lastPerson)
                {
                    withheldRows.Add((r.GetInt32(0), r.GetString(2), Text(r, 3)));
                    lastPerson = person;
                }

                if (!r.IsDBNull(4))
                {
                    withheldRows.Add((r.GetInt32(0), r.GetString(4), Text(r, 3)));
                }
            }

            if (forOParl)
            {
                await r.NextResultAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    hearings.Add((r.GetInt32(0), r.GetInt32(1)));
                }
            }
        }

        return Assemble(meetings, agenda, present, guestItems, attachments, withheldRows, hearings);
    }

    private static List<MeetingRead> Assemble(
        List<MeetingRow> meetings, List<ItemRow> agenda, List<AttendanceRow> present, List<(int AttendanceId, string Number, int Position)> guestRows,
        List<AttachmentRow> attachments, List<(int BodyId, string Name, string? PublicRole)> withheldRows, List<(int Id, int ItemId)> hearings)
    {
        // The privacy gate decides which meetings' agenda, attendance and files are read; the statements already leave the others out.
        var open = meetings.Where(m => PrivacyGate.IsPublic(m.State)).Select(m => m.Id).ToHashSet();

        // Only guests come with items (as the EF Core read had it: read only when someone attended as a guest).
        var guestItems = (present.Exists(a => a.Status == AttendanceStatus.Guest) ? guestRows : []).ToLookup(g => g.AttendanceId);
        var withheld = withheldRows.ToLookup(w => w.BodyId, w => new WithheldName(w.Name, w.PublicRole!));
        var agendaOf = agenda.Where(i => open.Contains(i.MeetingId)).ToLookup(i => i.MeetingId);
        var presentOf = present.Where(a => open.Contains(a.MeetingId)).ToLookup(a => a.MeetingId);
        var attachmentsOf = attachments.Where(a => open.Contains(a.MeetingId)).ToLookup(a => a.MeetingId);
        var hearingOf = hearings.GroupBy(h => h.ItemId).ToDictionary(g => g.Key, g => g.First().Id);
        var danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);
        return meetings.ConvertAll(meeting =>
        {
            var rows = agendaOf[meeting.Id].ToList();
            var numberOf = rows.ToDictionary(i => i.Id, i => i.Number);
            var items = rows.ConvertAll(i => new AgendaItemRecord(i.Id, i.Number, i.ParentId is { } p ? numberOf[p] : null, i.Title, i.Kind, i.IsPublic, i.PublicText, i.Minutes, i.Decision, i.Withdrawn, i.WithdrawnReason, i.AddedAfterPublication, i.Hearing));
            var attendance = presentOf[meeting.Id]
                .Select(a => new AttendanceRecord(a.Person, a.Status, a.SubstituteFor, a.Affiliation,
                    guestItems[a.Id].OrderBy(i => i.Position).Select(i => i.Number).ToList(), a.OnBehalfOf, a.Role))
                .OrderBy(a => a.Role ?? MembershipRole.Observer + 1)
                .ThenBy(a => a.Person.Name, danish)
                .ToList();
            var files = attachmentsOf[meeting.Id].ToList();
            var record = new MeetingRecord(
                meeting.Id, meeting.OrganizationId, meeting.OrganizationSlug, meeting.OrganizationName, meeting.BodyName,
                meeting.Name, meeting.Date, meeting.StartTime, meeting.EndTime,
                meeting.Location?.Name, meeting.Location?.Description, meeting.HostName,
                meeting.State, meeting.MinutesApprovedById, meeting.ApprovedOn,
                items, attendance, files.ConvertAll(a => a.Record),
                meeting.ImportedFrom, meeting.ImportedSha256, withheld[meeting.BodyId].ToList(),
                meeting.CancelledAt, meeting.CancellationReason);
            return new MeetingRead(
                record, meeting.BodyId, meeting.Location, meeting.Created, meeting.Modified,
                rows.ToDictionary(i => i.Id, i => (i.Created, i.Modified)),
                files.Where(a => a.Text is not null).ToDictionary(a => a.Record.Id, a => a.Text!),
                hearingOf.Where(h => numberOf.ContainsKey(h.Key)).ToDictionary(h => h.Key, h => h.Value));
        });
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static TimeOnly? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : SqliteTimestamps.Time(r, i);

    /// <summary>A stored timestamp, UTC on both engines (SQLite hands it back unspecified, as EF Core's converter has it).</summary>
    private static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(
        r is Microsoft.Data.Sqlite.SqliteDataReader && SqliteTimestamps.TryParse(r.GetString(i), out var stored) ? stored : r.GetDateTime(i),
        DateTimeKind.Utc);

    /// <summary>Id, name, publication and public role from <paramref name="i"/> on, or null.</summary>
    private static PersonRef? Person(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : new PersonRef(r.GetInt32(i), r.GetString(i + 1), Enum.Parse<PublicationLevel>(r.GetString(i + 2)), Text(r, i + 3));

    private sealed record WithheldRow(int BodyId, string Name, string? PublicRole, List<string> Aliases);

    /// <summary>Compiled once per model: a compiled query belongs to the model it first ran with, and one process may use both engines.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<ProtokolDbContext, int[], IAsyncEnumerable<WithheldRow>>> Withheld = [];

    private static Func<ProtokolDbContext, int[], IAsyncEnumerable<WithheldRow>> WithheldQuery(ProtokolDbContext db) => Withheld.GetValue(db.Model, _ => EF.CompileAsyncQuery(
        (ProtokolDbContext db, int[] bodies) => db.People.AsNoTracking()
            .Where(p => p.Publication == PublicationLevel.RoleOnly && bodies.Contains(p.BodyId))
            .Select(p => new WithheldRow(p.BodyId, p.Name, p.PublicRole, p.Aliases.Select(a => a.Name).ToList()))));

    /// <summary>Every spelling of the names of people shown by role only, per municipality (OParl's hearings).</summary>
    public static async Task<ILookup<int, WithheldName>> WithheldAsync(ProtokolDbContext db, List<int> bodies, CancellationToken ct)
    {
        var rows = new List<WithheldRow>();
        await foreach (var row in WithheldQuery(db)(db, [.. bodies]).WithCancellation(ct))
        {
            rows.Add(row);
        }

        return rows
            .SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => (p.BodyId, Name: new WithheldName(n, p.PublicRole!))))
            .ToLookup(p => p.BodyId, p => p.Name);
    }
}
