using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Data.OParl;

/// <summary>
/// The OParl API's reads. A list is made of parts paged one after the other (live records by id,
/// then the tombstones of removed ones by id); a page is read by keyset (id greater than the
/// cursor's), a page asked for by number from the kept page boundary below it
/// (<see cref="OParlListIndex"/>). Objects are read a page at a time: a page of meetings or agenda
/// items costs the same few statements whatever its size and wherever it is in the list.
/// </summary>
internal sealed partial class OParlQueries(ProtokolDbContext db, OParlListIndex index, Portal.ReadSessions sessions) : IOParlQueries
{
    private const MeetingState FirstPublic = MeetingState.AgendaPublished;

    public async Task<OParlListPage?> ListAsync(OParlList list, int ownerId, OParlListFilter filter, OParlPageRequest page, CancellationToken cancellationToken)
    {
        var parts = LeanParts(list, ownerId, filter) ?? Parts(list, ownerId, filter);
        var key = new OParlListIndex.Key(list, ownerId, filter);

        // The page's first read, where it can be told before the version is read (from the list as last kept, for a page by number),
        // is sent with the version as one command; it is used if the page's first read turns out to be that one.
        var start = FirstRead(parts, page, index.Latest(key));
        long? version;
        List<OParlEntry>? read = null;
        if (start is { } s && parts[s.Part].Page is { } lean)
        {
            (version, read) = await VersionAndPageAsync(list, ownerId, lean, s.After, s.Skip, page.Size, cancellationToken);
        }
        else
        {
            version = await VersionAsync(list, ownerId, cancellationToken);
        }

        if (version is null)
        {
            return null;
        }

        var kept = index.Find(key, version.Value);
        if (kept is null)
        {
            var counts = new int[parts.Count];
            var removed = new IReadOnlyList<OParlEntry>?[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i].Removed is { } tombstones)
                {
                    removed[i] = await tombstones(cancellationToken);
                    counts[i] = removed[i]!.Count;
                }
                else
                {
                    counts[i] = await parts[i].Count(cancellationToken);
                }
            }

            kept = index.Keep(key, version.Value, counts, removed, page.Stride);
        }

        var entries = new List<OParlEntry>();
        var last = -1;
        async Task ReadAsync(int part, int after, int skip)
        {
            var take = page.Size - entries.Count;
            List<OParlEntry> rows;
            if (read is not null && entries.Count == 0 && start is { } first && (part, after, skip) == (first.Part, first.After, first.Skip))
            {
                // Read with the version, as the first read of the page (so of the page's size).
                rows = read;
                read = null;
            }
            else
            {
                rows = kept.Removed[part] is { } tombstones
                    ? tombstones.Where(e => e.Id > after).Skip(skip).Take(take).ToList()
                    : await parts[part].Read(after, skip, take, cancellationToken);
            }

            entries.AddRange(rows);
            last = rows.Count > 0 ? part : last;
        }

        if (page.After is { } cursor)
        {
            // Keyset: the rest of the cursor's part after its id, then the following parts from their start (ids are positive).
            for (var i = Math.Max(0, cursor.Part); i < parts.Count && entries.Count < page.Size; i++)
            {
                if (kept.Counts[i] > 0)
                {
                    await ReadAsync(i, i == cursor.Part ? cursor.Id : 0, 0);
                }
            }
        }
        else
        {
            var skip = page.Skip;
            for (var i = 0; i < parts.Count && entries.Count < page.Size; i++)
            {
                if (skip >= kept.Counts[i])
                {
                    skip -= kept.Counts[i];
                    continue;
                }

                // A page by number: after the kept boundary below it, skipping fewer than a stride of ids.
                var after = 0;
                if (skip >= kept.Stride && kept.Removed[i] is null)
                {
                    var boundaries = kept.Boundaries[i] ??= kept.BoundariesOf(await parts[i].Ids(cancellationToken));
                    var stride = Math.Min(skip / kept.Stride, boundaries.Length - 1);
                    after = boundaries[stride];
                    skip -= stride * kept.Stride;
                }

                await ReadAsync(i, after, skip);
                skip = 0;
            }
        }

        return new OParlListPage(kept.Counts.Sum(), entries, entries.Count == 0 ? null : new OParlCursor(last, entries[^1].Id));
    }

    private static readonly Portal.LeanStatement LastAuditEntry = new("""SELECT MAX(a."Id") FROM "AuditLog" AS a""", 0);

    private static readonly Portal.LeanStatement LastAuditEntryOfBody = new(
        """SELECT (SELECT MAX(a."Id") FROM "AuditLog" AS a) FROM "Bodies" AS b WHERE b."Id" = @p0""", 1);

    private static readonly Portal.LeanStatement LastAuditEntryOfCouncil = new(
        $"""SELECT (SELECT MAX(a."Id") FROM "AuditLog" AS a) FROM "Organizations" AS o WHERE o."Id" = @p0 AND o."Kind" <> '{nameof(OrganizationKind.ExternalOrganisation)}'""", 1);

    /// <summary>
    /// The audit log's last entry, or null when the list's owner does not exist, in one statement. Every change to a
    /// record writes an audit entry in its transaction, so a list kept at this version still holds (<see cref="OParlListIndex"/>).
    /// Read on a kept session's prepared statement (<see cref="Portal.ReadSessions"/>): every page asks it first.
    /// </summary>
    private Task<long?> VersionAsync(OParlList list, int owner, CancellationToken ct) =>
        sessions.ReadAsync(async (session, token) =>
        {
            await using var reader = await session.ExecuteAsync(VersionStatement(list), new[] { owner }, token);
            return await VersionOfAsync(reader, token);
        }, ct);

    private static Portal.LeanStatement VersionStatement(OParlList list) => list switch
    {
        OParlList.Body => LastAuditEntry,
        OParlList.OrganizationMeeting => LastAuditEntryOfCouncil,
        _ => LastAuditEntryOfBody,
    };

    /// <summary>The version from a version statement's result, or null (no row) when the list's owner does not exist.</summary>
    private static async Task<long?> VersionOfAsync(System.Data.Common.DbDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The first read of a page (its part, the id after which and the rows to skip), as the page's loop in <see cref="ListAsync"/> will
    /// make it when <paramref name="kept"/> is the list's current figures: after a cursor, its part after its id; by number, the part
    /// the page starts in, after the kept boundary below it. Null when it cannot be told (a page by number beyond the first, of a list
    /// not kept or whose boundaries are not read yet) or is not a live part's.
    /// </summary>
    private static (int Part, int After, int Skip)? FirstRead(List<Part> parts, OParlPageRequest page, OParlListIndex.Kept? kept)
    {
        if (page.After is { } cursor)
        {
            var part = Math.Max(0, cursor.Part);
            return part < parts.Count ? (part, part == cursor.Part ? cursor.Id : 0, 0) : null;
        }

        if (kept is null || kept.Counts.Length != parts.Count)
        {
            return page.Skip == 0 ? (0, 0, 0) : null;
        }

        var skip = page.Skip;
        for (var i = 0; i < parts.Count; i++)
        {
            if (skip >= kept.Counts[i])
            {
                skip -= kept.Counts[i];
                continue;
            }

            if (kept.Removed[i] is not null)
            {
                return null;
            }

            var after = 0;
            if (skip >= kept.Stride)
            {
                if (kept.Boundaries[i] is not { } boundaries)
                {
                    return null;
                }

                var stride = Math.Min(skip / kept.Stride, boundaries.Length - 1);
                after = boundaries[stride];
                skip -= stride * kept.Stride;
            }

            return (i, after, skip);
        }

        return null;
    }

    /// <summary>A version statement followed by a page's statement, as one command (both bind the list's owner as <c>@p0</c>).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Portal.LeanStatement Version, Portal.LeanStatement Page), Portal.LeanStatement> VersionAndPage = new();

    /// <summary>
    /// The version and the page of <paramref name="part"/> after <paramref name="after"/>, skipping <paramref name="skip"/> rows, in one
    /// round trip (issue 17: on PostgreSQL each command is one). Null entries when the owner does not exist.
    /// </summary>
    private Task<(long? Version, List<OParlEntry>? Entries)> VersionAndPageAsync(OParlList list, int owner, OParlLeanPage part, int after, int skip, int take, CancellationToken ct) =>
        sessions.ReadAsync(async (session, token) =>
        {
            var page = part.Statement(skip);
            var statement = VersionAndPage.GetOrAdd((VersionStatement(list), page), k => new Portal.LeanStatement(k.Version.Sql + ";\n" + k.Page.Sql, Math.Max(k.Version.Parameters, k.Page.Parameters)));
            await using var reader = await session.ExecuteAsync(statement, OParlLeanPage.Values(owner, after, skip, take), token);
            if (await VersionOfAsync(reader, token) is not { } version)
            {
                return ((long?)null, (List<OParlEntry>?)null);
            }

            await reader.NextResultAsync(token);
            return (version, await part.ReadRowsAsync(reader, take, token));
        }, ct);

    /// <summary>The parts of a list (its owner exists).</summary>
    private List<Part> Parts(OParlList list, int owner, OParlListFilter filter)
    {
        if (list == OParlList.Body)
        {
            return [Live(db.Bodies, OParlKind.Body, filter)];
        }

        if (list == OParlList.OrganizationMeeting)
        {
            return [Live(db.Meetings.Where(m => m.OrganizationId == owner), OParlKind.Meeting, filter, kept: Kept(db.MeetingYearCounts.Where(c => c.OrganizationId == owner), c => c.Meetings),
                lean: (after, skip, take, ct) => OParlMeetingRows.MeetingsAfterAsync(sessions, ofOrganization: true, owner, after, skip, take, ct))];
        }

        // Every meeting is public with its time and place from the day it is planned; what is on it from the agenda's publication.
        // "MeetingId IN (public meetings)" is worked out once; a correlated EXISTS per row cost SQLite four times as much at 100,000 items.
        // A page walks the primary key from its start (the cursor or a kept boundary) on instead, testing each row with a correlated EXISTS,
        // and stops at the page's end: at 100,000 items 0.3 ms against 15 ms for "IN" and a temporary B-tree to sort.
        var meetings = db.Meetings.Where(m => m.Organization.BodyId == owner);
        var meetingsByKey = db.Meetings.Where(m => db.Organizations.Any(o => o.Id == m.OrganizationId && o.BodyId == owner));
        var agendas = meetings.Where(m => m.State >= FirstPublic).Select(m => m.Id);
        var hearings = db.Hearings.Where(h => h.AgendaItem != null && h.AgendaItem.IsPublic && agendas.Contains(h.AgendaItem.MeetingId));
        // The sizes of the lists of meetings and items are kept per council and year (MeetingYearCounts), not counted per request.
        var counts = db.MeetingYearCounts.Where(c => db.Organizations.Any(o => o.Id == c.OrganizationId && o.BodyId == owner));
        var publicAttachments = db.Attachments.Where(a => a.IsPublic && (a.AgendaItem == null || a.AgendaItem.IsPublic) && db.StoredFiles.Any(f => f.Sha256 == a.Sha256));
        return list switch
        {
            OParlList.Organization => [Live(db.Organizations.Where(o => o.BodyId == owner), OParlKind.Organization, filter, lean: OParlPeopleRows.Page(sessions, list, owner)), Tombstones(OParlKind.Organization, owner, filter)],
            OParlList.Person =>
            [
                // People shown by role only too, their names withheld in their objects (OParlObjects.Person) as on the portal.
                Live(db.People.Where(p => p.BodyId == owner), OParlKind.Person, filter, lean: OParlPeopleRows.Page(sessions, list, owner)),
                Tombstones(OParlKind.Person, owner, filter),
            ],
            OParlList.Membership => [Live(db.Memberships.Where(m => m.Organization.BodyId == owner), OParlKind.Membership, filter, lean: OParlPeopleRows.Page(sessions, list, owner)), Tombstones(OParlKind.Membership, owner, filter)],
            OParlList.Meeting =>
            [
                Live(meetings, OParlKind.Meeting, filter, meetingsByKey, Kept(counts, c => c.Meetings),
                    lean: (after, skip, take, ct) => OParlMeetingRows.MeetingsAfterAsync(sessions, ofOrganization: false, owner, after, skip, take, ct)),
                Tombstones(OParlKind.Meeting, owner, filter),
            ],
            OParlList.AgendaItem =>
            [
                Live(db.AgendaItems.Where(i => agendas.Contains(i.MeetingId)), OParlKind.AgendaItem, filter,
                    db.AgendaItems.Where(i => db.Meetings.Any(m => m.Id == i.MeetingId && m.State >= FirstPublic && m.Organization.BodyId == owner)),
                    Kept(counts, c => c.PublicAgendaItems),
                    items => items.Select(i => new Row(i.Id, i.MeetingId)),
                    (after, skip, take, ct) => PublicItemsAfterAsync(owner, after, skip, take, ct)),
                Tombstones(OParlKind.AgendaItem, owner, filter),
            ],
            OParlList.Paper => [Live(hearings, OParlKind.Paper, filter), Tombstones(OParlKind.Paper, owner, filter)],
            OParlList.Consultation => [Live(hearings, OParlKind.Consultation, filter), Tombstones(OParlKind.Consultation, owner, filter)],
            OParlList.File =>
            [
                Live(publicAttachments.Where(a => agendas.Contains(a.MeetingId)), OParlKind.AttachmentFile, filter,
                    publicAttachments.Where(a => db.Meetings.Any(m => m.Id == a.MeetingId && m.State >= FirstPublic && m.Organization.BodyId == owner)),
                    project: attachments => attachments.Select(a => new Row(a.Id, a.MeetingId)), lean: OParlFileRows.Page(sessions, OParlKind.AttachmentFile, owner)),
                Live(meetings.Where(m => m.State >= FirstPublic), OParlKind.MeetingDocument, filter, meetingsByKey.Where(m => m.State >= FirstPublic), Kept(counts, c => c.PublicMeetings),
                    lean: OParlFileRows.Page(sessions, OParlKind.MeetingDocument, owner)),
                Live(meetings.Where(m => m.State >= FirstPublic && m.ImportedFrom != null), OParlKind.OriginalFile, filter, meetingsByKey.Where(m => m.State >= FirstPublic && m.ImportedFrom != null),
                    lean: OParlFileRows.Page(sessions, OParlKind.OriginalFile, owner)),
                Tombstones(OParlKind.AttachmentFile, owner, filter),
            ],
            OParlList.Location => [Live(db.Locations.Where(l => l.BodyId == owner && meetings.Any(m => m.LocationId == l.Id)), OParlKind.Location, filter), Tombstones(OParlKind.Location, owner, filter)],
            OParlList.LegislativeTerm => [Live(db.Terms.Where(t => t.Organization.BodyId == owner), OParlKind.LegislativeTerm, filter), Tombstones(OParlKind.LegislativeTerm, owner, filter)],
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Not a list of a body."),
        };
    }

    /// <summary>
    /// Live records of one kind by id, under the filter; <paramref name="byKey"/> the same records in a form that reads best by a range of ids;
    /// <paramref name="kept"/> their number as kept at write time, used when the list is not filtered; <paramref name="project"/> reads
    /// each entry's meeting with it (agenda items, attachments), so that building the page needs no statement to find them.
    /// </summary>
    /// <remarks><paramref name="lean"/>, when given, reads an unfiltered page instead (the same entries, on a kept prepared statement).</remarks>
    private static Part Live<T>(IQueryable<T> records, OParlKind kind, OParlListFilter filter, IQueryable<T>? byKey = null,
        Func<CancellationToken, Task<int>>? kept = null, Func<IQueryable<T>, IQueryable<Row>>? project = null,
        Func<int, int, int, CancellationToken, Task<List<OParlEntry>>>? lean = null)
        where T : Entity
    {
        var all = Filtered(records.AsNoTracking(), filter);
        var keyed = byKey is null ? all : Filtered(byKey.AsNoTracking(), filter);
        project ??= rows => rows.Select(r => new Row(r.Id, null));
        return new Part(
            kept is not null && !filter.Any ? kept : ct => all.CountAsync(ct),
            lean is not null && !filter.Any ? lean : async (after, skip, take, ct) =>
            {
                var page = keyed.Where(r => r.Id > after).OrderBy(r => r.Id).AsQueryable();
                if (skip > 0)
                {
                    page = page.Skip(skip);
                }

                var read = await project(page.Take(take)).ToListAsync(ct);
                return read.ConvertAll(r => new OParlEntry(kind, r.Id, MeetingId: r.MeetingId));
            },
            ct => all.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct));
    }

    /// <summary>
    /// The agenda items of the body's public agendas after an id, in id order, as the EF Core query of the list's part reads them:
    /// by key (no OFFSET after a cursor), skipping fewer than a stride of ids for a page asked for by number.
    /// </summary>
    private static readonly Portal.LeanStatement[] PublicItemsAfter = [.. new[] { "LIMIT @p3", "LIMIT @p3 OFFSET @p2" }.Select(page => new Portal.LeanStatement(
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        SELECT i."Id", i."MeetingId"
        FROM "AgendaItems" AS i
        WHERE i."Id" > @p1 AND EXISTS (
            SELECT 1 FROM "Meetings" AS m INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
            WHERE m."Id" = i."MeetingId" AND m."State" >= {(int)FirstPublic} AND o."BodyId" = @p0)
        ORDER BY i."Id"
        {page}
        """), 4))];

    private static readonly OParlLeanPage PublicItemPage = new(PublicItemsAfter, r => new OParlEntry(OParlKind.AgendaItem, r.GetInt32(0), MeetingId: r.GetInt32(1)));

    private Task<List<OParlEntry>> PublicItemsAfterAsync(int owner, int after, int skip, int take, CancellationToken ct) =>
        PublicItemPage.Reader(sessions, owner)(after, skip, take, ct);

    private static Func<CancellationToken, Task<int>> Kept(IQueryable<Portal.MeetingYearCount> counts, System.Linq.Expressions.Expression<Func<Portal.MeetingYearCount, int>> column) =>
        ct => counts.AsNoTracking().SumAsync(column, ct);

    /// <summary>The removed records of one kind in the body (where their last values name it), under the filter, in id order.</summary>
    private Part Tombstones(OParlKind kind, int body, OParlListFilter filter) =>
        Part.OfRemoved(async ct => (await RemovalsAsync(EntityType(kind)!, null, ct))
            .Where(r => InBody(r.Changes, body) && filter.Matches(r.Removal.Created, r.Removal.Deleted))
            .Select(r => new OParlEntry(kind, r.Removal.Id, r.Removal))
            .OrderBy(e => e.Id)
            .ToList());

    private static bool InBody(string changes, int body)
    {
        using var json = JsonDocument.Parse(changes);
        return !json.RootElement.TryGetProperty("BodyId", out var values)
            || values.EnumerateArray().FirstOrDefault().ToString() == body.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IQueryable<T> Filtered<T>(IQueryable<T> query, OParlListFilter filter)
        where T : Entity
    {
        if (filter.CreatedSince is { } cs)
        {
            query = query.Where(e => e.Created >= cs);
        }

        if (filter.CreatedUntil is { } cu)
        {
            query = query.Where(e => e.Created <= cu);
        }

        if (filter.ModifiedSince is { } ms)
        {
            query = query.Where(e => e.Modified >= ms);
        }

        if (filter.ModifiedUntil is { } mu)
        {
            query = query.Where(e => e.Modified <= mu);
        }

        return query;
    }

    public async Task<IReadOnlyList<OParlBodyRecord>> BodiesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var bodies = await db.Bodies.AsNoTracking().Where(b => ids.Contains(b.Id)).OrderBy(b => b.Id).ToListAsync(cancellationToken);
        var terms = (await TermsWhereAsync(t => ids.Contains(t.Organization.BodyId), cancellationToken)).ToLookup(t => t.BodyId);
        return bodies.ConvertAll(b => new OParlBodyRecord(b.Id, b.Name, b.Website, terms[b.Id].ToList(), b.Created, b.Modified));
    }

    public async Task<IReadOnlyList<OParlTermRecord>> TermsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await TermsWhereAsync(t => ids.Contains(t.Id), cancellationToken);

    private Task<List<OParlTermRecord>> TermsWhereAsync(System.Linq.Expressions.Expression<Func<Term, bool>> where, CancellationToken ct) =>
        db.Terms.AsNoTracking().Where(where).OrderBy(t => t.Id)
            .Select(t => new OParlTermRecord(t.Id, t.Organization.BodyId, t.Organization.Name, t.Name, t.Start, t.End, t.Created, t.Modified))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<OParlOrganizationRecord>> OrganizationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await OParlPeopleRows.OrganizationsAsync(sessions, ids, cancellationToken);

    public async Task<IReadOnlyList<OParlPersonRecord>> PeopleAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await OParlPeopleRows.PeopleAsync(sessions, ids, cancellationToken);

    public async Task<IReadOnlyList<OParlMembershipRecord>> MembershipsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await OParlPeopleRows.MembershipsAsync(sessions, ids, cancellationToken);

    public async Task<IReadOnlyList<OParlLocationRecord>> LocationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var locations = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
        var meetings = (await db.Meetings.AsNoTracking().Where(m => m.LocationId != null && ids.Contains(m.LocationId.Value)).OrderBy(m => m.Id)
            .Select(m => new { LocationId = m.LocationId!.Value, m.Id }).ToListAsync(cancellationToken)).ToLookup(m => m.LocationId, m => m.Id);
        return locations.ConvertAll(l => Location(l, meetings[l.Id].ToList()));
    }

    private static OParlLocationRecord Location(Location l, IReadOnlyList<int> meetings) =>
        new(l.Id, l.BodyId, l.Name, l.Room, l.Street, l.PostalCode, l.Locality, meetings, l.Created, l.Modified);

    public async Task<IReadOnlyList<OParlMeetingRecord>> MeetingsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        (await Portal.MeetingReader.ReadAsync(sessions, ids, forOParl: true, cancellationToken)).ConvertAll(Meeting);

    public async Task<IReadOnlyList<OParlMeetingRecord>> MeetingsWithoutTextsAsync(IReadOnlyCollection<int> ids, bool attendance, CancellationToken cancellationToken) =>
        (await Portal.MeetingReader.ReadWithoutTextsAsync(sessions, ids, attendance, cancellationToken)).ConvertAll(Meeting);

    public async Task<IReadOnlyList<OParlMeetingRecord>> MeetingObjectsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await OParlMeetingListReader.ReadAsync(sessions, ids, cancellationToken);

    private static OParlMeetingRecord Meeting(Portal.MeetingRead m) =>
        new(
            m.Record, m.BodyId, m.Location is { } l ? new OParlLocationRecord(l.Id, l.BodyId, l.Name, l.Room, l.Street, l.PostalCode, l.Locality, [], l.Created, l.Modified) : null, m.Created, m.Modified,
            m.ItemStamps.ToDictionary(s => s.Key, s => new OParlStamps(s.Value.Created, s.Value.Modified)),
            m.AttachmentTexts, m.HearingOfItem);

    private Task<ILookup<int, WithheldName>> WithheldAsync(List<int> bodies, CancellationToken ct) => Portal.MeetingReader.WithheldAsync(db, bodies, ct);

    public async Task<IReadOnlyDictionary<int, int>> MeetingsOfAgendaItemsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        (await db.AgendaItems.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.MeetingId }).ToListAsync(cancellationToken)).ToDictionary(i => i.Id, i => i.MeetingId);

    public async Task<IReadOnlyDictionary<int, int>> MeetingsOfAttachmentsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        (await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.MeetingId }).ToListAsync(cancellationToken)).ToDictionary(a => a.Id, a => a.MeetingId);

    public async Task<IReadOnlyList<OParlHearingRecord>> PublicHearingsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var hearings = await db.Hearings.AsNoTracking()
            .Where(h => ids.Contains(h.Id) && h.AgendaItem != null && h.AgendaItem.IsPublic && h.AgendaItem.Meeting.State >= FirstPublic)
            .OrderBy(h => h.Id)
            .Select(h => new { h.Id, h.Organization.BodyId, h.OrganizationId, h.AgendaItem!.MeetingId, ItemId = h.AgendaItem.Id, h.AgendaItem.Number, h.Subject, h.Received, h.Deadline, h.Created, h.Modified })
            .ToListAsync(cancellationToken);
        if (hearings.Count == 0)
        {
            return [];
        }

        var withheld = await WithheldAsync(hearings.Select(h => h.BodyId).Distinct().ToList(), cancellationToken);
        return hearings.ConvertAll(h => new OParlHearingRecord(h.Id, h.BodyId, h.OrganizationId, h.MeetingId, h.ItemId, h.Number, h.Subject, h.Received, h.Deadline,
            withheld[h.BodyId].ToList(), h.Created, h.Modified));
    }

    public async Task<OParlRemoval?> RemovalAsync(OParlKind kind, int id, CancellationToken cancellationToken)
    {
        var exists = kind switch
        {
            OParlKind.Body => db.Bodies.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.Organization => db.Organizations.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.Person => db.People.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.Membership => db.Memberships.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.Meeting => db.Meetings.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.AgendaItem => db.AgendaItems.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.Paper or OParlKind.Consultation => db.Hearings.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.AttachmentFile => db.Attachments.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.Location => db.Locations.AnyAsync(e => e.Id == id, cancellationToken),
            OParlKind.LegislativeTerm => db.Terms.AnyAsync(e => e.Id == id, cancellationToken),
            _ => null,
        };
        if (exists is null || await exists)
        {
            return null;
        }

        return (await RemovalsAsync(EntityType(kind)!, id, cancellationToken)) is [var (removal, _), ..] ? removal : null;
    }

    /// <summary>The audit log's name of the records behind a kind of object; null for files made from a meeting.</summary>
    private static string? EntityType(OParlKind kind) => kind switch
    {
        OParlKind.Body => nameof(Body),
        OParlKind.Organization => nameof(Organization),
        OParlKind.Person => nameof(Person),
        OParlKind.Membership => nameof(Membership),
        OParlKind.Meeting => nameof(Meeting),
        OParlKind.AgendaItem => nameof(AgendaItem),
        OParlKind.Paper or OParlKind.Consultation => nameof(Core.Hearings.Hearing),
        OParlKind.AttachmentFile => nameof(Attachment),
        OParlKind.Location => nameof(Location),
        OParlKind.LegislativeTerm => nameof(Term),
        _ => null,
    };

    /// <summary>The records of one kind (or the one record) the audit log saw removed, the last removal of each, with its last values.</summary>
    private async Task<List<(OParlRemoval Removal, string Changes)>> RemovalsAsync(string entityType, int? id, CancellationToken ct)
    {
        var removed = await db.AuditLog.AsNoTracking().Where(e => e.Action == "removed" && e.EntityType == entityType && (id == null || e.EntityId == id))
            .OrderBy(e => e.Id).Select(e => new { e.EntityId, e.At, e.Changes }).ToListAsync(ct);
        if (removed.Count == 0)
        {
            return [];
        }

        var ids = removed.Select(e => e.EntityId).Distinct().ToList();
        var added = (await db.AuditLog.AsNoTracking().Where(e => e.Action == "added" && e.EntityType == entityType && ids.Contains(e.EntityId))
                .Select(e => new { e.EntityId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.EntityId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        return removed.GroupBy(e => e.EntityId).Select(g => g.Last())
            .Select(e => (new OParlRemoval(e.EntityId, added.GetValueOrDefault(e.EntityId, e.At), e.At), e.Changes))
            .ToList();
    }

    /// <summary>An entry as a page reads it: its id and, for agenda items and attachments, its meeting.</summary>
    private sealed record Row(int Id, int? MeetingId);

    /// <summary>
    /// Part of a list: live records (their number, a page after an id skipping some, every id in order for the page boundaries)
    /// or tombstones (<see cref="Removed"/>, read whole and kept with the list).
    /// </summary>
    private sealed class Part(
        Func<CancellationToken, Task<int>> count,
        Func<int, int, int, CancellationToken, Task<List<OParlEntry>>> read,
        Func<CancellationToken, Task<List<int>>> ids,
        Func<CancellationToken, Task<List<OParlEntry>>>? removed = null,
        OParlLeanPage? page = null)
    {
        /// <summary>The part's page as a prepared statement (the lean parts), which a list's first read sends with the version.</summary>
        public OParlLeanPage? Page { get; } = page;

        public Func<CancellationToken, Task<int>> Count { get; } = count;

        public Func<int, int, int, CancellationToken, Task<List<OParlEntry>>> Read { get; } = read;

        public Func<CancellationToken, Task<List<int>>> Ids { get; } = ids;

        public Func<CancellationToken, Task<List<OParlEntry>>>? Removed { get; } = removed;

        public static Part OfRemoved(Func<CancellationToken, Task<List<OParlEntry>>> removed) =>
            new(_ => throw new InvalidOperationException("Tombstones are counted as read."), (_, _, _, _) => throw new InvalidOperationException("Tombstones are paged as kept."),
                _ => throw new InvalidOperationException("Tombstones have no boundaries."), removed);
    }
}
