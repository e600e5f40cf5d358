using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// A meeting's agenda or minutes text as OParl's File carries it, kept (issue 17): composed on a read whose kept text's key no
/// longer matches, stored then in a write of its own. Not a record of the archive: dropped with its meeting, never audited.
/// </summary>
public sealed class KeptMinutesText
{
    public int MeetingId { get; set; }

    /// <summary>The inputs the text was composed from (<see cref="OParlMinutesText.Key"/>).</summary>
    public string Key { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string FileName { get; set; } = string.Empty;

    /// <summary>The text as the UTF-8 bytes of its JSON string (quotes and escapes included).</summary>
    public byte[] Json { get; set; } = [];
}

internal sealed class KeptMinutesTextConfiguration : IEntityTypeConfiguration<KeptMinutesText>
{
    public void Configure(EntityTypeBuilder<KeptMinutesText> builder)
    {
        builder.ToTable("MinutesTexts");
        builder.HasKey(t => t.MeetingId);
        builder.Property(t => t.MeetingId).ValueGeneratedNever();
        builder.Property(t => t.Title).HasMaxLength(400);
        builder.Property(t => t.FileName).HasMaxLength(400);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The kept texts' read and write. A text's key is read in one command on a kept session (<see cref="ReadSessions"/>) for a
/// page's meetings: the versions of the meeting's own row and of the rows it names (council, host, location, approving
/// meeting, body), the number, sum of ids and sum of versions of its items (joined to the hearings they treat, whose sender,
/// deadline and link the agenda names: sums of their ids and versions; an item treating two hearings is counted twice, which is
/// still a function of the rows) and of its attendance, its guests' items, and the
/// registry's stamp (<see cref="RegistryStamp"/>: every save of a person, an alias, a seat or an organization increments it in its
/// transaction; the withheld names and every attendee's name, publication level, public role and seat come from those rows; until
/// session 8 the command summed every such row of the body instead, 0.3–0.7 ms of SQLite per page). Every save increments a row's
/// version and ids are never reused (SQLite's AUTOINCREMENT, PostgreSQL's identity), so any edit, addition or removal changes a
/// sum or a number: a key equal to the kept one means the same inputs. The key is read before a stale meeting is read to be composed, so a text kept under
/// a key is never older than the key (an edit in between makes the next read compose it again).
/// </summary>
internal sealed partial class OParlQueries : IOParlMinutesTexts
{
    private static readonly LeanStatement[] KeyCommands = [.. LeanStatement.ListSizes.Select(size => new LeanStatement(KeySql(LeanStatement.List(size)), size))];

    private static string KeySql(string ids) =>
        $"""
        SELECT m."Id", m."State", m."Date", m."Created", m."Modified",
            m."Version", o."Version", b."Version", COALESCE(l."Version", 0), COALESCE(h."Version", 0), COALESCE(ap."Version", 0),
            t."Key", t."Title", t."FileName", t."Json"
        FROM "Meetings" AS m
        INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
        INNER JOIN "Bodies" AS b ON b."Id" = o."BodyId"
        LEFT JOIN "Locations" AS l ON l."Id" = m."LocationId"
        LEFT JOIN "Organizations" AS h ON h."Id" = m."HostId"
        LEFT JOIN "Meetings" AS ap ON ap."Id" = m."MinutesApprovedById"
        LEFT JOIN "MinutesTexts" AS t ON t."MeetingId" = m."Id" AND t."MeetingId" IN ({ids})
        WHERE m."Id" IN ({ids});
        SELECT i."MeetingId", COUNT(*), CAST(SUM(i."Id") AS BIGINT), CAST(SUM(i."Version") AS BIGINT),
            CAST(COALESCE(SUM(hg."Id"), 0) AS BIGINT), CAST(COALESCE(SUM(hg."Version"), 0) AS BIGINT)
        FROM "AgendaItems" AS i
        LEFT JOIN "Hearings" AS hg ON hg."AgendaItemId" = i."Id"
        WHERE i."MeetingId" IN ({ids})
        GROUP BY i."MeetingId";
        SELECT a."MeetingId", COUNT(*), CAST(SUM(a."Id") AS BIGINT), CAST(SUM(a."Version") AS BIGINT)
        FROM "Attendance" AS a
        WHERE a."MeetingId" IN ({ids})
        GROUP BY a."MeetingId";
        SELECT a."MeetingId", g."AttendanceId", g."AgendaItemId"
        FROM "AttendanceGuestItems" AS g
        INNER JOIN "Attendance" AS a ON a."Id" = g."AttendanceId"
        WHERE a."MeetingId" IN ({ids})
        ORDER BY a."MeetingId", g."AttendanceId", g."AgendaItemId";
        SELECT COALESCE((SELECT s."Version" FROM "RegistryStamps" AS s WHERE s."Id" = 1), 0)
        """;

    private sealed record KeyRow(
        int Id, MeetingState State, DateOnly Date, DateTime Created, DateTime Modified, string Own, string? Key, string? Title, string? FileName, byte[]? Json);

    public async Task<IReadOnlyList<OParlMinutesText>> MinutesTextsAsync(IReadOnlyCollection<int> meetingIds, string composer, CancellationToken cancellationToken)
    {
        var sorted = meetingIds.Distinct().Order().ToArray();
        var all = new List<OParlMinutesText>(sorted.Length);
        foreach (var chunk in sorted.Chunk(LeanStatement.ListSizes[^1]))
        {
            all.AddRange(await sessions.ReadAsync((session, token) => ReadKeysAsync(session, chunk, composer, token), cancellationToken));
        }

        return all;
    }

    private static async Task<List<OParlMinutesText>> ReadKeysAsync(ReadSession session, int[] ids, string composer, CancellationToken ct)
    {
        var size = Array.FindIndex(LeanStatement.ListSizes, s => s >= ids.Length);
        var statement = KeyCommands[size];
        var values = new int[statement.Parameters];
        ids.CopyTo(values, 0);
        Array.Fill(values, ids[^1], ids.Length, values.Length - ids.Length);

        var meetings = new List<KeyRow>(ids.Length);
        var items = new Dictionary<int, string>();
        var attendance = new Dictionary<int, string>();
        var guests = new Dictionary<int, StringBuilder>();
        var registry = "0";
        await using (var r = await session.ExecuteAsync(statement, values, ct))
        {
            while (await r.ReadAsync(ct))
            {
                meetings.Add(new KeyRow(
                    r.GetInt32(0), (MeetingState)r.GetInt32(1), r.GetFieldValue<DateOnly>(2), Utc(r, 3), Utc(r, 4),
                    Numbers(r, 5, 6), r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12),
                    r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetFieldValue<byte[]>(14)));
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                items[r.GetInt32(0)] = Numbers(r, 1, 5);
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                attendance[r.GetInt32(0)] = Numbers(r, 1, 3);
            }

            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var meeting = r.GetInt32(0);
                if (!guests.TryGetValue(meeting, out var pairs))
                {
                    guests[meeting] = pairs = new StringBuilder();
                }

                pairs.Append(CultureInfo.InvariantCulture, $"{r.GetInt32(1)}:{r.GetInt32(2)},");
            }

            await r.NextResultAsync(ct);
            if (await r.ReadAsync(ct))
            {
                registry = Numbers(r, 0, 1);
            }
        }

        return meetings.ConvertAll(m =>
        {
            var key = string.Join('|',
                composer, m.Own, items.GetValueOrDefault(m.Id, "0"), attendance.GetValueOrDefault(m.Id, "0"),
                guests.TryGetValue(m.Id, out var pairs) ? pairs.ToString() : string.Empty, registry);
            return m.Key == key && m.Json is not null
                ? new OParlMinutesText(m.Id, m.State, m.Date, m.Created, m.Modified, key, m.Title, m.FileName, m.Json)
                : new OParlMinutesText(m.Id, m.State, m.Date, m.Created, m.Modified, key, null, null, null);
        });
    }

    /// <summary>The whole numbers of <paramref name="count"/> columns from <paramref name="first"/> on, as "1.2.3".</summary>
    private static string Numbers(DbDataReader r, int first, int count)
    {
        var text = new StringBuilder();
        for (var i = first; i < first + count; i++)
        {
            text.Append(r.GetInt64(i).ToString(CultureInfo.InvariantCulture)).Append('.');
        }

        return text.ToString(0, text.Length - 1);
    }

    /// <summary>A stored timestamp, UTC on both engines (as <c>MeetingReader</c> reads it).</summary>
    private static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(
        r is Microsoft.Data.Sqlite.SqliteDataReader && SqliteTimestamps.TryParse(r.GetString(i), out var stored) ? stored : r.GetDateTime(i),
        DateTimeKind.Utc);

    public async Task<bool> KeepMinutesTextsAsync(IReadOnlyCollection<OParlMinutesText> texts, CancellationToken cancellationToken)
    {
        // One command (a statement per text) on the context's own connection, outside any transaction and outside the read
        // sessions; the same text kept by two processes at once is one row either way (the last write wins, and both wrote the
        // text of a key that was current when they read it).
        try
        {
            foreach (var chunk in texts.Chunk(100))
            {
                var sql = new StringBuilder();
                var values = new List<object>(chunk.Length * 5);
                foreach (var text in chunk)
                {
                    var at = values.Count;
                    sql.Append(CultureInfo.InvariantCulture, $$"""
                        INSERT INTO "MinutesTexts" ("MeetingId", "Key", "Title", "FileName", "Json")
                        SELECT {{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{{at + 4}}}
                        WHERE EXISTS (SELECT 1 FROM "Meetings" WHERE "Id" = {{{at}}})
                        ON CONFLICT ("MeetingId") DO UPDATE SET "Key" = excluded."Key", "Title" = excluded."Title", "FileName" = excluded."FileName", "Json" = excluded."Json";

                        """);
                    values.AddRange([text.MeetingId, text.Key, text.Title!, text.FileName!, text.Json!]);
                }

                await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, cancellationToken);
            }

            return true;
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Busy (an import holds SQLite's write lock), or a meeting removed between the check and the write: the texts
            // served are right; they are composed again next time.
            OParlMinutesTextsLog.NotKept(db.GetService<ILoggerFactory>().CreateLogger<KeptMinutesText>(), texts.Count, e.Message);
            return false;
        }
    }
}

internal static partial class OParlMinutesTextsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Count} texts of meetings were composed but not kept: {Reason}")]
    public static partial void NotKept(ILogger logger, int count, string reason);
}
