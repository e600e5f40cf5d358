using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;

namespace Protokol.Data.Portal;

/// <summary>
/// A meeting page's main content as rendered HTML in one variant (language and release), kept (issue 17): rendered on a request whose
/// kept page's key no longer matches, stored then in a write of its own. Not a record of the archive: dropped with its meeting,
/// never audited or exported.
/// </summary>
public sealed class KeptMeetingPageRow
{
    public int MeetingId { get; set; }

    /// <summary>The language and the release the page was rendered in (a row each, so readers of two languages do not write in turn).</summary>
    public string Variant { get; set; } = string.Empty;

    /// <summary>The inputs the page was rendered from (<see cref="KeptMeetingPage.Key"/>).</summary>
    public string Key { get; set; } = string.Empty;

    public string Html { get; set; } = string.Empty;
}

internal sealed class KeptMeetingPageRowConfiguration : IEntityTypeConfiguration<KeptMeetingPageRow>
{
    public void Configure(EntityTypeBuilder<KeptMeetingPageRow> builder)
    {
        builder.ToTable("MeetingPages");
        builder.HasKey(t => new { t.MeetingId, t.Variant });
        builder.Property(t => t.Variant).HasMaxLength(200);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The kept meeting pages' read and write. A page's key is read in one command on a kept session (<see cref="ReadSessions"/>), with
/// the kept HTML of the variant asked for: the versions of the meeting's row and of the rows it names (council, body, location,
/// host, approving meeting); the number, sum of ids and sum of versions of its items (with the sums of ids and versions of the
/// hearings its items treat, which the items show), of its attendance and of its attachments (and
/// how many of the attachments have their file stored, which decides whether one is a link); its guests' items as pairs; and the
/// registry's stamp (<see cref="OParl.RegistryStamp"/>: every save of a person, an alias, a seat or an organization increments it in its
/// transaction; every attendee's name, publication level and seat, and the withheld names the privacy gate takes out of the texts,
/// come from those rows). This is the kept minutes texts' key (<c>OParlQueries.MinutesTextsAsync</c>) with the attachments added,
/// for the same reasons: every save increments a row's version and ids are never reused, so an equal key means the same inputs.
/// The key is read before a stale meeting is read to be rendered, so a page kept under a key is never older than the key.
/// </summary>
internal static class MeetingPages
{
    /// <summary>@p0: the meeting's id; @p1: the variant.</summary>
    private static readonly LeanStatement Key = new("""
        SELECT m."Id", m."State", o."Name", o."Slug", m."Date",
            m."Version", o."Version", b."Version", COALESCE(l."Version", 0), COALESCE(h."Version", 0), COALESCE(ap."Version", 0),
            t."Key", t."Html"
        FROM "Meetings" AS m
        INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
        INNER JOIN "Bodies" AS b ON b."Id" = o."BodyId"
        LEFT JOIN "Locations" AS l ON l."Id" = m."LocationId"
        LEFT JOIN "Organizations" AS h ON h."Id" = m."HostId"
        LEFT JOIN "Meetings" AS ap ON ap."Id" = m."MinutesApprovedById"
        LEFT JOIN "MeetingPages" AS t ON t."MeetingId" = m."Id" AND t."Variant" = @p1
        WHERE m."Id" = @p0;
        SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(i."Id"), 0) AS BIGINT), CAST(COALESCE(SUM(i."Version"), 0) AS BIGINT),
            (SELECT CAST(COALESCE(SUM(h."Id"), 0) AS BIGINT) FROM "Hearings" AS h INNER JOIN "AgendaItems" AS hi ON hi."Id" = h."AgendaItemId" WHERE hi."MeetingId" = @p0),
            (SELECT CAST(COALESCE(SUM(h."Version"), 0) AS BIGINT) FROM "Hearings" AS h INNER JOIN "AgendaItems" AS hi ON hi."Id" = h."AgendaItemId" WHERE hi."MeetingId" = @p0)
        FROM "AgendaItems" AS i
        WHERE i."MeetingId" = @p0;
        SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(a."Id"), 0) AS BIGINT), CAST(COALESCE(SUM(a."Version"), 0) AS BIGINT)
        FROM "Attendance" AS a
        WHERE a."MeetingId" = @p0;
        SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(a."Id"), 0) AS BIGINT), CAST(COALESCE(SUM(a."Version"), 0) AS BIGINT),
            CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "StoredFiles" AS f WHERE f."Sha256" = a."Sha256") THEN 1 ELSE 0 END), 0) AS BIGINT)
        FROM "Attachments" AS a
        WHERE a."MeetingId" = @p0;
        SELECT g."AttendanceId", g."AgendaItemId"
        FROM "AttendanceGuestItems" AS g
        INNER JOIN "Attendance" AS a ON a."Id" = g."AttendanceId"
        WHERE a."MeetingId" = @p0
        ORDER BY g."AttendanceId", g."AgendaItemId";
        SELECT COALESCE((SELECT s."Version" FROM "RegistryStamps" AS s WHERE s."Id" = 1), 0)
        """, 2);

    public static Task<KeptMeetingPage?> ReadAsync(ReadSessions sessions, int id, string variant, CancellationToken ct) =>
        sessions.ReadAsync<KeptMeetingPage?>(async (session, token) =>
        {
            var key = new StringBuilder(variant).Append('|');
            KeptMeetingPage? page = null;
            string? keptKey = null;
            string? html = null;
            await using (var r = await session.ExecuteAsync(Key, [id, variant], token))
            {
                if (!await r.ReadAsync(token))
                {
                    return null;
                }

                page = new KeptMeetingPage(
                    r.GetInt32(0), (MeetingState)r.GetInt32(1), r.GetString(2), r.GetString(3), SqliteTimestamps.Date(r, 4), variant, string.Empty, null);
                key.Append(page.Id.ToString(CultureInfo.InvariantCulture)).Append('|');
                Numbers(key.Append('m'), r, 5, 6);
                keptKey = r.IsDBNull(11) ? null : r.GetString(11);
                html = r.IsDBNull(12) ? null : r.GetString(12);

                // Items, attendance, attachments: one row each, always.
                foreach (var (part, count) in new[] { ('i', 5), ('a', 3), ('f', 4) })
                {
                    await r.NextResultAsync(token);
                    if (await r.ReadAsync(token))
                    {
                        Numbers(key.Append('|').Append(part), r, 0, count);
                    }
                }

                await r.NextResultAsync(token);
                key.Append("|g");
                while (await r.ReadAsync(token))
                {
                    key.Append(CultureInfo.InvariantCulture, $"{r.GetInt32(0)}:{r.GetInt32(1)},");
                }

                await r.NextResultAsync(token);
                if (await r.ReadAsync(token))
                {
                    Numbers(key.Append("|r"), r, 0, 1);
                }
            }

            var now = key.ToString();
            return page with { Key = now, Html = keptKey == now ? html : null };
        }, ct);

    /// <summary>Appends the whole numbers of <paramref name="count"/> columns from <paramref name="first"/> on, as "1.2.3".</summary>
    private static void Numbers(StringBuilder key, DbDataReader r, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            if (i > first)
            {
                key.Append('.');
            }

            key.Append(r.GetInt64(i).ToString(CultureInfo.InvariantCulture));
        }
    }

    private const string KeepSql = """
        INSERT INTO "MeetingPages" ("MeetingId", "Variant", "Key", "Html")
        SELECT {0}, {1}, {2}, {3}
        WHERE EXISTS (SELECT 1 FROM "Meetings" WHERE "Id" = {0})
        ON CONFLICT ("MeetingId", "Variant") DO UPDATE SET "Key" = excluded."Key", "Html" = excluded."Html"
        """;

    /// <summary>
    /// Keeps a rendered page in one statement on the context's own connection, outside any transaction and outside the read sessions.
    /// The same page kept by two processes at once is one row either way (the last write wins, and both rendered the page of a key that
    /// was current when they read it).
    /// </summary>
    public static async Task<bool> KeepAsync(ProtokolDbContext db, KeptMeetingPage page, CancellationToken ct)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(KeepSql, [page.Id, page.Variant, page.Key, page.Html!], ct);
            return true;
        }
        catch (DbException e) when (!ct.IsCancellationRequested)
        {
            // Busy (an import holds SQLite's write lock), or the meeting removed between the check and the write: the page served is
            // right; it is rendered again next time.
            MeetingPagesLog.NotKept(db.GetService<ILoggerFactory>().CreateLogger<KeptMeetingPageRow>(), page.Id, e.Message);
            return false;
        }
    }
}

internal static partial class MeetingPagesLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "The page of meeting {Meeting} was rendered but not kept: {Reason}")]
    public static partial void NotKept(ILogger logger, int meeting, string reason);
}
