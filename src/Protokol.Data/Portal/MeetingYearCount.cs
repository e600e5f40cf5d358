using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Portal;

/// <summary>
/// A council's meetings in one calendar year, counted: what the front page, a council's list of
/// years and the OParl lists' totals read instead of counting every meeting or agenda item per
/// request. Kept by the transaction that changes the meetings (<see cref="MeetingCountKeeper"/>),
/// so it is never behind what it counts; a restore rebuilds it.
/// </summary>
public sealed class MeetingYearCount
{
    public int OrganizationId { get; set; }

    public int Year { get; set; }

    /// <summary>Every meeting, planned and cancelled ones too (all are public with their time and place).</summary>
    public int Meetings { get; set; }

    /// <summary>Meetings whose agenda is published (or later).</summary>
    public int PublicMeetings { get; set; }

    /// <summary>Agenda items and sub-items of the meetings whose agenda is published.</summary>
    public int PublicAgendaItems { get; set; }
}

/// <summary>
/// A council's meetings over all its years, counted: the sum of its <see cref="MeetingYearCount"/> rows, kept
/// beside them by the same save (<see cref="MeetingCountKeeper"/>), so the front page reads one row per council
/// instead of summing a row per council and year on every request (issue 17).
/// </summary>
public sealed class CouncilMeetingCount
{
    public int OrganizationId { get; set; }

    /// <inheritdoc cref="MeetingYearCount.Meetings"/>
    public int Meetings { get; set; }

    /// <inheritdoc cref="MeetingYearCount.PublicMeetings"/>
    public int PublicMeetings { get; set; }

    /// <inheritdoc cref="MeetingYearCount.PublicAgendaItems"/>
    public int PublicAgendaItems { get; set; }

    /// <summary>
    /// The council's latest meeting with public minutes (the latest date, then the highest id), or null: set in SQL from the
    /// meetings by the save that changes them, after its rows are written (<see cref="MeetingCountKeeper"/>), so the front page
    /// reads it with the total instead of looking it up per council on every request (issue 17: 39 % of the front page's
    /// statement on PostgreSQL).
    /// </summary>
    public int? LatestMinutesId { get; set; }

    /// <summary>That meeting's date.</summary>
    public DateOnly? LatestMinutesDate { get; set; }
}

internal sealed class CouncilMeetingCountConfiguration : IEntityTypeConfiguration<CouncilMeetingCount>
{
    public void Configure(EntityTypeBuilder<CouncilMeetingCount> builder)
    {
        builder.ToTable("CouncilMeetingCounts");
        builder.HasKey(c => c.OrganizationId);
        builder.Property(c => c.OrganizationId).ValueGeneratedNever();
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingYearCountConfiguration : IEntityTypeConfiguration<MeetingYearCount>
{
    public void Configure(EntityTypeBuilder<MeetingYearCount> builder)
    {
        builder.ToTable("MeetingYearCounts");
        builder.HasKey(c => new { c.OrganizationId, c.Year });

        // Every count in the index (issue 17): the front page's totals, a council's years and the OParl totals are read
        // from it alone, not from a row per council and year.
        builder.HasIndex(c => new { c.OrganizationId, c.Year, c.Meetings, c.PublicMeetings, c.PublicAgendaItems }).HasDatabaseName("IX_MeetingYearCounts_Covering");
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps <see cref="MeetingYearCount"/> in step: before a save it notes the (council, year) buckets
/// that changed meetings and agenda items leave or enter; after the save, in the same transaction,
/// it counts those buckets anew from the rows (a handful of meetings each), so a count can never
/// drift however the change was made, and sets each touched council's total (<see cref="CouncilMeetingCount"/>)
/// to the sum of its years. A save that only adds meetings and items (an import's new meeting), or also removes items from a tracked meeting (minutes imported again with fewer), changes the
/// kept rows instead (<c>AddAsync</c>). On PostgreSQL a transaction-level advisory lock per council
/// keeps two concurrent saves from both writing a count that misses the other's meeting.
/// </summary>
public sealed class MeetingCountKeeper
{
    private const int LockSpace = 1701;

    private readonly HashSet<(int Organization, int Year)> _left = [];

    // After the save, the buckets changed records enter: read from a tracked meeting when there is one
    // (its values are what was just saved), else from the meeting's row by id.
    private readonly List<Func<(int Organization, int Year)>> _entered = [];
    private readonly List<Func<int>> _meetings = [];

    // The meetings added by the save, and for each item it adds, the item's tracked meeting: when the save only adds
    // (an import's new meeting, an item added to a meeting), the counts are added to the kept rows from these,
    // without counting the buckets anew (issue 17: an import saves a meeting per document).
    private readonly List<Meeting> _added = [];
    private readonly List<Meeting> _itemsAddedTo = [];

    // Items the save removes from a tracked meeting that keeps its council, date and state (minutes imported again
    // with fewer items): the bucket each leaves and whether it counted there, from the meeting's original values.
    private readonly List<(int Organization, int Year, bool Counted)> _itemsRemoved = [];
    private bool _onlyAdds = true;

    // The councils whose latest public minutes the save may have changed: set anew after the save (AfterSaveAsync).
    private readonly HashSet<int> _latest = [];

    private MeetingCountKeeper()
    {
    }

    internal bool IsEmpty => _left.Count == 0 && _meetings.Count == 0 && _entered.Count == 0 && _itemsRemoved.Count == 0;

    /// <summary>Notes what the tracked changes touch; null when they touch no count.</summary>
    internal static MeetingCountKeeper? Collect(ChangeTracker tracker)
    {
        var keeper = new MeetingCountKeeper();
        Dictionary<int, EntityEntry<Meeting>>? meetings = null;
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Meeting meeting when entry.State is EntityState.Added:
                    keeper._entered.Add(() => (meeting.OrganizationId, meeting.Date.Year));
                    keeper._added.Add(meeting);
                    break;
                case Meeting meeting when entry.State is EntityState.Deleted
                    || (entry.State is EntityState.Modified && (IsModified(entry, nameof(Meeting.OrganizationId)) || IsModified(entry, nameof(Meeting.Date)) || IsModified(entry, nameof(Meeting.State)))):
                    keeper._left.Add(((int)entry.OriginalValues[nameof(Meeting.OrganizationId)]!, ((DateOnly)entry.OriginalValues[nameof(Meeting.Date)]!).Year));
                    keeper._onlyAdds = false;
                    if (entry.State is EntityState.Modified)
                    {
                        keeper._entered.Add(() => (meeting.OrganizationId, meeting.Date.Year));
                    }

                    break;

                // An edited item changes no count unless it moves to another meeting.
                case AgendaItem item when entry.State is EntityState.Added
                    || entry.State is EntityState.Deleted
                    || (entry.State is EntityState.Modified && IsModified(entry, nameof(AgendaItem.MeetingId))):
                    if (entry.State is EntityState.Deleted)
                    {
                        var original = (int)entry.OriginalValues[nameof(AgendaItem.MeetingId)]!;
                        meetings ??= tracker.Entries<Meeting>().Where(m => m.State is EntityState.Unchanged or EntityState.Modified).ToDictionary(m => m.Entity.Id);
                        if (meetings.TryGetValue(original, out var from)
                            && !IsModified(from, nameof(Meeting.OrganizationId)) && !IsModified(from, nameof(Meeting.Date)) && !IsModified(from, nameof(Meeting.State)))
                        {
                            keeper._itemsRemoved.Add(((int)from.OriginalValues[nameof(Meeting.OrganizationId)]!, ((DateOnly)from.OriginalValues[nameof(Meeting.Date)]!).Year,
                                (MeetingState)from.OriginalValues[nameof(Meeting.State)]! >= MeetingState.AgendaPublished));
                        }
                        else
                        {
                            keeper._meetings.Add(() => original);
                            keeper._onlyAdds = false;
                        }
                    }
                    else if (entry.State is not EntityState.Added)
                    {
                        var original = (int)entry.OriginalValues[nameof(AgendaItem.MeetingId)]!;
                        keeper._meetings.Add(() => original);
                        keeper._onlyAdds = false;
                    }

                    if (entry.State is not EntityState.Deleted && item.Meeting is { } tracked && tracker.Context.Entry(tracked).State is not EntityState.Detached)
                    {
                        keeper._entered.Add(() => (tracked.OrganizationId, tracked.Date.Year));
                        keeper._itemsAddedTo.Add(tracked);
                    }
                    else if (entry.State is not EntityState.Deleted)
                    {
                        keeper._meetings.Add(() => item.MeetingId);
                        keeper._onlyAdds = false;
                    }

                    break;
                default:
                    break;
            }
        }

        return keeper.IsEmpty ? null : keeper;
    }

    private static bool IsModified(EntityEntry entry, string property) => entry.Property(property).IsModified;

    /// <summary>Counts the noted buckets anew; call after the changes are saved, inside their transaction, and save again.</summary>
    internal Task UpdateAsync(ProtokolDbContext db, CancellationToken cancellationToken) => UpdateAsync(db, sync: false, cancellationToken);

    /// <summary>The same, synchronously (for <see cref="DbContext.SaveChanges()"/>).</summary>
    internal void Update(ProtokolDbContext db) => UpdateAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    // With sync set, no await below ever waits: the task is complete when returned.
    private async Task UpdateAsync(ProtokolDbContext db, bool sync, CancellationToken ct)
    {
        if (_onlyAdds && _left.Count == 0 && _meetings.Count == 0 && await AddAsync(db, sync, ct))
        {
            // Only a meeting added with public minutes can be a council's new latest (an item added changes no meeting's date or state).
            _latest.UnionWith(_added.Where(m => m.State >= MeetingState.MinutesPublished).Select(m => m.OrganizationId));
            return;
        }

        var buckets = new HashSet<(int Organization, int Year)>(_left);
        buckets.UnionWith(_itemsRemoved.Select(r => (r.Organization, r.Year)));
        buckets.UnionWith(_entered.Select(bucket => bucket()));
        var ids = _meetings.Select(id => id()).Where(id => id > 0).Distinct().ToList();
        if (ids.Count > 0)
        {
            var entered = db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.OrganizationId, m.Date });
            foreach (var meeting in sync ? entered.ToList() : await entered.ToListAsync(ct))
            {
                buckets.Add((meeting.OrganizationId, meeting.Date.Year));
            }
        }

        _latest.UnionWith(buckets.Select(b => b.Organization));
        await RecountAsync(db, buckets, sync, ct);
    }

    // Each named council's latest meeting with public minutes, from its (OrganizationId, Date, Id) index read backwards; the same
    // order as the front page's read before it was kept. Without a WHERE: every council (a rebuild).
    private static readonly string SetLatest = $$"""
        UPDATE "CouncilMeetingCounts" SET
            "LatestMinutesId" = (SELECT m."Id" FROM "Meetings" AS m
                WHERE m."OrganizationId" = "CouncilMeetingCounts"."OrganizationId" AND m."State" >= {{MinutesState}}
                ORDER BY m."Date" DESC, m."Id" DESC LIMIT 1),
            "LatestMinutesDate" = (SELECT m."Date" FROM "Meetings" AS m
                WHERE m."OrganizationId" = "CouncilMeetingCounts"."OrganizationId" AND m."State" >= {{MinutesState}}
                ORDER BY m."Date" DESC, m."Id" DESC LIMIT 1)
        """;

    private const int MinutesState = (int)MeetingState.MinutesPublished;

    /// <summary>
    /// Sets the latest public minutes of the councils the save touched; call after the save's rows (a council's first total
    /// among them) are written, inside its transaction. On PostgreSQL the councils' locks taken before the counts are still held,
    /// so two saves for one council set it one after the other, the second seeing the first's meeting.
    /// </summary>
    internal Task AfterSaveAsync(ProtokolDbContext db, CancellationToken ct) => AfterSaveAsync(db, sync: false, ct);

    /// <summary>The same, synchronously.</summary>
    internal void AfterSave(ProtokolDbContext db) => AfterSaveAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    private async Task AfterSaveAsync(ProtokolDbContext db, bool sync, CancellationToken ct)
    {
        if (_latest.Count == 0)
        {
            return;
        }

        var organizations = _latest.Order().ToArray();
        var sql = SetLatest + " WHERE \"OrganizationId\" IN (" + string.Join(", ", organizations.Select((_, i) => "{" + i.ToString(CultureInfo.InvariantCulture) + "}")) + ")";
        var values = organizations.Cast<object>().ToArray();
        if (sync)
        {
            db.Database.ExecuteSqlRaw(sql, values);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(sql, values, ct);
        }
    }

    /// <summary>
    /// A save that only added meetings and items, or removed items from a tracked meeting that keeps its council, date
    /// and state (minutes imported again with fewer items): what it added is counted from the tracked records (their
    /// values are what was just saved), what it removed from the meeting's original values, and the difference added to
    /// the kept rows, which the save's transaction holds (on PostgreSQL behind the
    /// councils' locks), instead of counting the buckets anew (two statements fewer per imported meeting). False, with
    /// nothing changed, when a council has no kept total yet (its first meeting: other years may be counted nowhere
    /// else) or a bucket that gains items but no meeting has no kept row; the caller then counts anew.
    /// </summary>
    private async Task<bool> AddAsync(ProtokolDbContext db, bool sync, CancellationToken ct)
    {
        var added = new Dictionary<(int Organization, int Year), (int Meetings, int PublicMeetings, int PublicAgendaItems)>();
        foreach (var meeting in _added)
        {
            var was = added.GetValueOrDefault((meeting.OrganizationId, meeting.Date.Year));
            added[(meeting.OrganizationId, meeting.Date.Year)] = (was.Meetings + 1, was.PublicMeetings + (meeting.State >= MeetingState.AgendaPublished ? 1 : 0), was.PublicAgendaItems);
        }

        foreach (var meeting in _itemsAddedTo)
        {
            if (meeting.State >= MeetingState.AgendaPublished)
            {
                var was = added.GetValueOrDefault((meeting.OrganizationId, meeting.Date.Year));
                added[(meeting.OrganizationId, meeting.Date.Year)] = was with { PublicAgendaItems = was.PublicAgendaItems + 1 };
            }
        }

        // Items removed are taken off where they counted (a meeting imported again with fewer items).
        foreach (var (organization, year, counted) in _itemsRemoved)
        {
            if (counted)
            {
                var was = added.GetValueOrDefault((organization, year));
                added[(organization, year)] = was with { PublicAgendaItems = was.PublicAgendaItems - 1 };
            }
        }

        foreach (var unchanged in added.Where(a => a.Value == default).Select(a => a.Key).ToList())
        {
            added.Remove(unchanged);
        }

        if (added.Count == 0)
        {
            return true;
        }

        var organizations = added.Keys.Select(b => b.Organization).Distinct().Order().ToList();
        await LockAsync(db, organizations, sync, ct);
        if (!db.ChangeTracker.Entries<MeetingYearCount>().Any() && !db.ChangeTracker.Entries<CouncilMeetingCount>().Any())
        {
            return await AddByStatementsAsync(db, added, organizations, sync, ct);
        }

        var (first, last) = (added.Keys.Min(b => b.Year), added.Keys.Max(b => b.Year));
        int[] ids = [.. organizations];
        var kept = (sync ? db.Set<MeetingYearCount>().Where(c => organizations.Contains(c.OrganizationId) && c.Year >= first && c.Year <= last).ToList()
            : await CompiledQueries.ToListAsync(KeptQuery.For(db)(db, ids, first, last), ct)).ToDictionary(c => (c.OrganizationId, c.Year));
        var totals = (sync ? db.Set<CouncilMeetingCount>().Where(t => ids.Contains(t.OrganizationId)).ToList() : await CompiledQueries.ToListAsync(TotalsQuery.For(db)(db, ids), ct))
            .ToDictionary(t => t.OrganizationId);
        if (organizations.Any(o => !totals.ContainsKey(o)) || added.Any(a => a.Value.Meetings == 0 && !kept.ContainsKey(a.Key)))
        {
            return false;
        }

        foreach (var ((organization, year), count) in added.OrderBy(a => a.Key))
        {
            if (!kept.TryGetValue((organization, year), out var row))
            {
                row = new MeetingYearCount { OrganizationId = organization, Year = year };
                db.Add(row);
            }

            row.Meetings += count.Meetings;
            row.PublicMeetings += count.PublicMeetings;
            row.PublicAgendaItems += count.PublicAgendaItems;
            var total = totals[organization];
            total.Meetings += count.Meetings;
            total.PublicMeetings += count.PublicMeetings;
            total.PublicAgendaItems += count.PublicAgendaItems;
        }

        return true;
    }

    /// <summary>
    /// The same as statements on the kept rows, when this context tracks none of them (an import's save: an earlier
    /// save of the same unit of work that counted anew tracks them, and is added to as tracked records so that what
    /// it tracks stays what is stored): each council's total added to (an update; none changed means no kept total,
    /// and false), the years with new meetings added to or made (one upsert), a year that only gains items added to
    /// (an update; none changed means no kept row, and false). Two statements instead of two reads and two writes per
    /// imported meeting. A false after some rows were added to leaves them to the recount, which sets every row of the
    /// noted buckets and every total of their councils from the stored rows.
    /// </summary>
    private static async Task<bool> AddByStatementsAsync(ProtokolDbContext db, Dictionary<(int Organization, int Year), (int Meetings, int PublicMeetings, int PublicAgendaItems)> added, List<int> organizations, bool sync, CancellationToken ct)
    {
        async Task<int> Execute(string sql, object[] values) => sync ? db.Database.ExecuteSqlRaw(sql, values) : await db.Database.ExecuteSqlRawAsync(sql, values, ct);

        foreach (var organization in organizations)
        {
            var (meetings, publicMeetings, items) = (0, 0, 0);
            foreach (var ((_, _), count) in added.Where(a => a.Key.Organization == organization))
            {
                (meetings, publicMeetings, items) = (meetings + count.Meetings, publicMeetings + count.PublicMeetings, items + count.PublicAgendaItems);
            }

            if (await Execute(AddToTotal, [meetings, publicMeetings, items, organization]) == 0)
            {
                return false;
            }
        }

        var years = added.Where(a => a.Value.Meetings > 0).OrderBy(a => a.Key).ToList();
        if (years.Count > 0)
        {
            var sql = new StringBuilder("""INSERT INTO "MeetingYearCounts" ("OrganizationId", "Year", "Meetings", "PublicMeetings", "PublicAgendaItems") VALUES """);
            var values = new object[years.Count * 5];
            for (var i = 0; i < years.Count; i++)
            {
                var ((organization, year), count) = years[i];
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}({{{i * 5}}}, {{{i * 5 + 1}}}, {{{i * 5 + 2}}}, {{{i * 5 + 3}}}, {{{i * 5 + 4}}})");
                (values[i * 5], values[i * 5 + 1], values[i * 5 + 2], values[i * 5 + 3], values[i * 5 + 4]) = (organization, year, count.Meetings, count.PublicMeetings, count.PublicAgendaItems);
            }

            sql.Append("""
                 ON CONFLICT ("OrganizationId", "Year") DO UPDATE SET "Meetings" = "MeetingYearCounts"."Meetings" + excluded."Meetings",
                 "PublicMeetings" = "MeetingYearCounts"."PublicMeetings" + excluded."PublicMeetings",
                 "PublicAgendaItems" = "MeetingYearCounts"."PublicAgendaItems" + excluded."PublicAgendaItems"
                """);
            await Execute(sql.ToString(), values);
        }

        foreach (var ((organization, year), count) in added.Where(a => a.Value.Meetings == 0).OrderBy(a => a.Key))
        {
            if (await Execute(AddItemsToYear, [count.PublicAgendaItems, organization, year]) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private const string AddToTotal = """
        UPDATE "CouncilMeetingCounts" SET "Meetings" = "Meetings" + {0}, "PublicMeetings" = "PublicMeetings" + {1}, "PublicAgendaItems" = "PublicAgendaItems" + {2}
        WHERE "OrganizationId" = {3}
        """;

    private const string AddItemsToYear = """
        UPDATE "MeetingYearCounts" SET "PublicAgendaItems" = "PublicAgendaItems" + {0} WHERE "OrganizationId" = {1} AND "Year" = {2}
        """;

    // In id order, so two saves never wait for each other's locks crosswise.
    private static async Task LockAsync(ProtokolDbContext db, List<int> organizations, bool sync, CancellationToken ct)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            return;
        }

        foreach (var organization in organizations)
        {
            if (sync)
            {
                db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({LockSpace}, {organization})");
            }
            else
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, {organization})", ct);
            }
        }
    }

    /// <summary>Counts every bucket anew (after a restore, or to check the kept counts).</summary>
    public static async Task RebuildAsync(ProtokolDbContext db, CancellationToken ct)
    {
        var buckets = (await db.Meetings.AsNoTracking().Select(m => new { m.OrganizationId, m.Date }).Distinct().ToListAsync(ct))
            .Select(m => (m.OrganizationId, m.Date.Year)).ToHashSet();
        buckets.UnionWith((await db.Set<MeetingYearCount>().AsNoTracking().Select(c => new { c.OrganizationId, c.Year }).ToListAsync(ct)).Select(c => (c.OrganizationId, c.Year)));
        await RecountAsync(db, buckets, sync: false, ct);

        // A total whose council has no year left (none can arise from a save; a restore may bring one) goes too.
        var counted = buckets.Select(b => b.OrganizationId).ToHashSet();
        db.RemoveRange((await db.Set<CouncilMeetingCount>().ToListAsync(ct)).Where(t => !counted.Contains(t.OrganizationId)));
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(SetLatest, ct);
    }

    private sealed record BucketCount(int Meetings, int PublicMeetings, int PublicAgendaItems);

    private static IQueryable<BucketCount> Counted(ProtokolDbContext db, int organization, DateOnly from, DateOnly to) =>
        db.Organizations.AsNoTracking().Where(o => o.Id == organization).Select(o => new BucketCount(
            db.Meetings.Count(m => m.OrganizationId == organization && m.Date >= from && m.Date <= to),
            db.Meetings.Count(m => m.OrganizationId == organization && m.Date >= from && m.Date <= to && m.State >= MeetingState.AgendaPublished),
            db.AgendaItems.Count(i => i.Meeting.OrganizationId == organization && i.Meeting.Date >= from && i.Meeting.Date <= to && i.Meeting.State >= MeetingState.AgendaPublished)));

    // Compiled (issue 17): a save that adds a meeting runs both, and an import saves a meeting per document.
    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, DateOnly, DateOnly, CancellationToken, Task<BucketCount?>>> CountQuery = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int organization, DateOnly from, DateOnly to, CancellationToken ct) => db.Organizations.AsNoTracking().Where(o => o.Id == organization).Select(o => new BucketCount(
            db.Meetings.Count(m => m.OrganizationId == organization && m.Date >= from && m.Date <= to),
            db.Meetings.Count(m => m.OrganizationId == organization && m.Date >= from && m.Date <= to && m.State >= MeetingState.AgendaPublished),
            db.AgendaItems.Count(i => i.Meeting.OrganizationId == organization && i.Meeting.Date >= from && i.Meeting.Date <= to && i.Meeting.State >= MeetingState.AgendaPublished))).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int[], int, int, IAsyncEnumerable<MeetingYearCount>>> KeptQuery = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int[] organizations, int first, int last) =>
            db.Set<MeetingYearCount>().Where(c => organizations.Contains(c.OrganizationId) && c.Year >= first && c.Year <= last)));

    private sealed record YearSums(int OrganizationId, int Meetings, int PublicMeetings, int PublicAgendaItems);

    // The kept years of the councils outside the recounted span, summed per council: with the span's new counts they make the totals.
    private static IQueryable<YearSums> Outside(ProtokolDbContext db, int[] organizations, int first, int last) =>
        db.Set<MeetingYearCount>().AsNoTracking()
            .Where(c => organizations.Contains(c.OrganizationId) && (c.Year < first || c.Year > last))
            .GroupBy(c => c.OrganizationId)
            .Select(g => new YearSums(g.Key, g.Sum(c => c.Meetings), g.Sum(c => c.PublicMeetings), g.Sum(c => c.PublicAgendaItems)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int[], int, int, IAsyncEnumerable<YearSums>>> OutsideQuery = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int[] organizations, int first, int last) =>
            db.Set<MeetingYearCount>().AsNoTracking()
                .Where(c => organizations.Contains(c.OrganizationId) && (c.Year < first || c.Year > last))
                .GroupBy(c => c.OrganizationId)
                .Select(g => new YearSums(g.Key, g.Sum(c => c.Meetings), g.Sum(c => c.PublicMeetings), g.Sum(c => c.PublicAgendaItems)))));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int[], IAsyncEnumerable<CouncilMeetingCount>>> TotalsQuery = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int[] organizations) => db.Set<CouncilMeetingCount>().Where(t => organizations.Contains(t.OrganizationId))));

    private static async Task RecountAsync(ProtokolDbContext db, HashSet<(int Organization, int Year)> buckets, bool sync, CancellationToken ct)
    {
        if (buckets.Count == 0)
        {
            return;
        }

        var organizations = buckets.Select(b => b.Organization).Distinct().Order().ToList();
        await LockAsync(db, organizations, sync, ct);

        // The kept rows of the buckets' councils in the buckets' span of years (the others are not touched).
        var (first, last) = (buckets.Min(b => b.Year), buckets.Max(b => b.Year));
        var keptQuery = db.Set<MeetingYearCount>().Where(c => organizations.Contains(c.OrganizationId) && c.Year >= first && c.Year <= last);
        var kept = (sync ? keptQuery.ToList() : await CompiledQueries.ToListAsync(KeptQuery.For(db)(db, [.. organizations], first, last), ct)).ToDictionary(c => (c.OrganizationId, c.Year));
        foreach (var (organization, year) in buckets.Order())
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            var count = sync ? Counted(db, organization, from, to).FirstOrDefault() : await CountQuery.For(db)(db, organization, from, to, ct);
            kept.TryGetValue((organization, year), out var row);
            if (count is null || count.Meetings == 0)
            {
                if (row is not null && count is not null)
                {
                    db.Remove(row);
                }

                continue;
            }

            if (row is null)
            {
                row = new MeetingYearCount { OrganizationId = organization, Year = year };
                db.Add(row);
                kept[(organization, year)] = row;
            }

            row.Meetings = count.Meetings;
            row.PublicMeetings = count.PublicMeetings;
            row.PublicAgendaItems = count.PublicAgendaItems;
        }

        await TotalAsync(db, organizations, kept.Values, first, last, sync, ct);
    }

    /// <summary>Sets each council's total to the sum of its years: those outside the span as stored, those inside as counted now.</summary>
    private static async Task TotalAsync(ProtokolDbContext db, List<int> organizations, IEnumerable<MeetingYearCount> span, int first, int last, bool sync, CancellationToken ct)
    {
        int[] ids = [.. organizations];
        var outside = (sync ? Outside(db, ids, first, last).ToList() : await CompiledQueries.ToListAsync(OutsideQuery.For(db)(db, ids, first, last), ct))
            .ToDictionary(s => s.OrganizationId);
        var totals = (sync ? db.Set<CouncilMeetingCount>().Where(t => ids.Contains(t.OrganizationId)).ToList() : await CompiledQueries.ToListAsync(TotalsQuery.For(db)(db, ids), ct))
            .ToDictionary(t => t.OrganizationId);
        var years = span.Where(c => db.Entry(c).State is not EntityState.Deleted and not EntityState.Detached).ToLookup(c => c.OrganizationId);
        foreach (var organization in organizations)
        {
            outside.TryGetValue(organization, out var other);
            var meetings = (other?.Meetings ?? 0) + years[organization].Sum(c => c.Meetings);
            totals.TryGetValue(organization, out var total);
            if (meetings == 0)
            {
                if (total is not null)
                {
                    db.Remove(total);
                }

                continue;
            }

            if (total is null)
            {
                total = new CouncilMeetingCount { OrganizationId = organization };
                db.Add(total);
            }

            total.Meetings = meetings;
            total.PublicMeetings = (other?.PublicMeetings ?? 0) + years[organization].Sum(c => c.PublicMeetings);
            total.PublicAgendaItems = (other?.PublicAgendaItems ?? 0) + years[organization].Sum(c => c.PublicAgendaItems);
        }
    }
}
