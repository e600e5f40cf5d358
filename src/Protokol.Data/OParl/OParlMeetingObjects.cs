using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// A published meeting's OParl Meeting object as its UTF-8 JSON, kept (issue 17): written on a read whose kept object's key no longer
/// matches, stored then in a write of its own. Not a record of the archive: dropped with its meeting, never audited or exported.
/// </summary>
public sealed class KeptMeetingObject
{
    public int MeetingId { get; set; }

    /// <summary>The inputs the object was written from (<see cref="OParlKeptObject.Key"/>).</summary>
    public string Key { get; set; } = string.Empty;

    public byte[] Json { get; set; } = [];
}

/// <summary>An agenda item's OParl AgendaItem object as its UTF-8 JSON, kept under its meeting's key (<see cref="KeptMeetingObject"/>).</summary>
public sealed class KeptAgendaItemObject
{
    public int AgendaItemId { get; set; }

    /// <summary>The meeting the item was in when it was written (the key names it too).</summary>
    public int MeetingId { get; set; }

    public string Key { get; set; } = string.Empty;

    public byte[] Json { get; set; } = [];
}

internal sealed class KeptMeetingObjectConfiguration : IEntityTypeConfiguration<KeptMeetingObject>
{
    public void Configure(EntityTypeBuilder<KeptMeetingObject> builder)
    {
        builder.ToTable("MeetingObjects");
        builder.HasKey(t => t.MeetingId);
        builder.Property(t => t.MeetingId).ValueGeneratedNever();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KeptAgendaItemObjectConfiguration : IEntityTypeConfiguration<KeptAgendaItemObject>
{
    public void Configure(EntityTypeBuilder<KeptAgendaItemObject> builder)
    {
        builder.ToTable("AgendaItemObjects");
        builder.HasKey(t => t.AgendaItemId);
        builder.Property(t => t.AgendaItemId).ValueGeneratedNever();
        builder.HasOne<AgendaItem>().WithMany().HasForeignKey(t => t.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The kept Meeting and AgendaItem objects' read and write. An object's key is read in one command on a kept session
/// (<see cref="ReadSessions"/>) for a page's meetings (or the meetings of a page's items): the versions of the meeting's row, its
/// council and location; the meeting's stamp (<see cref="MeetingStamp"/>, incremented by every save of one of its agenda items, its
/// attendance or a hearing at one of its items: session 11, where the key summed those rows' ids and versions per request); the
/// registry's stamp (<see cref="RegistryStamp"/>, incremented by every save of a person, an alias, a seat or an organization: every
/// participant's name, publication level and seat, and the withheld names, come from those rows), as the minutes texts' key reads
/// it; and the highest id, sum of ids and sum of versions of its attachments, and how many of them have their file stored. Every
/// save increments a row's version and ids are only ever new and higher (SQLite's AUTOINCREMENT, PostgreSQL's identity): a removal
/// lowers a sum of ids, an addition raises the highest id, an edit raises a sum of versions, so a key equal to the kept one means
/// the same inputs. As for the kept minutes texts (<see cref="OParlQueries.MinutesTextsAsync"/>) the key is read before a stale
/// meeting is read to be written.
/// </summary>
internal sealed partial class OParlQueries : IOParlMeetingObjects
{
    private static readonly LeanStatement[] MeetingKeyCommands =
        [.. LeanStatement.ListSizes.Select(size => new LeanStatement(ObjectKeySql(In(LeanStatement.List(size)), kept: true), size))];

    /// <summary>The keys of the meetings of a page's agenda items, without the meetings' kept objects.</summary>
    private static readonly LeanStatement[] ItemMeetingKeyCommands =
        [.. LeanStatement.ListSizes.Select(size => new LeanStatement(ObjectKeySql(In(LeanStatement.List(size)), kept: false), size))];

    private static readonly LeanStatement[] ItemCommands = [.. LeanStatement.ListSizes.Select(size => new LeanStatement(
        ItemSql($"IN ({LeanStatement.List(size)})"), size))];

    /// <summary>
    /// The range forms (session 9): the meetings (or items) with an id from <c>@p0</c> to <c>@p1</c>, for a dense run of ids such as a
    /// keyset page gives: two parameters bound to each statement instead of the page's ids padded to a list size, and no list of
    /// values for the engine to sort per statement. The rows of ids in the range that were not asked for are read and left out.
    /// </summary>
    private static readonly LeanStatement MeetingKeyRange = new(ObjectKeySql(Range, kept: true), 2);

    private static readonly LeanStatement ItemMeetingKeyRange = new(ObjectKeySql(Range, kept: false), 2);

    private static readonly LeanStatement ItemRange = new(ItemSql(Range), 2);

    /// <summary>The widest range of meeting ids the combined read takes (a page of 100 items spans about 9 meetings; settable for tests).</summary>
    internal static int MeetingSpanLimit { get; set; } = 256;

    // "+ 0": a plain MIN or MAX of an indexed column PostgreSQL reads from that index's end, testing each entry on the item's id until
    // one is in the range (700 ms from the wrong end at 100,000 items); of the expression it aggregates the items of the range.
    private const string MeetingSpan = """
        WITH span AS (
            SELECT MIN(x."MeetingId" + 0) AS "Low",
                CASE WHEN MAX(x."MeetingId" + 0) - MIN(x."MeetingId" + 0) < @p2 THEN MAX(x."MeetingId" + 0) ELSE MIN(x."MeetingId" + 0) - 1 END AS "High"
            FROM "AgendaItems" AS x WHERE x."Id" BETWEEN @p0 AND @p1)
        """;

    /// <summary>
    /// A dense run of items (<c>@p0</c> to <c>@p1</c>) with their kept objects and, in the same command, the keys of their meetings (<c>@p2</c>: <see cref="MeetingSpanLimit"/>):
    /// one round trip instead of two (issue 17: on PostgreSQL each command is one). The meetings are the range from the items' lowest
    /// to their highest meeting id, worked out in each statement from the items' rows; when that range is wider than
    /// <see cref="MeetingSpanLimit"/> (items added to meetings far apart) it is left empty, and the meetings are read by their ids.
    /// </summary>
    private static readonly LeanStatement ItemRangeWithMeetingKeys = new(
        ItemSql(Range) + ";\n" + ObjectKeySql("""BETWEEN (SELECT s."Low" FROM span AS s) AND (SELECT s."High" FROM span AS s)""", kept: false, with: MeetingSpan), 3);

    private const string Range = "BETWEEN @p0 AND @p1";

    private static string In(string list) => $"IN ({list})";

    // Each kept table is joined with the ids repeated on its own key: PostgreSQL carries an equality over a join to the
    // other table, but not a range or a list, and its prepared plan for a page of 100 items hashed every kept object
    // of the archive to join them (a scan of the whole table, however large it grows: 2.2 ms against 0.6 ms by key
    // with 1,104 kept objects; issue 17). The same holds for the stamps, the kept meetings, people and minutes texts.
    private static string ItemSql(string ids) =>
        $"""
        SELECT i."Id", i."MeetingId", k."MeetingId", k."Key", k."Json"
        FROM "AgendaItems" AS i
        LEFT JOIN "AgendaItemObjects" AS k ON k."AgendaItemId" = i."Id" AND k."AgendaItemId" {ids}
        WHERE i."Id" {ids}
        """;

    /// <summary>
    /// Whether a sorted set of ids is read as the range from its first to its last id: when at most as many ids again lie between them
    /// (a page of a list in id order, the meetings of a page of items), so the rows read and left out never outnumber those asked for.
    /// </summary>
    internal static bool IsDense(int[] sorted) => sorted.Length > 0 && (long)sorted[^1] - sorted[0] < 2L * sorted.Length;

    private const string KeptColumns = """t."Key", t."Json" """;

    private static string KeptJoin(string meetings) => $"""LEFT JOIN "MeetingObjects" AS t ON t."MeetingId" = m."Id" AND t."MeetingId" {meetings}""";

    /// <summary>
    /// The key command for meetings whose id is <paramref name="meetings"/> (a list or a range), with (<paramref name="kept"/>) or without
    /// their kept objects: each meeting's row with its stamp (<see cref="MeetingStamp"/>: its items, attendance and hearings) and the
    /// registry's stamp, then the sums of its attachments (which also depend on which files are stored, not stamped per meeting).
    /// </summary>
    private static string ObjectKeySql(string meetings, bool kept, string with = "") =>
        $"""
        {with}
        SELECT m."Id", m."State", o."BodyId", m."Version", o."Version", COALESCE(l."Version", 0), COALESCE(s."Version", 0),
            COALESCE((SELECT r."Version" FROM "RegistryStamps" AS r WHERE r."Id" = 1), 0), {(kept ? KeptColumns : "NULL, NULL")}
        FROM "Meetings" AS m
        INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
        LEFT JOIN "Locations" AS l ON l."Id" = m."LocationId"
        LEFT JOIN "MeetingStamps" AS s ON s."MeetingId" = m."Id" AND s."MeetingId" {meetings}
        {(kept ? KeptJoin(meetings) : string.Empty)}
        WHERE m."Id" {meetings};
        {with}
        SELECT a."MeetingId", CAST(MAX(a."Id") AS BIGINT), CAST(SUM(a."Id") AS BIGINT), CAST(SUM(a."Version") AS BIGINT),
            CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM "StoredFiles" AS f WHERE f."Sha256" = a."Sha256") THEN 1 ELSE 0 END) AS BIGINT)
        FROM "Attachments" AS a
        WHERE a."MeetingId" {meetings}
        GROUP BY a."MeetingId"
        """;

    public Task<IReadOnlyList<OParlKeptObject>> KeptMeetingsAsync(IReadOnlyCollection<int> meetingIds, string writer, CancellationToken cancellationToken) =>
        KeptAsync(meetingIds, writer, items: false, cancellationToken);

    public Task<IReadOnlyList<OParlKeptObject>> KeptAgendaItemsAsync(IReadOnlyCollection<int> itemIds, string writer, CancellationToken cancellationToken) =>
        KeptAsync(itemIds, writer, items: true, cancellationToken);

    private async Task<IReadOnlyList<OParlKeptObject>> KeptAsync(IReadOnlyCollection<int> ids, string writer, bool items, CancellationToken cancellationToken)
    {
        var sorted = ids.Distinct().Order().ToArray();
        var all = new List<OParlKeptObject>(sorted.Length);
        foreach (var chunk in sorted.Chunk(LeanStatement.ListSizes[^1]))
        {
            all.AddRange(await sessions.ReadAsync((session, token) => ReadObjectKeysAsync(session, chunk, writer, items, token), cancellationToken));
        }

        return all;
    }

    private sealed record ObjectRow(int Id, int MeetingId, int? KeptMeetingId, string? Key, byte[]? Json);

    private sealed record MeetingKeyRow(int Id, MeetingState State, int BodyId, string Own, string? Key, byte[]? Json);

    private static async Task<List<OParlKeptObject>> ReadObjectKeysAsync(ReadSession session, int[] ids, string writer, bool items, CancellationToken ct)
    {
        if (!items)
        {
            var meetings = await ReadMeetingKeysAsync(session, kept: true, ids, writer, ct);
            return meetings.ConvertAll(m => new OParlKeptObject(m.Row.Id, m.Row.Id, m.Row.State, m.Key, m.Row.Key == m.Key ? m.Row.Json : null));
        }

        // The items with their meetings and kept objects, then their meetings' keys: for a dense run of items in the same command,
        // otherwise (and for any meeting the combined read left out) in a second command on the same session.
        var objects = new List<ObjectRow>(ids.Length);
        var dense = IsDense(ids);
        var (itemStatement, itemValues) = dense ? (ItemRangeWithMeetingKeys, new[] { ids[0], ids[^1], MeetingSpanLimit }) : (ItemCommands[Size(ids)], Padded(ItemCommands[Size(ids)], ids));
        List<(MeetingKeyRow Row, string Key)>? read = null;
        await using (var r = await session.ExecuteAsync(itemStatement, itemValues, ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (Array.BinarySearch(ids, r.GetInt32(0)) < 0)
                {
                    continue;
                }

                objects.Add(new ObjectRow(
                    r.GetInt32(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetFieldValue<byte[]>(4)));
            }

            if (dense && objects.Count > 0)
            {
                await r.NextResultAsync(ct);
                read = await MeetingKeysAsync(r, [.. objects.Select(o => o.MeetingId).Distinct().Order()], writer, ct);
            }
        }

        if (objects.Count == 0)
        {
            return [];
        }

        var keys = (read ?? []).ToDictionary(m => m.Row.Id);
        int[] missing = [.. objects.Select(o => o.MeetingId).Where(m => !keys.ContainsKey(m)).Distinct().Order()];
        if (missing.Length > 0)
        {
            foreach (var meeting in await ReadMeetingKeysAsync(session, kept: false, missing, writer, ct))
            {
                keys[meeting.Row.Id] = meeting;
            }
        }

        var found = new List<OParlKeptObject>(objects.Count);
        foreach (var o in objects)
        {
            if (keys.TryGetValue(o.MeetingId, out var meeting))
            {
                var current = o.KeptMeetingId == o.MeetingId && o.Key == meeting.Key;
                found.Add(new OParlKeptObject(o.Id, o.MeetingId, meeting.Row.State, meeting.Key, current ? o.Json : null));
            }
        }

        return found;
    }

    private static int Size(int[] ids) => Array.FindIndex(LeanStatement.ListSizes, s => s >= ids.Length);

    private static int[] Padded(LeanStatement statement, int[] ids)
    {
        var values = new int[statement.Parameters];
        ids.CopyTo(values, 0);
        Array.Fill(values, ids[^1], ids.Length, values.Length - ids.Length);
        return values;
    }

    /// <summary>The meetings' keys of now (and their kept objects, when the command reads them).</summary>
    /// <remarks>A dense set of ids (<see cref="IsDense"/>) is read by the range form; the meetings in the range not asked for are left out.</remarks>
    private static async Task<List<(MeetingKeyRow Row, string Key)>> ReadMeetingKeysAsync(ReadSession session, bool kept, int[] ids, string writer, CancellationToken ct)
    {
        var (statement, values) = IsDense(ids)
            ? (kept ? MeetingKeyRange : ItemMeetingKeyRange, new[] { ids[0], ids[^1] })
            : ((kept ? MeetingKeyCommands : ItemMeetingKeyCommands)[Size(ids)], Padded((kept ? MeetingKeyCommands : ItemMeetingKeyCommands)[Size(ids)], ids));
        await using var r = await session.ExecuteAsync(statement, values, ct);
        return await MeetingKeysAsync(r, ids, writer, ct);
    }

    /// <summary>The meetings' keys from a key command's two results (the reader at the first), for the meetings of <paramref name="ids"/> (sorted) only.</summary>
    private static async Task<List<(MeetingKeyRow Row, string Key)>> MeetingKeysAsync(DbDataReader r, int[] ids, string writer, CancellationToken ct)
    {
        var meetings = new List<MeetingKeyRow>(ids.Length);
        Dictionary<int, string>? attachments = null;
        while (await r.ReadAsync(ct))
        {
            if (Array.BinarySearch(ids, r.GetInt32(0)) < 0)
            {
                continue;
            }

            meetings.Add(new MeetingKeyRow(
                r.GetInt32(0), (MeetingState)r.GetInt32(1), r.GetInt32(2), Numbers(r, 3, 5),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetFieldValue<byte[]>(9)));
        }

        // The attachments' sums, for the meetings that have any.
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var meeting = r.GetInt32(0);
            if (Array.BinarySearch(ids, meeting) >= 0)
            {
                (attachments ??= [])[meeting] = Numbers(r, 1, 4);
            }
        }

        return meetings.ConvertAll(m => (m, string.Join('|',
            writer, m.Id.ToString(CultureInfo.InvariantCulture), m.Own, attachments is not null && attachments.TryGetValue(m.Id, out var text) ? text : "-")));
    }

    private const string KeepMeetingSql = """
        INSERT INTO "MeetingObjects" ("MeetingId", "Key", "Json")
        SELECT @id, @key, @json
        WHERE EXISTS (SELECT 1 FROM "Meetings" WHERE "Id" = @id)
        ON CONFLICT ("MeetingId") DO UPDATE SET "Key" = excluded."Key", "Json" = excluded."Json"
        """;

    private const string KeepItemSql = """
        INSERT INTO "AgendaItemObjects" ("AgendaItemId", "MeetingId", "Key", "Json")
        SELECT @id, @meeting, @key, @json
        WHERE EXISTS (SELECT 1 FROM "AgendaItems" WHERE "Id" = @id)
        ON CONFLICT ("AgendaItemId") DO UPDATE SET "MeetingId" = excluded."MeetingId", "Key" = excluded."Key", "Json" = excluded."Json"
        """;

    public async Task<bool> KeepObjectsAsync(IReadOnlyCollection<OParlKeptObject> meetings, IReadOnlyCollection<OParlKeptObject> items, CancellationToken cancellationToken)
    {
        if (meetings.Count + items.Count == 0)
        {
            return true;
        }

        // On the context's own connection, outside the read sessions, in one short transaction of its own (a page writes a meeting
        // and its items: one commit, not one per row), each upsert a prepared command run once per object. The same object kept by
        // two processes at once is one row either way (the last write wins, and both wrote the object of a key that was current
        // when they read it).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await UpsertAsync(connection, transaction, KeepMeetingSql, meetings, item: false, cancellationToken);
            await UpsertAsync(connection, transaction, KeepItemSql, items, item: true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Busy (an import holds SQLite's write lock), or a record removed between the check and the write: the objects served
            // are right; they are written again next time.
            OParlMeetingObjectsLog.NotKept(db.GetService<ILoggerFactory>().CreateLogger<KeptMeetingObject>(), meetings.Count + items.Count, e.Message);
            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyCollection<OParlKeptObject> objects, bool item, CancellationToken ct)
    {
        if (objects.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        DbParameter Parameter(string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }

        var id = Parameter("id");
        var meeting = item ? Parameter("meeting") : null;
        var key = Parameter("key");
        var json = Parameter("json");
        foreach (var o in objects)
        {
            id.Value = o.Id;
            if (meeting is not null)
            {
                meeting.Value = o.MeetingId;
            }

            key.Value = o.Key;
            json.Value = o.Json!;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

internal static partial class OParlMeetingObjectsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Count} Meeting and AgendaItem objects were written but not kept: {Reason}")]
    public static partial void NotKept(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Count} Person objects were written but not kept: {Reason}")]
    public static partial void PeopleNotKept(ILogger logger, int count, string reason);
}
