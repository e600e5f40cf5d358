using System.Data.Common;
using System.Globalization;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Data.Portal;

/// <summary>
/// The front page's, a council's and a person's reads without EF Core, as <see cref="MeetingReader"/>
/// reads a meeting: each page's statements sent as one command on a kept session
/// (<see cref="ReadSessions"/>), prepared once per connection, their rows read straight into the
/// records the pages show. The SQL is the same text on both engines (the model's quoted names, text
/// enums, <c>MeetingState</c> as its number, dates bound and compared as each provider stores them);
/// each statement keeps the order of the EF Core query it replaced, with the id as the last key where
/// that left ties open. A council is found by its slug in every statement
/// (<see cref="CouncilId"/>), so its page is one round trip.
/// </summary>
internal static class PageReader
{
    private static readonly string Minutes = ((int)MeetingState.MinutesPublished).ToString(CultureInfo.InvariantCulture);

    private static readonly string AgendaOut = ((int)MeetingState.AgendaPublished).ToString(CultureInfo.InvariantCulture);

    private static readonly string Held = ((int)MeetingState.Held).ToString(CultureInfo.InvariantCulture);

    private const string External = nameof(OrganizationKind.ExternalOrganisation);

    /// <summary>The council of the slug <c>@p0</c> (external organisations have no page).</summary>
    private const string CouncilId = $"""(SELECT o."Id" FROM "Organizations" AS o WHERE o."Slug" = @p0 AND o."Kind" <> '{External}' ORDER BY o."Id" LIMIT 1)""";

    // The front page: every council with its kept total of public meetings (CouncilMeetingCounts: one row
    // per council; summing its years per request was half of the statement's cost) and, per council, the next
    // meeting (planned ones too: the public may come), the first row of the council's (OrganizationId, Date,
    // StartTime, Id) index from today that is neither cancelled nor held (a meeting held today, its minutes
    // published the same afternoon, was shown as both the next meeting and the latest minutes), then joined by id for its date and time;
    // and the latest public minutes, kept with the total by the save that changes the meetings (looked up per council here, they
    // were 39 % of the statement's cost on PostgreSQL). @p0: today.
    // The councils are a MATERIALIZED step: joined to the meetings on a subquery's result, PostgreSQL
    // hashed every meeting of the archive (20 ms at 100,000 items); from the kept rows each meeting is
    // one key lookup, on both engines. The counts are joined inside that step (on their key, so the step's
    // estimate stays one row per council even before PostgreSQL has analysed the table); read by a subquery
    // per council, PostgreSQL scanned the whole (one-page) table for each, a quarter of the statement's cost.
    private static readonly LeanStatement Front = new($"""
        WITH f AS MATERIALIZED (
            SELECT o."Id" AS "Id", o."Slug" AS "Slug", o."Name" AS "Name", o."Kind" AS "Kind", o."Purpose" AS "Purpose", b."Name" AS "Body",
                COALESCE(t."PublicMeetings", 0) AS "Public",
                (SELECT m."Id" FROM "Meetings" AS m
                    WHERE m."OrganizationId" = o."Id" AND m."Date" >= @p0 AND m."CancelledAt" IS NULL AND m."State" < {Held}
                    ORDER BY m."Date", m."StartTime", m."Id"
                    LIMIT 1) AS "Next",
                t."LatestMinutesId" AS "Last", t."LatestMinutesDate" AS "LastDate"
            FROM "Organizations" AS o
            INNER JOIN "Bodies" AS b ON b."Id" = o."BodyId"
            LEFT JOIN "CouncilMeetingCounts" AS t ON t."OrganizationId" = o."Id"
            WHERE o."Kind" <> '{External}')
        SELECT f."Id", f."Slug", f."Name", f."Kind", f."Purpose", f."Body", f."Public",
            n."Id", n."Date", n."StartTime", f."Last", f."LastDate"
        FROM f
        LEFT JOIN "Meetings" AS n ON n."Id" = f."Next"
        """, 1);

    /// <summary>The council (@p0 slug) with its current term (@p1 today).</summary>
    private static readonly string CouncilSql = $"""
        SELECT o."Id", o."Slug", o."Name", b."Name", o."Purpose", o."Website",
            (SELECT t."Name" FROM "Terms" AS t WHERE t."OrganizationId" = o."Id" AND t."Start" <= @p1 AND (t."End" IS NULL OR t."End" >= @p1) LIMIT 1)
        FROM "Organizations" AS o
        INNER JOIN "Bodies" AS b ON b."Id" = o."BodyId"
        WHERE o."Id" = {CouncilId}
        """;

    /// <summary>The seats in the council on @p1 and those held on its behalf elsewhere.</summary>
    private static readonly string SeatsSql = $"""
        SELECT ms."OrganizationId", o."Name", o."Slug", o."Kind", ms."Role", behalf."Name", ms."Start", ms."End",
            p."Id", p."Name", p."Publication", p."PublicRole"
        FROM "Memberships" AS ms
        INNER JOIN "Organizations" AS o ON o."Id" = ms."OrganizationId"
        INNER JOIN "People" AS p ON p."Id" = ms."PersonId"
        LEFT JOIN "Organizations" AS behalf ON behalf."Id" = ms."OnBehalfOfId"
        WHERE (ms."OrganizationId" = {CouncilId} OR ms."OnBehalfOfId" = {CouncilId})
            AND (ms."Start" IS NULL OR ms."Start" <= @p1) AND (ms."End" IS NULL OR ms."End" >= @p1)
        ORDER BY ms."Id"
        """;

    /// <summary>The council's years, from the kept counts; then the id and date of its next meeting from @p1 on: not cancelled and not yet held, as the front page names it.</summary>
    private static readonly string YearsSql = $"""
        SELECT c."Year" FROM "MeetingYearCounts" AS c WHERE c."OrganizationId" = {CouncilId} ORDER BY c."Year" DESC;
        SELECT m."Id", m."Date" FROM "Meetings" AS m WHERE m."OrganizationId" = {CouncilId} AND m."Date" >= @p1 AND m."CancelledAt" IS NULL AND m."State" < {Held} ORDER BY m."Date", m."StartTime", m."Id" LIMIT 1
        """;

    /// <summary>
    /// The council's meetings from <paramref name="from"/> to <paramref name="to"/>, each row with <paramref name="extra"/> as its
    /// last column when given: every meeting is public with its time and place from the day it is planned.
    /// </summary>
    private static string PlanSelect(string from, string to, string extra = "") => $"""
        SELECT m."Id", m."Date", m."StartTime", m."EndTime", m."Name", l."Name", h."Name", m."State",
            CASE WHEN m."State" >= {AgendaOut} THEN (SELECT COUNT(*) FROM "AgendaItems" AS i WHERE i."MeetingId" = m."Id" AND i."ParentId" IS NULL) ELSE 0 END,
            m."CancelledAt", CASE WHEN m."ImportedFrom" IS NULL THEN 0 ELSE 1 END{extra}
        FROM "Meetings" AS m
        LEFT JOIN "Locations" AS l ON l."Id" = m."LocationId"
        LEFT JOIN "Organizations" AS h ON h."Id" = m."HostId"
        WHERE m."OrganizationId" = {CouncilId} AND m."Date" >= {from} AND m."Date" <= {to}
        ORDER BY m."Date", m."StartTime", m."Id"
        """;

    /// <summary>The council's meetings from @p2 to @p3.</summary>
    private static readonly string PlanSql = PlanSelect("@p2", "@p3");

    // The first and last day of the year of a one-row WITH y ("Year"), made from its number by date(text), which both engines have:
    // SQLite's date function, PostgreSQL's cast in function form (a date as text is ISO 8601 on both; the sessions set PostgreSQL's
    // DateStyle). Each is a scalar subquery: a value to PostgreSQL's planner, so an index on the date reads the year's rows alone
    // (joined to y as a row instead, the generic plan of the person's newest attendance hashed all 209 attendances of a person instead
    // of probing the year's 54 meetings), and computed once by SQLite (with date() around the subquery SQLite computed it for every
    // row: 35 µs more for those 209 attendances than the two statements it replaced).
    private const string YearStart = """(SELECT date(CAST(y."Year" AS TEXT) || '-01-01') FROM y)""";

    private const string YearEnd = """(SELECT date(CAST(y."Year" AS TEXT) || '-12-31') FROM y)""";

    /// <summary>
    /// When the council has no meeting from @p2 to @p3 (this year): the plan of the year of its next meeting from @p1, else of its
    /// latest year, each row with that year, so that a council whose archive ends earlier (an imported one) is one round trip on
    /// PostgreSQL (issue 17). The year's bounds: <see cref="YearStart"/>, <see cref="YearEnd"/>.
    /// </summary>
    private static readonly string FallbackPlanSql = $"""
        WITH y AS (
            SELECT COALESCE(
                (SELECT CAST(substr(CAST(n."Date" AS TEXT), 1, 4) AS INTEGER) FROM "Meetings" AS n
                    WHERE n."OrganizationId" = {CouncilId} AND n."Date" >= @p1 ORDER BY n."Date" LIMIT 1),
                (SELECT MAX(c."Year") FROM "MeetingYearCounts" AS c WHERE c."OrganizationId" = {CouncilId})) AS "Year"
            WHERE NOT EXISTS (SELECT 1 FROM "Meetings" AS t WHERE t."OrganizationId" = {CouncilId} AND t."Date" >= @p2 AND t."Date" <= @p3))
        {PlanSelect(YearStart, YearEnd, ", (SELECT y.\"Year\" FROM y)")}
        """;

    /// <summary>
    /// The council page: council and term, seats, years, next date, this year's plan, and the plan of the year shown instead when
    /// this year has none (@p0 slug, @p1 today, @p2–@p3 this year).
    /// </summary>
    private static readonly LeanStatement Council = new(string.Join(";\n", CouncilSql, SeatsSql, YearsSql, PlanSql, FallbackPlanSql), 4);

    /// <summary>
    /// The council page in process (SQLite): the same without the other year's plan, which is read by a second command only when this
    /// year has no meetings. Choosing the year in SQL cost SQLite more than the second command (0.29–0.34 against 0.33–0.36 ms of CPU
    /// per page at 100,000 items).
    /// </summary>
    private static readonly LeanStatement CouncilInProcess = new(string.Join(";\n", CouncilSql, SeatsSql, YearsSql, PlanSql), 4);

    /// <summary>A council's meetings of a year: council, years, next date, the year's plan.</summary>
    private static readonly LeanStatement CouncilYear = new(string.Join(";\n", CouncilSql, YearsSql, PlanSql), 4);

    /// <summary>Another year's plan of the same council, when the first guess had none.</summary>
    private static readonly LeanStatement Plan = new(PlanSql, 4);

    // Without a registered membership (an archive imported from minutes) the people of the latest public
    // minutes with attendance stand in. @p0: the council's id.
    private static readonly LeanStatement Recent = new($"""
        SELECT m."Id", m."Date"
        FROM "Meetings" AS m
        WHERE m."OrganizationId" = @p0 AND m."State" >= {Minutes} AND EXISTS (SELECT 1 FROM "Attendance" AS a WHERE a."MeetingId" = m."Id")
        ORDER BY m."Date" DESC, m."Id" DESC
        LIMIT 1;
        SELECT p."Id", p."Name", p."Publication", p."PublicRole"
        FROM "Attendance" AS a
        INNER JOIN "People" AS p ON p."Id" = a."PersonId"
        WHERE a."MeetingId" = (
                SELECT m."Id" FROM "Meetings" AS m
                WHERE m."OrganizationId" = @p0 AND m."State" >= {Minutes} AND EXISTS (SELECT 1 FROM "Attendance" AS a2 WHERE a2."MeetingId" = m."Id")
                ORDER BY m."Date" DESC, m."Id" DESC
                LIMIT 1)
            AND a."Status" IN ('{nameof(AttendanceStatus.Present)}', '{nameof(AttendanceStatus.Apologies)}', '{nameof(AttendanceStatus.Absent)}')
        ORDER BY a."Id"
        """, 1);

    // A person (@p0): name and aliases, seats (newest first), and the attendance per year and status over the
    // meetings whose minutes are public (attendance is part of the minutes), from the kept counts (PersonYearCounts).
    private static readonly string PersonSql = $"""
        SELECT p."Id", p."Name", p."Publication", p."PublicRole", n."Name"
        FROM "People" AS p
        LEFT JOIN "PersonAliases" AS n ON n."PersonId" = p."Id"
        WHERE p."Id" = @p0
        ORDER BY n."Id";
        SELECT o."Name", CASE WHEN o."Kind" = '{External}' THEN NULL ELSE o."Slug" END, ms."Role", behalf."Name", ms."Start", ms."End"
        FROM "Memberships" AS ms
        INNER JOIN "Organizations" AS o ON o."Id" = ms."OrganizationId"
        LEFT JOIN "Organizations" AS behalf ON behalf."Id" = ms."OnBehalfOfId"
        WHERE ms."PersonId" = @p0
        ORDER BY ms."Start" DESC, ms."Id";
        SELECT c."Year", c."Status", c."Meetings"
        FROM "PersonYearCounts" AS c
        WHERE c."PersonId" = @p0
        """;

    /// <summary>The person's (@p0) attendance from <paramref name="from"/> to <paramref name="to"/>, newest first, each row with <paramref name="extra"/> as its last column when given.</summary>
    private static string AttendanceSelect(string from, string to, string extra = "") => $"""
        SELECT a."MeetingId", m."Date", o."Name", a."Status"{extra}
        FROM "Attendance" AS a
        INNER JOIN "Meetings" AS m ON m."Id" = a."MeetingId"
        INNER JOIN "Organizations" AS o ON o."Id" = m."OrganizationId"
        WHERE a."PersonId" = @p0 AND m."State" >= {Minutes} AND m."Date" >= {from} AND m."Date" <= {to}
        ORDER BY m."Date" DESC, a."Id"
        """;

    /// <summary>The person's (@p0) attendance from @p1 to @p2.</summary>
    private static readonly string AttendanceSql = AttendanceSelect("@p1", "@p2");

    /// <summary>
    /// The person's (@p0) attendance in the newest year of the kept counts, each row with that year; the year's bounds are
    /// <see cref="YearStart"/> and <see cref="YearEnd"/> (a year computed from each stored date instead cannot use an index, and
    /// PostgreSQL read every meeting of the archive for it: 1.5 ms at 100,000 items).
    /// </summary>
    private static readonly string NewestAttendanceSql = $"""
        WITH y AS (SELECT MAX(c."Year") AS "Year" FROM "PersonYearCounts" AS c WHERE c."PersonId" = @p0)
        {AttendanceSelect(YearStart, YearEnd, ", (SELECT y.\"Year\" FROM y)")}
        """;

    // Without a year the page shows the newest year of the kept counts, in the same command (issue 17: it was a second round trip).
    private static readonly LeanStatement Person = new(PersonSql + ";\n" + NewestAttendanceSql, 1);

    private static readonly LeanStatement PersonYear = new(PersonSql + ";\n" + AttendanceSql, 3);

    private static readonly LeanStatement Attendance = new(AttendanceSql, 3);

    private static readonly StringComparer Danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);

    /// <summary>The front page's councils: those with public meetings first, then by name.</summary>
    public static Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(ReadSessions sessions, DateOnly today, CancellationToken ct) =>
        sessions.ReadAsync<IReadOnlyList<OrganizationSummary>>(async (session, token) =>
        {
            var organizations = new List<OrganizationSummary>();
            await using (var r = await session.ExecuteAsync(Front, [today], token))
            {
                while (await r.ReadAsync(token))
                {
                    organizations.Add(new OrganizationSummary(
                        r.GetInt32(0), r.GetString(1), r.GetString(2), Enum.Parse<OrganizationKind>(r.GetString(3)), Text(r, 4), r.GetString(5),
                        Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
                        r.IsDBNull(7) ? null : new MeetingLink(r.GetInt32(7), SqliteTimestamps.Date(r, 8), Time(r, 9)),
                        r.IsDBNull(10) ? null : new MeetingLink(r.GetInt32(10), SqliteTimestamps.Date(r, 11))));
                }
            }

            return organizations
                .OrderByDescending(o => o.MeetingCount > 0)
                .ThenBy(o => o.Name, Danish)
                .ToList();
        }, ct);

    /// <summary>
    /// The councils with a public meeting (the search page's council filter), from the kept totals: one row per council joined on
    /// its key (the years' rows tested per council cost PostgreSQL 0.14 ms on every search page at 40 councils).
    /// </summary>
    private static readonly LeanStatement SearchableCouncils = new($"""
        SELECT o."Slug", o."Name", b."Name"
        FROM "Organizations" AS o
        INNER JOIN "CouncilMeetingCounts" AS c ON c."OrganizationId" = o."Id"
        INNER JOIN "Bodies" AS b ON b."Id" = o."BodyId"
        WHERE o."Kind" <> '{External}' AND c."PublicMeetings" > 0
        """, 0);

    /// <summary>
    /// The councils the search can be narrowed to: those with a public meeting, by Danish name; a name that more than one
    /// municipality's council has carries its municipality ("Handicaprådet (Havnby Kommune)").
    /// </summary>
    public static Task<IReadOnlyList<(string Slug, string Name)>> ListSearchableCouncilsAsync(ReadSessions sessions, CancellationToken ct) =>
        sessions.ReadAsync<IReadOnlyList<(string Slug, string Name)>>(async (session, token) =>
        {
            var councils = new List<(string Slug, string Name, string Body)>();
            await using (var r = await session.ExecuteAsync(SearchableCouncils, ReadOnlyMemory<int>.Empty, token))
            {
                while (await r.ReadAsync(token))
                {
                    councils.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
                }
            }

            var shared = councils.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return councils.Select(c => (c.Slug, Name: shared.Contains(c.Name) ? $"{c.Name} ({c.Body})" : c.Name)).OrderBy(c => c.Name, Danish).ToList();
        }, ct);

    /// <summary>A council's page: its members today, this year's meetings (else those of its next meeting's or its latest year).</summary>
    public static Task<OrganizationRecord?> GetOrganizationAsync(ReadSessions sessions, string slug, DateOnly today, CancellationToken ct) =>
        sessions.ReadAsync<OrganizationRecord?>(async (session, token) =>
        {
            CouncilRow? council = null;
            var seats = new List<SeatRow>();
            YearsRow years;
            List<MeetingSummary> plan;
            List<MeetingSummary> fallback;
            int? fallbackYear = null;
            await using (var r = await session.ExecuteAsync(session.InProcess ? CouncilInProcess : Council, [slug, today, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)], token))
            {
                if (await r.ReadAsync(token))
                {
                    council = new CouncilRow(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), Text(r, 6));
                }

                await r.NextResultAsync(token);
                while (await r.ReadAsync(token))
                {
                    seats.Add(new SeatRow(
                        r.GetInt32(0), r.GetString(1), r.GetString(2), Enum.Parse<OrganizationKind>(r.GetString(3)), Enum.Parse<MembershipRole>(r.GetString(4)),
                        Text(r, 5), Date(r, 6), Date(r, 7),
                        new PersonRef(r.GetInt32(8), r.GetString(9), Enum.Parse<PublicationLevel>(r.GetString(10)), Text(r, 11))));
                }

                years = await ReadYearsAsync(r, token);
                plan = await ReadPlanAsync(r, token);
                fallback = await r.NextResultAsync(token) ? await ReadRowsAsync(r, token, year => fallbackYear = year) : [];
            }

            if (council is null)
            {
                return null;
            }

            var members = seats.Where(s => s.OrganizationId == council.Id)
                .OrderBy(s => s.Role).ThenBy(s => s.Person.PublicName, Danish)
                .Select(s => new SeatRecord(s.Person, s.Role, s.OnBehalfOf, s.Start, s.End)).ToList();
            var representation = seats.Where(s => s.OrganizationId != council.Id)
                .OrderBy(s => s.OrganizationName, Danish)
                .Select(s => (new SeatRecord(s.Person, s.Role, s.OnBehalfOf, s.Start, s.End), s.OrganizationName,
                    s.OrganizationKind == OrganizationKind.ExternalOrganisation ? null : s.OrganizationSlug))
                .ToList();

            // This year's plan; a council whose archive ends earlier (an imported one) shows its last year.
            var shownYear = today.Year;
            if (!years.Years.Contains(shownYear))
            {
                plan = [];
            }

            if (plan.Count == 0 && years.Years.Count > 0)
            {
                shownYear = years.Next?.Date.Year ?? years.Years[0];

                // The statement's own choice of that year, read with its first statements; asked again only if a write came between.
                plan = !years.Years.Contains(shownYear) ? []
                    : fallbackYear == shownYear ? fallback
                    : await PlanAsync(session, slug, today, shownYear, token);
            }

            IReadOnlyList<PersonRef> recent = [];
            MeetingLink? recentMeeting = null;
            if (members.Count == 0)
            {
                await using var r = await session.ExecuteAsync(Recent, [council.Id], token);
                if (await r.ReadAsync(token))
                {
                    recentMeeting = new MeetingLink(r.GetInt32(0), r.GetFieldValue<DateOnly>(1));
                }

                await r.NextResultAsync(token);
                var people = new List<PersonRef>();
                while (await r.ReadAsync(token))
                {
                    people.Add(new PersonRef(r.GetInt32(0), r.GetString(1), Enum.Parse<PublicationLevel>(r.GetString(2)), Text(r, 3)));
                }

                recent = people.OrderBy(p => p.PublicName, Danish).ToList();
            }

            return new OrganizationRecord(council.Id, council.Slug, council.Name, council.BodyName, council.Purpose,
                council.Website, council.Term, members, representation, plan, shownYear, recent, recentMeeting, years.Next);
        }, ct);

    /// <summary>A council's meetings of one year (without a year: the year of its next meeting, else its latest year) and its years.</summary>
    public static Task<OrganizationMeetings?> GetOrganizationMeetingsAsync(ReadSessions sessions, string slug, int? year, DateOnly today, CancellationToken ct) =>
        sessions.ReadAsync<OrganizationMeetings?>(async (session, token) =>
        {
            CouncilRow? council = null;
            YearsRow years;
            List<MeetingSummary> plan;
            var guess = year ?? today.Year;
            await using (var r = await session.ExecuteAsync(CouncilYear, [slug, today, new DateOnly(guess, 1, 1), new DateOnly(guess, 12, 31)], token))
            {
                if (await r.ReadAsync(token))
                {
                    council = new CouncilRow(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), Text(r, 6));
                }

                years = await ReadYearsAsync(r, token);
                plan = await ReadPlanAsync(r, token);
            }

            if (council is null)
            {
                return null;
            }

            var shownYear = year ?? years.Next?.Date.Year ?? (years.Years.Count > 0 ? years.Years[0] : today.Year);
            if (!years.Years.Contains(shownYear))
            {
                plan = [];
            }
            else if (shownYear != guess)
            {
                plan = await PlanAsync(session, slug, today, shownYear, token);
            }

            return new OrganizationMeetings(council.Id, council.Slug, council.Name, council.BodyName, shownYear, years.Years, plan);
        }, ct);

    /// <summary>A person's page: seats, totals over every year, and one year's attendance (without a year: the newest).</summary>
    public static Task<PersonRecord?> GetPersonAsync(ReadSessions sessions, int id, int? year, CancellationToken ct) =>
        sessions.ReadAsync<PersonRecord?>(async (session, token) =>
        {
            PersonRef? person = null;
            var aliases = new List<string>();
            var seats = new List<PersonSeat>();
            var counts = new List<(int Year, AttendanceStatus Status, int Count)>();
            var attendance = new List<PersonAttendance>();
            int? newest = null;
            var statement = year is not null ? PersonYear : Person;
            object[] values = year is { } asked ? [id, new DateOnly(asked, 1, 1), new DateOnly(asked, 12, 31)] : [id];
            await using (var r = await session.ExecuteAsync(statement, values, token))
            {
                while (await r.ReadAsync(token))
                {
                    person ??= new PersonRef(r.GetInt32(0), r.GetString(1), Enum.Parse<PublicationLevel>(r.GetString(2)), Text(r, 3));
                    if (!r.IsDBNull(4))
                    {
                        aliases.Add(r.GetString(4));
                    }
                }

                await r.NextResultAsync(token);
                while (await r.ReadAsync(token))
                {
                    seats.Add(new PersonSeat(r.GetString(0), Text(r, 1), Enum.Parse<MembershipRole>(r.GetString(2)), Text(r, 3), Date(r, 4), Date(r, 5)));
                }

                await r.NextResultAsync(token);
                while (await r.ReadAsync(token))
                {
                    counts.Add((Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Enum.Parse<AttendanceStatus>(r.GetString(1)),
                        Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)));
                }

                await r.NextResultAsync(token);
                await ReadAttendanceAsync(r, attendance, token, year is null ? y => newest = y : null);
            }

            if (person is null)
            {
                return null;
            }

            var years = counts.Select(c => c.Year).Distinct().OrderDescending().ToList();
            if (year is null && years.Count > 0 && newest is { } chosen && chosen != years[0])
            {
                // A write between the command's statements changed the newest year: that year's attendance, read again.
                attendance.Clear();
                await using var r = await session.ExecuteAsync(Attendance, [id, new DateOnly(years[0], 1, 1), new DateOnly(years[0], 12, 31)], token);
                await ReadAttendanceAsync(r, attendance, token);
            }

            var totals = new AttendanceTotals(
                counts.Where(c => c.Status == AttendanceStatus.Present).Sum(c => c.Count),
                counts.Where(c => c.Status != AttendanceStatus.Guest).Sum(c => c.Count),
                counts.Where(c => c.Status == AttendanceStatus.Guest).Sum(c => c.Count));
            if (year is not null && !years.Contains(year.Value))
            {
                return new PersonRecord(person, aliases, seats, [], year, years, totals, YearFound: false);
            }

            // One year of meetings at a time (the newest without a year), so the page stays the same size however long the archive.
            var shownYear = year ?? (years.Count > 0 ? years[0] : null);
            return new PersonRecord(person, aliases, seats, attendance, shownYear, years, totals);
        }, ct);

    private static async Task<List<MeetingSummary>> PlanAsync(ReadSession session, string slug, DateOnly today, int year, CancellationToken ct)
    {
        await using var r = await session.ExecuteAsync(Plan, [slug, today, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)], ct);
        return await ReadRowsAsync(r, ct);
    }

    private static async Task<YearsRow> ReadYearsAsync(DbDataReader r, CancellationToken ct)
    {
        var years = new List<int>();
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            years.Add(r.GetInt32(0));
        }

        await r.NextResultAsync(ct);
        var next = await r.ReadAsync(ct) ? new MeetingLink(r.GetInt32(0), r.GetFieldValue<DateOnly>(1)) : null;
        return new YearsRow(years, next);
    }

    private static async Task<List<MeetingSummary>> ReadPlanAsync(DbDataReader r, CancellationToken ct)
    {
        await r.NextResultAsync(ct);
        return await ReadRowsAsync(r, ct);
    }

    /// <summary>A plan's rows; <paramref name="year"/>, when given, is told the twelfth column's value: the year the rows were chosen for.</summary>
    private static async Task<List<MeetingSummary>> ReadRowsAsync(DbDataReader r, CancellationToken ct, Action<int>? year = null)
    {
        var plan = new List<MeetingSummary>();
        while (await r.ReadAsync(ct))
        {
            year?.Invoke(Convert.ToInt32(r.GetValue(11), CultureInfo.InvariantCulture));
            plan.Add(new MeetingSummary(
                r.GetInt32(0), r.GetFieldValue<DateOnly>(1), Time(r, 2), Time(r, 3), Text(r, 4), Text(r, 5), Text(r, 6),
                (MeetingState)r.GetInt32(7), Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture), !r.IsDBNull(9),
                Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture) == 1));
        }

        return plan;
    }

    /// <summary>Attendance rows; <paramref name="year"/>, when given, is told the fifth column's value: the year the rows were chosen for.</summary>
    private static async Task ReadAttendanceAsync(DbDataReader r, List<PersonAttendance> attendance, CancellationToken ct, Action<int>? year = null)
    {
        while (await r.ReadAsync(ct))
        {
            year?.Invoke(Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture));
            attendance.Add(new PersonAttendance(r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.GetString(2), Enum.Parse<AttendanceStatus>(r.GetString(3))));
        }
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static TimeOnly? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : SqliteTimestamps.Time(r, i);

    private static DateOnly? Date(DbDataReader r, int i) => r.IsDBNull(i) ? null : SqliteTimestamps.Date(r, i);

    private sealed record CouncilRow(int Id, string Slug, string Name, string BodyName, string? Purpose, string? Website, string? Term);

    private sealed record SeatRow(int OrganizationId, string OrganizationName, string OrganizationSlug, OrganizationKind OrganizationKind, MembershipRole Role, string? OnBehalfOf, DateOnly? Start, DateOnly? End, PersonRef Person);

    private sealed record YearsRow(List<int> Years, MeetingLink? Next);
}
