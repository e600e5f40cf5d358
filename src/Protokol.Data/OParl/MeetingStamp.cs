using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;

namespace Protokol.Data.OParl;

/// <summary>
/// A number per meeting that every save adding, editing or removing one of the meeting's agenda items, its attendance or a hearing
/// treated at one of its items increments, in the save's own transaction (<see cref="MeetingStampKeeper"/>): the part of a kept
/// Meeting or AgendaItem object's key that names those rows (<see cref="OParlQueries"/>' object keys), read as one narrow row per
/// meeting instead of summing the ids and versions of every item, attendance and hearing row of a page's meetings on each request
/// (issue 17). No row is 0. Bookkeeping, not archive data: dropped with its meeting, skipped by the archive export; a restore
/// starts without it, as the kept objects do.
/// </summary>
public sealed class MeetingStamp
{
    public int MeetingId { get; set; }

    public long Version { get; set; }
}

internal sealed class MeetingStampConfiguration : IEntityTypeConfiguration<MeetingStamp>
{
    public void Configure(EntityTypeBuilder<MeetingStamp> builder)
    {
        builder.ToTable("MeetingStamps");
        builder.HasKey(s => s.MeetingId);
        builder.Property(s => s.MeetingId).ValueGeneratedNever();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Increments the <see cref="MeetingStamp"/> of every meeting whose agenda items, attendance or hearings a save changes, after the
/// save and inside its transaction: a reader sees the new number exactly when it sees the change (on PostgreSQL the row's lock makes
/// two such saves increment one after the other). An item or attendance moved to another meeting stamps both meetings; a hearing
/// moved between items stamps the meetings of both items. One statement per save, the same SQL on both engines.
/// </summary>
internal sealed class MeetingStampKeeper
{
    // Read after the save: an added record's ids are only known then (a new meeting's, a new item's).
    private readonly List<Func<int?>> _meetings = [];
    private readonly List<Func<int?>> _items = [];

    private MeetingStampKeeper()
    {
    }

    /// <summary>Notes the meetings (and the items of hearings) that the tracked changes touch; null when they touch none.</summary>
    public static MeetingStampKeeper? Collect(ChangeTracker tracker)
    {
        MeetingStampKeeper? keeper = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case AgendaItem item:
                    keeper ??= new MeetingStampKeeper();
                    keeper.Note(entry, keeper._meetings, nameof(AgendaItem.MeetingId), () => item.MeetingId);
                    break;
                case Attendance attendance:
                    keeper ??= new MeetingStampKeeper();
                    keeper.Note(entry, keeper._meetings, nameof(Attendance.MeetingId), () => attendance.MeetingId);
                    break;
                case Hearing hearing:
                    keeper ??= new MeetingStampKeeper();
                    keeper.Note(entry, keeper._items, nameof(Hearing.AgendaItemId), () => hearing.AgendaItemId);
                    break;
                default:
                    break;
            }
        }

        return keeper;
    }

    /// <summary>The original value of a record that was there before the save, and the value it has after the save unless removed.</summary>
    private void Note(EntityEntry entry, List<Func<int?>> ids, string property, Func<int?> current)
    {
        if (entry.State is not EntityState.Added)
        {
            var original = (int?)entry.OriginalValues[property];
            ids.Add(() => original);
        }

        if (entry.State is not EntityState.Deleted)
        {
            ids.Add(current);
        }
    }

    /// <summary>Increments the stamps; call after the changes are saved, inside their transaction.</summary>
    public void Update(ProtokolDbContext db)
    {
        foreach (var sql in Statements())
        {
            db.Database.ExecuteSqlRaw(sql);
        }
    }

    /// <summary>The same, asynchronously.</summary>
    public async Task UpdateAsync(ProtokolDbContext db, CancellationToken cancellationToken)
    {
        foreach (var sql in Statements())
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    // Ids are numbers formatted here, not text from outside; a large import's save is split so no statement grows without bound.
    private const int Chunk = 500;

    private IEnumerable<string> Statements()
    {
        var meetings = Ids(_meetings);
        var items = Ids(_items);
        for (var i = 0; i < Math.Max(meetings.Length, items.Length); i += Chunk)
        {
            var where = new List<string>(2);
            if (i < meetings.Length)
            {
                where.Add($"""m."Id" IN ({List(meetings.Skip(i).Take(Chunk))})""");
            }

            if (i < items.Length)
            {
                where.Add($"""m."Id" IN (SELECT i."MeetingId" FROM "AgendaItems" AS i WHERE i."Id" IN ({List(items.Skip(i).Take(Chunk))}))""");
            }

            // Only meetings still there: a removed meeting's items name it, and its stamp went with it.
            yield return $"""
                INSERT INTO "MeetingStamps" ("MeetingId", "Version")
                SELECT m."Id", 1 FROM "Meetings" AS m WHERE {string.Join(" OR ", where)}
                ON CONFLICT ("MeetingId") DO UPDATE SET "Version" = "MeetingStamps"."Version" + 1
                """;
        }
    }

    private static int[] Ids(List<Func<int?>> ids) => [.. ids.Select(id => id()).OfType<int>().Where(id => id > 0).Distinct().Order()];

    private static string List(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            text.Append(text.Length == 0 ? string.Empty : ",").Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
