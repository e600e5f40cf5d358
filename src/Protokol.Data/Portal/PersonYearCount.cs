using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Portal;

/// <summary>
/// A person's attendance in one calendar year with one status, counted over the meetings whose minutes
/// are public (attendance is part of the minutes): what the person page reads for its totals and its
/// years instead of counting the person's attendance over the whole archive per request. Kept by the
/// transaction that changes the attendance or its meetings (<see cref="PersonCountKeeper"/>), like
/// <see cref="MeetingYearCount"/>; a restore rebuilds it.
/// </summary>
public sealed class PersonYearCount
{
    public int PersonId { get; set; }

    public int Year { get; set; }

    public AttendanceStatus Status { get; set; }

    /// <summary>Meetings with public minutes the person is recorded at with this status.</summary>
    public int Meetings { get; set; }
}

internal sealed class PersonYearCountConfiguration : IEntityTypeConfiguration<PersonYearCount>
{
    public void Configure(EntityTypeBuilder<PersonYearCount> builder)
    {
        builder.ToTable("PersonYearCounts");
        builder.HasKey(c => new { c.PersonId, c.Year, c.Status });
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);

        // The count in the index too: the person page reads a person's rows from the index alone.
        builder.HasIndex(c => new { c.PersonId, c.Year, c.Status, c.Meetings }).HasDatabaseName("IX_PersonYearCounts_Covering");
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps <see cref="PersonYearCount"/> in step: before a save it notes the (person, year) buckets that
/// changed attendance and changed meetings (date, state, deletion) leave; after the save, in the same
/// transaction, the buckets they enter; then it counts those buckets anew from the rows (one statement
/// for all of them), so a count can never drift however the change was made; a save that only adds attendance
/// to tracked meetings (an import's new meeting) adds it to the kept rows instead (<c>AddAsync</c>). On PostgreSQL a
/// transaction-level advisory lock per person keeps two concurrent saves from both writing a count that
/// misses the other's attendance.
/// </summary>
public sealed class PersonCountKeeper
{
    private const int LockSpace = 1702;

    private static readonly MeetingState Public = MeetingState.MinutesPublished;

    // Buckets known before the save: the original person and the original year of a tracked meeting.
    private readonly HashSet<(int Person, int Year)> _left = [];

    // (person, meeting) pairs whose meeting's year is read after the save (a meeting not changed by it).
    private readonly HashSet<(int Person, int Meeting)> _leftInMeeting = [];

    // Meetings whose attendance is read before the save (deleted ones: their rows go by cascade), with their year.
    private readonly Dictionary<int, int> _deletedMeetings = [];

    // Meetings whose attendance is read after the save, with their original year (date or state changed).
    private readonly Dictionary<int, int> _changedMeetings = [];

    // Attendance entered by the save: its person and meeting are read after it.
    private readonly List<Attendance> _entered = [];

    // What the attendance that left took from the kept rows, by person, year and status, known before the save from
    // the original values of the attendance and of its tracked meeting; null when some of it is not known that way.
    private Dictionary<(int Person, int Year, AttendanceStatus Status), int>? _taken = [];

    private PersonCountKeeper()
    {
    }

    private bool IsEmpty => _left.Count == 0 && _leftInMeeting.Count == 0 && _deletedMeetings.Count == 0 && _changedMeetings.Count == 0 && _entered.Count == 0;

    /// <summary>Notes what the tracked changes touch; null when they touch no count.</summary>
    internal static PersonCountKeeper? Collect(ChangeTracker tracker)
    {
        var keeper = new PersonCountKeeper();
        Dictionary<int, EntityEntry<Meeting>>? meetings = null;
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Meeting when entry.State is EntityState.Deleted:
                    // A meeting whose minutes never were public counted nowhere.
                    if ((MeetingState)entry.OriginalValues[nameof(Meeting.State)]! >= Public)
                    {
                        keeper._deletedMeetings[(int)entry.OriginalValues[nameof(Meeting.Id)]!] = OriginalYear(entry);
                    }

                    break;
                case Meeting when entry.State is EntityState.Modified && (IsModified(entry, nameof(Meeting.Date)) || IsModified(entry, nameof(Meeting.State))):
                    // A meeting that stays in its year and on its side of public minutes (approved minutes imported
                    // again are published minutes), or counts neither before nor after, moves none of its attendance.
                    var (counted, counts) = (OriginallyCounted(entry), ((Meeting)entry.Entity).State >= Public);
                    if ((counted || counts) && (counted != counts || OriginalYear(entry) != ((Meeting)entry.Entity).Date.Year))
                    {
                        keeper._changedMeetings[(int)entry.OriginalValues[nameof(Meeting.Id)]!] = OriginalYear(entry);
                    }

                    break;
                case Attendance attendance when entry.State is EntityState.Added:
                    keeper._entered.Add(attendance);
                    break;
                case Attendance attendance when entry.State is EntityState.Deleted
                    || (entry.State is EntityState.Modified && (IsModified(entry, nameof(Attendance.PersonId)) || IsModified(entry, nameof(Attendance.MeetingId)) || IsModified(entry, nameof(Attendance.Status)))):
                    var person = (int)entry.OriginalValues[nameof(Attendance.PersonId)]!;
                    var meeting = (int)entry.OriginalValues[nameof(Attendance.MeetingId)]!;
                    meetings ??= tracker.Entries<Meeting>().Where(m => m.State is not EntityState.Added and not EntityState.Detached).ToDictionary(m => m.Entity.Id);
                    if (meetings.TryGetValue(meeting, out var meetingEntry))
                    {
                        keeper._left.Add((person, OriginalYear(meetingEntry)));
                        if (keeper._taken is { } taken && OriginallyCounted(meetingEntry))
                        {
                            var key = (person, OriginalYear(meetingEntry), (AttendanceStatus)entry.OriginalValues[nameof(Attendance.Status)]!);
                            taken[key] = taken.GetValueOrDefault(key) + 1;
                        }
                    }
                    else
                    {
                        keeper._leftInMeeting.Add((person, meeting));
                        keeper._taken = null;
                    }

                    if (entry.State is EntityState.Modified)
                    {
                        keeper._entered.Add(attendance);
                    }

                    break;
                default:
                    break;
            }
        }

        return keeper.IsEmpty ? null : keeper;
    }

    private static int OriginalYear(EntityEntry meeting) => ((DateOnly)meeting.OriginalValues[nameof(Meeting.Date)]!).Year;

    private static bool OriginallyCounted(EntityEntry meeting) => (MeetingState)meeting.OriginalValues[nameof(Meeting.State)]! >= Public;

    private static bool IsModified(EntityEntry entry, string property) => entry.Property(property).IsModified;

    /// <summary>Reads what only the rows before the save know (the attendance of deleted meetings); call before saving, inside the transaction.</summary>
    internal Task BeforeSaveAsync(ProtokolDbContext db, CancellationToken cancellationToken) => BeforeSaveAsync(db, sync: false, cancellationToken);

    /// <summary>The same, synchronously (for <see cref="DbContext.SaveChanges()"/>).</summary>
    internal void BeforeSave(ProtokolDbContext db) => BeforeSaveAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    // With sync set, no await below ever waits: the task is complete when returned.
    private async Task BeforeSaveAsync(ProtokolDbContext db, bool sync, CancellationToken ct)
    {
        if (_deletedMeetings.Count == 0)
        {
            return;
        }

        var ids = _deletedMeetings.Keys.ToList();
        var query = db.Attendance.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).Select(a => new { a.PersonId, a.MeetingId });
        foreach (var row in sync ? query.ToList() : await query.ToListAsync(ct))
        {
            _left.Add((row.PersonId, _deletedMeetings[row.MeetingId]));
        }
    }

    /// <summary>Counts the noted buckets anew; call after the changes are saved, inside their transaction, and save again.</summary>
    internal Task UpdateAsync(ProtokolDbContext db, CancellationToken cancellationToken) => UpdateAsync(db, sync: false, cancellationToken);

    /// <summary>The same, synchronously (for <see cref="DbContext.SaveChanges()"/>).</summary>
    internal void Update(ProtokolDbContext db) => UpdateAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    private async Task UpdateAsync(ProtokolDbContext db, bool sync, CancellationToken ct)
    {
        if (_deletedMeetings.Count == 0 && _changedMeetings.Count == 0 && _taken is { } taken && Added(db) is { } added
            && await AddAsync(db, Net(added, taken), sync, ct))
        {
            return;
        }

        var buckets = new HashSet<(int Person, int Year)>(_left);

        // The buckets entered: from the attendance as saved when its meeting is tracked (what was just saved is
        // what the rows hold), else (and for the meetings whose date or state changed) one read of the rows.
        var attendanceIds = new List<int>();
        foreach (var attendance in _entered)
        {
            if (attendance.Id <= 0)
            {
                continue;
            }

            if (attendance.PersonId > 0 && attendance.Meeting is { } meeting && meeting.Id == attendance.MeetingId
                && db.Entry(attendance).State is EntityState.Unchanged && db.Entry(meeting).State is EntityState.Unchanged)
            {
                buckets.Add((attendance.PersonId, meeting.Date.Year));
                if (_changedMeetings.TryGetValue(meeting.Id, out var was))
                {
                    buckets.Add((attendance.PersonId, was));
                }
            }
            else
            {
                attendanceIds.Add(attendance.Id);
            }
        }

        attendanceIds = attendanceIds.Distinct().ToList();
        var meetingIds = _changedMeetings.Keys.ToList();
        if (attendanceIds.Count > 0 || meetingIds.Count > 0)
        {
            var entered = db.Attendance.AsNoTracking()
                .Where(a => attendanceIds.Contains(a.Id) || meetingIds.Contains(a.MeetingId))
                .Select(a => new { a.PersonId, a.MeetingId, a.Meeting.Date });
            foreach (var row in sync ? entered.ToList() : await entered.ToListAsync(ct))
            {
                buckets.Add((row.PersonId, row.Date.Year));
                if (_changedMeetings.TryGetValue(row.MeetingId, out var before))
                {
                    buckets.Add((row.PersonId, before));
                }
            }
        }

        if (_leftInMeeting.Count > 0)
        {
            var ids = _leftInMeeting.Select(p => p.Meeting).Distinct().ToList();
            var dates = db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Date });
            var years = (sync ? dates.ToList() : await dates.ToListAsync(ct)).ToDictionary(m => m.Id, m => m.Date.Year);
            foreach (var (person, meeting) in _leftInMeeting)
            {
                // A meeting gone with the save took its attendance along (and was noted with its year if it counted).
                if (years.TryGetValue(meeting, out var year))
                {
                    buckets.Add((person, year));
                }
            }
        }

        await RecountAsync(db, buckets, sync, ct);
    }

    /// <summary>What the save added less what it took, per person, year and status; buckets it left as they were are dropped.</summary>
    private static Dictionary<(int Person, int Year, AttendanceStatus Status), int> Net(Dictionary<(int Person, int Year, AttendanceStatus Status), int> added, Dictionary<(int Person, int Year, AttendanceStatus Status), int> taken)
    {
        if (taken.Count == 0)
        {
            return added;
        }

        var net = new Dictionary<(int Person, int Year, AttendanceStatus Status), int>(added);
        foreach (var (key, count) in taken)
        {
            net[key] = net.GetValueOrDefault(key) - count;
        }

        foreach (var key in net.Where(n => n.Value == 0).Select(n => n.Key).ToList())
        {
            net.Remove(key);
        }

        return net;
    }

    /// <summary>
    /// When the save only added attendance, each to a tracked meeting (an import's new meeting, the back office's
    /// attendance of a meeting), the attendance it added, counted per person, year and status from the tracked
    /// records (their values are what was just saved); null when a row's person or meeting is not known that way.
    /// </summary>
    private Dictionary<(int Person, int Year, AttendanceStatus Status), int>? Added(ProtokolDbContext db)
    {
        var added = new Dictionary<(int Person, int Year, AttendanceStatus Status), int>();
        foreach (var attendance in _entered)
        {
            if (attendance.Id <= 0 || attendance.PersonId <= 0 || attendance.Meeting is not { } meeting || meeting.Id != attendance.MeetingId
                || db.Entry(attendance).State is not EntityState.Unchanged || db.Entry(meeting).State is not EntityState.Unchanged)
            {
                return null;
            }

            if (meeting.State >= Public)
            {
                var key = (attendance.PersonId, meeting.Date.Year, attendance.Status);
                added[key] = added.GetValueOrDefault(key) + 1;
            }
        }

        return added;
    }

    /// <summary>
    /// Adds to the kept rows what a save added and takes off what it took (which the save's transaction holds, on
    /// PostgreSQL behind the people's locks) instead of counting the buckets anew from every row of those people and
    /// years: one upsert per 200 buckets (a row made or added to; the same SQL on both engines), and when something
    /// was taken, one statement removing the rows of those people it brought to nothing (a kept row is never zero).
    /// An import's new meeting only adds; a meeting imported again takes the attendance it no longer has and adds
    /// its new attendance (issue 17: the recount read the attendees' attendance over the year and wrote each
    /// changed row on its own). When this context tracks kept rows already (an earlier save of the same unit of
    /// work counted anew), they are changed as tracked records, so that what it tracks stays what is stored; false,
    /// with nothing changed, when a row to take from is not among them (the caller then counts anew).
    /// </summary>
    private static async Task<bool> AddAsync(ProtokolDbContext db, Dictionary<(int Person, int Year, AttendanceStatus Status), int> added, bool sync, CancellationToken ct)
    {
        if (added.Count == 0)
        {
            return true;
        }

        var people = added.Keys.Select(k => k.Person).Distinct().Order().ToList();
        await LockAsync(db, people, sync, ct);
        if (db.ChangeTracker.Entries<PersonYearCount>().Any())
        {
            return await AddTrackedAsync(db, added, people, sync, ct);
        }

        async Task Execute(string sql, object[] values)
        {
            if (sync)
            {
                db.Database.ExecuteSqlRaw(sql, values);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(sql, values, ct);
            }
        }

        // In key order, as the rows were added before: new rows come in the same order.
        foreach (var chunk in added.OrderBy(a => a.Key).Chunk(200))
        {
            var sql = new StringBuilder("""INSERT INTO "PersonYearCounts" ("PersonId", "Year", "Status", "Meetings") VALUES """);
            var values = new object[chunk.Length * 4];
            for (var i = 0; i < chunk.Length; i++)
            {
                var ((person, year, status), count) = chunk[i];
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}({{{i * 4}}}, {{{i * 4 + 1}}}, {{{i * 4 + 2}}}, {{{i * 4 + 3}}})");
                (values[i * 4], values[i * 4 + 1], values[i * 4 + 2], values[i * 4 + 3]) = (person, year, status.ToString(), count);
            }

            sql.Append("""
                 ON CONFLICT ("PersonId", "Year", "Status") DO UPDATE SET "Meetings" = "PersonYearCounts"."Meetings" + excluded."Meetings"
                """);
            await Execute(sql.ToString(), values);
        }

        var emptied = added.Where(a => a.Value < 0).Select(a => a.Key.Person).Distinct().Order().ToArray();
        foreach (var chunk in emptied.Chunk(200))
        {
            var sql = new StringBuilder("""DELETE FROM "PersonYearCounts" WHERE "Meetings" = 0 AND "PersonId" IN (""");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}{{{i}}}");
            }

            await Execute(sql.Append(')').ToString(), [.. chunk.Cast<object>()]);
        }

        return true;
    }

    // The kept rows read and changed as tracked records, saved with the save's followers.
    private static async Task<bool> AddTrackedAsync(ProtokolDbContext db, Dictionary<(int Person, int Year, AttendanceStatus Status), int> added, List<int> people, bool sync, CancellationToken ct)
    {
        var (first, last) = (added.Keys.Min(k => k.Year), added.Keys.Max(k => k.Year));
        var kept = (sync ? db.Set<PersonYearCount>().Where(c => people.Contains(c.PersonId) && c.Year >= first && c.Year <= last).ToList()
            : await CompiledQueries.ToListAsync(KeptQuery.For(db)(db, [.. people], first, last), ct)).ToDictionary(c => (c.PersonId, c.Year, c.Status));
        if (added.Any(a => a.Value < 0 && (!kept.TryGetValue(a.Key, out var row) || db.Entry(row).State is EntityState.Deleted || row.Meetings + a.Value < 0)))
        {
            return false;
        }

        foreach (var ((person, year, status), count) in added.OrderBy(a => a.Key))
        {
            if (kept.TryGetValue((person, year, status), out var row) && db.Entry(row).State is not EntityState.Deleted)
            {
                row.Meetings += count;
                if (row.Meetings == 0)
                {
                    db.Remove(row);
                }
            }
            else
            {
                db.Add(new PersonYearCount { PersonId = person, Year = year, Status = status, Meetings = count });
            }
        }

        return true;
    }

    // In id order, so two saves never wait for each other's locks crosswise (after any council locks: same order everywhere).
    private static async Task LockAsync(ProtokolDbContext db, List<int> people, bool sync, CancellationToken ct)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            return;
        }

        foreach (var person in people)
        {
            if (sync)
            {
                db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({LockSpace}, {person})");
            }
            else
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, {person})", ct);
            }
        }
    }

    /// <summary>Counts every person's attendance anew (after a restore, or to check the kept counts).</summary>
    public static async Task RebuildAsync(ProtokolDbContext db, CancellationToken ct)
    {
        var rows = await db.Attendance.AsNoTracking()
            .Where(a => a.Meeting.State >= Public)
            .Select(a => new { a.PersonId, a.Meeting.Date, a.Status })
            .ToListAsync(ct);
        var counted = rows.GroupBy(r => (r.PersonId, r.Date.Year, r.Status)).ToDictionary(g => g.Key, g => g.Count());
        var kept = await db.Set<PersonYearCount>().ToListAsync(ct);
        Apply(db, counted, kept, kept.Select(c => (c.PersonId, c.Year)).Concat(counted.Keys.Select(k => (k.PersonId, k.Year))).ToHashSet());
        await db.SaveChangesAsync(ct);
    }

    private sealed record AttendanceRow(int PersonId, DateOnly Date, AttendanceStatus Status);

    // Compiled (issue 17): a save that records attendance runs both, and an import saves a meeting's attendance per document.
    private static readonly CompiledPerModel<Func<ProtokolDbContext, int[], DateOnly, DateOnly, IAsyncEnumerable<AttendanceRow>>> RowsQuery = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int[] people, DateOnly from, DateOnly to) => db.Attendance.AsNoTracking()
            .Where(a => people.Contains(a.PersonId) && a.Meeting.State >= MeetingState.MinutesPublished && a.Meeting.Date >= from && a.Meeting.Date <= to)
            .Select(a => new AttendanceRow(a.PersonId, a.Meeting.Date, a.Status))));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int[], int, int, IAsyncEnumerable<PersonYearCount>>> KeptQuery = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int[] people, int first, int last) =>
            db.Set<PersonYearCount>().Where(c => people.Contains(c.PersonId) && c.Year >= first && c.Year <= last)));

    private static async Task RecountAsync(ProtokolDbContext db, HashSet<(int Person, int Year)> buckets, bool sync, CancellationToken ct)
    {
        if (buckets.Count == 0)
        {
            return;
        }

        var people = buckets.Select(b => b.Person).Distinct().Order().ToList();
        await LockAsync(db, people, sync, ct);

        // One read of the attendance and one of the kept rows for every bucket: the span of years the buckets cover.
        var from = new DateOnly(buckets.Min(b => b.Year), 1, 1);
        var to = new DateOnly(buckets.Max(b => b.Year), 12, 31);
        var rowsQuery = db.Attendance.AsNoTracking()
            .Where(a => people.Contains(a.PersonId) && a.Meeting.State >= Public && a.Meeting.Date >= from && a.Meeting.Date <= to)
            .Select(a => new { a.PersonId, a.Meeting.Date, a.Status });
        var rows = sync ? rowsQuery.Select(r => new AttendanceRow(r.PersonId, r.Date, r.Status)).ToList() : await CompiledQueries.ToListAsync(RowsQuery.For(db)(db, [.. people], from, to), ct);
        var counted = rows.Where(r => buckets.Contains((r.PersonId, r.Date.Year)))
            .GroupBy(r => (r.PersonId, r.Date.Year, r.Status))
            .ToDictionary(g => g.Key, g => g.Count());
        var keptQuery = db.Set<PersonYearCount>().Where(c => people.Contains(c.PersonId) && c.Year >= from.Year && c.Year <= to.Year);
        var kept = (sync ? keptQuery.ToList() : await CompiledQueries.ToListAsync(KeptQuery.For(db)(db, [.. people], from.Year, to.Year), ct)).Where(c => buckets.Contains((c.PersonId, c.Year))).ToList();
        Apply(db, counted, kept, buckets);
    }

    // Makes the kept rows of the buckets what was counted: updates, adds the missing, removes those counted to nothing.
    private static void Apply(ProtokolDbContext db, Dictionary<(int Person, int Year, AttendanceStatus Status), int> counted, List<PersonYearCount> kept, HashSet<(int Person, int Year)> buckets)
    {
        var rows = kept.ToDictionary(c => (c.PersonId, c.Year, c.Status));
        foreach (var (key, row) in rows)
        {
            if (counted.TryGetValue(key, out var count))
            {
                row.Meetings = count;
            }
            else if (db.Entry(row).State is not EntityState.Deleted)
            {
                db.Remove(row);
            }
        }

        foreach (var ((person, year, status), count) in counted.OrderBy(c => c.Key))
        {
            if (buckets.Contains((person, year)) && !rows.ContainsKey((person, year, status)))
            {
                db.Add(new PersonYearCount { PersonId = person, Year = year, Status = status, Meetings = count });
            }
        }
    }
}
