using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data.Portal;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// The lean reads of the front page, the council pages and the person page (plain SQL on kept,
/// prepared connections) against the EF Core LINQ reads they replaced, on both engines, over the
/// generated archive of <see cref="LeanMeetingReadTests"/> (meetings in every state over four years,
/// seats on several days, role-only people) and three more organisations: a committee with a seat
/// held on the council's behalf, a council imported from minutes (no registered members, meetings in
/// an earlier year only) and a council without anything.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LeanPageReadTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly DateOnly Today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, IncludeFields = true };

    private static readonly StringComparer Danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_lean_page_reads_return_what_the_EF_Core_reads_return(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await GeneratedArchive.SeedAsync(db, seed: 17, Clock);
        await SeedMoreAsync(db);
        var sessions = db.Services.GetRequiredService<ReadSessions>();

        await using var scope = db.Scope();
        var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();
        var years = Enumerable.Range(Today.Year - 4, 7).ToList();
        var days = new[] { Today, Today.AddYears(-2), Today.AddDays(200), Today.AddYears(3) };

        // The front page on days before, among and after the meetings.
        foreach (var day in days)
        {
            var expected = await db.WithContextAsync(context => EfPageRead.ListOrganizationsAsync(context, day));
            Assert.Equal(Serialize(expected), Serialize(await portal.ListOrganizationsAsync(day, CancellationToken.None)));
        }

        // The search page's councils: those with a public meeting (the imported one, not the empty one).
        var searchable = await portal.ListSearchableCouncilsAsync(CancellationToken.None);
        Assert.Equal(await db.WithContextAsync(EfPageRead.ListSearchableCouncilsAsync), searchable);
        Assert.Contains(searchable, c => c.Slug == "importeret" && c.Name == "Det Importerede Råd (Genereret Kommune)");
        Assert.Contains(searchable, c => c.Slug == "importeret-naboby" && c.Name == "Det Importerede Råd (Naboby Kommune)");
        Assert.DoesNotContain(searchable, c => c.Slug == "tomt");

        var front = await portal.ListOrganizationsAsync(Today, CancellationToken.None);
        Assert.Contains(front, o => o.NextMeeting is not null && o.LatestMinutes is not null && o.MeetingCount > 10);
        Assert.Contains(front, o => o.NextMeeting is null && o.LatestMinutes is null && o.MeetingCount == 0);
        Assert.DoesNotContain(front, o => o.Kind == OrganizationKind.ExternalOrganisation);
        var committeeNext = Assert.Single(front, o => o.Slug == "udvalget").NextMeeting;
        Assert.NotNull(committeeNext);
        Assert.Equal((Today.AddDays(40), (TimeOnly?)new TimeOnly(10, 30)), (committeeNext.Date, committeeNext.StartTime));

        // Every council (an external organisation and an unknown slug have no page) on each day, and each year's meetings.
        var slugs = new[] { "raadet", "udvalget", "importeret", "tomt", "vaert", "ukendt" };
        var shown = new List<OrganizationRecord>();
        foreach (var slug in slugs)
        {
            foreach (var day in days)
            {
                var expected = await db.WithContextAsync(context => EfPageRead.GetOrganizationAsync(context, slug, day));
                var lean = await portal.GetOrganizationAsync(slug, day, CancellationToken.None);
                Assert.Equal(Serialize(expected), Serialize(lean));
                if (lean is not null)
                {
                    shown.Add(lean);
                }
            }

            foreach (var year in years.Select(y => (int?)y).Prepend(null))
            {
                var expected = await db.WithContextAsync(context => EfPageRead.GetOrganizationMeetingsAsync(context, slug, year, Today));
                Assert.Equal(Serialize(expected), Serialize(await portal.GetOrganizationMeetingsAsync(slug, year, Today, CancellationToken.None)));
            }
        }

        // What the data must have covered, or the comparison proves little.
        Assert.Contains(shown, o => o.CurrentTerm is not null && o.Members.Count > 5 && o.Representation.Count > 0 && o.Plan.Any(m => m.Cancelled) && o.Plan.Any(m => m.ItemCount > 0 && m.HostName is not null));
        Assert.Contains(shown, o => o.Slug == "importeret" && o.RecentAttendees!.Count > 1 && o.RecentAttendeesMeeting is not null && o.PlanYear < Today.Year && o.Plan.Count > 0);
        Assert.Contains(shown, o => o.Slug == "tomt" && o.Plan.Count == 0 && o.PlanYear == Today.Year);
        Assert.Contains(shown, o => o.Plan.Any(m => m.Imported) && o.Plan.Any(m => !m.Imported));
        Assert.Null(await portal.GetOrganizationAsync("vaert", Today, CancellationToken.None));

        // Every person (and one unknown) without a year and in each year, found or not.
        var people = await db.WithContextAsync(context => context.People.Select(p => p.Id).ToListAsync());
        var persons = new List<PersonRecord>();
        foreach (var id in people.Append(999_999))
        {
            foreach (var year in years.Select(y => (int?)y).Prepend(null))
            {
                var expected = await db.WithContextAsync(context => EfPageRead.GetPersonAsync(context, id, year));
                var lean = await portal.GetPersonAsync(id, year, CancellationToken.None);
                Assert.Equal(Serialize(expected), Serialize(lean));
                if (lean is not null)
                {
                    persons.Add(lean);
                }
            }
        }

        Assert.Contains(persons, p => p.Years.Count > 2 && p.Attendance.Count > 3 && p.Seats.Count > 1);
        Assert.Contains(persons, p => p.Aliases.Count > 1 && p.Attendance.Count > 0);
        Assert.Contains(persons, p => p is { YearFound: false });
        Assert.Contains(persons, p => p.Totals.Guest > 0);

        // Each read is one round trip on a kept connection: the person page with a year or with the newest, and on PostgreSQL the
        // council page with the year it shows when this year has no meetings (SQLite, in process, reads that year's plan by a
        // second command); the imported council's stand-in attendees are one more.
        var statements = 0;
        sessions.Executed = _ => statements++;
        await portal.ListOrganizationsAsync(Today, CancellationToken.None);
        await portal.GetOrganizationAsync("raadet", Today, CancellationToken.None);
        await portal.GetOrganizationMeetingsAsync("raadet", Today.Year, Today, CancellationToken.None);
        await portal.GetPersonAsync(people[0], Today.Year - 1, CancellationToken.None);
        await portal.GetPersonAsync(people[0], null, CancellationToken.None);
        Assert.Equal(5, statements);

        statements = 0;
        var imported = await portal.GetOrganizationAsync("importeret", Today, CancellationToken.None);
        Assert.True(imported!.PlanYear < Today.Year && imported.Plan.Count > 0);
        Assert.Equal(provider == DatabaseProvider.Postgres ? 2 : 3, statements);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_meeting_held_today_with_its_minutes_published_is_the_latest_minutes_and_not_the_next_meeting(DatabaseProvider provider)
    {
        // The tester's case: held in the morning, minutes out the same afternoon; the front page showed it as both.
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var (held, next) = await db.WithContextAsync(async context =>
        {
            var body = new Body("i-dag", "I Dag Kommune");
            var council = body.AddOrganization("holdt-i-dag", "Rådet i dag", OrganizationKind.Council);
            var today = new Meeting(council, Today, new TimeOnly(9, 0));
            var item = today.AppendItem("Orientering");
            today.PublishAgenda(Clock.GetUtcNow().UtcDateTime);
            today.MarkHeld(Today);
            today.RecordMinutes(item, "Taget til efterretning.", null);
            today.PublishMinutes(Clock.GetUtcNow().UtcDateTime);
            var later = new Meeting(council, Today.AddDays(30), new TimeOnly(15, 0));
            context.AddRange(body, today, later);
            await context.SaveChangesAsync();
            return (today.Id, later.Id);
        });

        await using var scope = db.Scope();
        var front = await scope.ServiceProvider.GetRequiredService<IPortalQueries>().ListOrganizationsAsync(Today, CancellationToken.None);
        var council = Assert.Single(front, o => o.Slug == "holdt-i-dag");
        Assert.Equal(held, council.LatestMinutes?.Id);
        Assert.Equal(next, council.NextMeeting?.Id);
        Assert.Equal(Serialize(await db.WithContextAsync(context => EfPageRead.ListOrganizationsAsync(context, Today))), Serialize(front));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_front_pages_latest_minutes_follow_every_save_that_moves_them_and_a_rebuild(DatabaseProvider provider)
    {
        // The latest public minutes are kept with the council's total by the save that changes the meetings (issue 17); each
        // kind of save that can move them is made here, and after each the front page must be what the meetings say.
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = db.Scope();
        var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();

        async Task<int?> LatestAsync()
        {
            var front = await portal.ListOrganizationsAsync(Today, CancellationToken.None);
            Assert.Equal(Serialize(await db.WithContextAsync(context => EfPageRead.ListOrganizationsAsync(context, Today))), Serialize(front));
            return Assert.Single(front, o => o.Slug == "seneste").LatestMinutes?.Id;
        }

        static Meeting Published(Organization council, DateOnly date, DateTime now)
        {
            var meeting = new Meeting(council, date, new TimeOnly(10, 0));
            var item = meeting.AppendItem("Orientering");
            meeting.PublishAgenda(now);
            meeting.MarkHeld(date);
            meeting.RecordMinutes(item, "Taget til efterretning.", null);
            meeting.PublishMinutes(now);
            return meeting;
        }

        var (first, second) = await db.WithContextAsync(async context =>
        {
            var body = new Body("seneste", "Seneste Kommune");
            var council = body.AddOrganization("seneste", "Rådet for det seneste", OrganizationKind.Council);
            var first = Published(council, Today.AddYears(-2), now);
            var second = new Meeting(council, Today.AddYears(-1), new TimeOnly(10, 0));
            var item = second.AppendItem("Orientering");
            second.PublishAgenda(now);
            second.MarkHeld(Today);
            second.RecordMinutes(item, "Udkast.", null);
            context.AddRange(body, first, second);
            await context.SaveChangesAsync();
            return (first.Id, second.Id);
        });
        Assert.Equal(first, await LatestAsync());

        // The later meeting's minutes published: a change of state.
        await db.WithContextAsync(async context =>
        {
            (await context.Meetings.SingleAsync(m => m.Id == second)).PublishMinutes(now);
            return await context.SaveChangesAsync();
        });
        Assert.Equal(second, await LatestAsync());

        // The earlier meeting's date moved past it (an import of a corrected date): a change of date, saved synchronously.
        await db.WithContextAsync(context =>
        {
            var meeting = context.Meetings.Single(m => m.Id == first);
            context.Entry(meeting).Property(m => m.Date).CurrentValue = Today.AddMonths(-1);
            return Task.FromResult(context.SaveChanges());
        });
        Assert.Equal(first, await LatestAsync());

        // That meeting deleted.
        await db.WithContextAsync(async context =>
        {
            context.Remove(await context.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == first));
            return await context.SaveChangesAsync();
        });
        Assert.Equal(second, await LatestAsync());

        // Minutes imported, an earlier meeting and then a later one: saves that only add (the kept rows added to).
        var imported = await db.WithContextAsync(async context =>
        {
            var council = await context.Organizations.SingleAsync(o => o.Slug == "seneste");
            context.Add(Published(council, Today.AddYears(-3), now));
            await context.SaveChangesAsync();
            Assert.Equal(second, await LatestAsync());

            var later = Published(council, Today.AddDays(-7), now);
            later.MarkImported("referat.pdf", new string('a', 64), now);
            context.Add(later);
            await context.SaveChangesAsync();
            return later.Id;
        });
        Assert.Equal(imported, await LatestAsync());

        // The imported meeting reset to be imported again (its minutes no longer public until it is complete).
        await db.WithContextAsync(async context =>
        {
            (await context.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == imported)).ResetForReimport();
            return await context.SaveChangesAsync();
        });
        Assert.Equal(second, await LatestAsync());

        // Lost (a restore keeps no counts), then rebuilt.
        await db.WithContextAsync(context => context.Database.ExecuteSqlRawAsync("""UPDATE "CouncilMeetingCounts" SET "LatestMinutesId" = NULL, "LatestMinutesDate" = NULL"""));
        await db.WithContextAsync(async context =>
        {
            await MeetingCountKeeper.RebuildAsync(context, CancellationToken.None);
            return 0;
        });
        Assert.Equal(second, await LatestAsync());
    }

    private static readonly LeanStatement PlansOfTheSession = new(
        "SELECT CAST(COALESCE(SUM(p.custom_plans), 0) AS INTEGER), CAST(COALESCE(SUM(p.generic_plans), 0) AS INTEGER) FROM pg_prepared_statements AS p", 0);

    [Fact]
    public async Task On_PostgreSQL_each_prepared_page_statement_is_planned_once_not_on_every_run()
    {
        // PostgreSQL plans a prepared statement anew on each run (a "custom plan") as long as the plan made without the parameters'
        // values looks dearer than those made with them: for the front page's statement (today's date) and the lists' pages (LIMIT
        // @p) it always did, and the planning took 0.3 to 0.8 ms of the server's time a page, more than running the statement
        // (issue 17). The reading sessions take the plan made once; what a page reads is compared with EF Core's above.
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgres, Clock);
        await GeneratedArchive.SeedAsync(db, seed: 5, Clock);
        var sessions = db.Services.GetRequiredService<ReadSessions>();
        await using (var scope = db.Scope())
        {
            var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();
            for (var i = 0; i < 4; i++)
            {
                Assert.NotEmpty(await portal.ListOrganizationsAsync(Today, CancellationToken.None));
            }
        }

        // The reads ran one after the other, so on the one session kept idle, which the next read takes.
        var (custom, generic) = await sessions.ReadAsync(async (session, token) =>
        {
            await using var reader = await session.ExecuteAsync(PlansOfTheSession, ReadOnlyMemory<int>.Empty, token);
            Assert.True(await reader.ReadAsync(token));
            return (reader.GetInt32(0), reader.GetInt32(1));
        }, CancellationToken.None);
        Assert.Equal(1, sessions.Opened);
        Assert.Equal(0, custom);
        Assert.True(generic >= 4, $"{generic} generic plans");
    }

    [Fact]
    public async Task On_a_PostgreSQL_server_with_another_DateStyle_the_person_page_still_counts_by_the_right_year()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgres, Clock);
        await GeneratedArchive.SeedAsync(db, seed: 5, Clock);

        // A server (or database) whose dates are written day first: every new connection gets it.
        await db.WithContextAsync(context => context.Database.ExecuteSqlRawAsync(
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'SQL, DMY'); END $$;"));

        await using var scope = db.Scope();
        var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();
        var people = await db.WithContextAsync(context => context.People.Select(p => p.Id).ToListAsync());
        var compared = 0;
        foreach (var id in people)
        {
            var expected = await db.WithContextAsync(context => EfPageRead.GetPersonAsync(context, id, null));
            var lean = await portal.GetPersonAsync(id, null, CancellationToken.None);
            Assert.Equal(Serialize(expected), Serialize(lean));
            compared += lean?.Years.Count ?? 0;
        }

        Assert.True(compared > 3, "the archive must give people attendance in several years");
    }

    [Fact]
    public async Task On_PostgreSQL_the_prepared_front_page_finds_each_councils_next_meeting_by_its_council_not_by_date()
    {
        // Thirty councils with a year and a half of past meetings; half of them with a year's plan ahead. The plan PostgreSQL
        // keeps for a prepared statement is made without today's value, and must read each council's next meeting as the first
        // row of the (council, date, start time) index. On the benchmark's archive (8,334 meetings) the plan before that index
        // walked the date index from today and tested every upcoming meeting against each council (issue 17); at this size the
        // planner does not take that path without the index, so this test guards the index's use, the benchmark its cost.
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgres, Clock);
        await db.WithContextAsync(async context =>
        {
            // Stored in date order, the councils' meetings interleaved, as a municipality's archive grows.
            var body = new Body("planlagt", "Planlagt Kommune");
            var councils = Enumerable.Range(0, 30).Select(c => body.AddOrganization($"raad-{c}", $"Råd {c}", OrganizationKind.Council)).ToList();
            context.Add(body);
            for (var m = 0; m < 51; m++)
            {
                foreach (var council in councils.Where((_, c) => m < 36 || c % 2 == 0))
                {
                    context.Add(m < 36
                        ? new Meeting(council, Today.AddDays(-540 + (m * 15)), new TimeOnly(15, 0))
                        : new Meeting(council, Today.AddDays(10 + ((m - 36) * 24)), new TimeOnly(16, 0)));
                }

                await context.SaveChangesAsync();
            }

            return await context.Database.ExecuteSqlRawAsync("ANALYZE");
        });

        var sessions = db.Services.GetRequiredService<ReadSessions>();
        var run = new List<string>();
        sessions.Executed = run.Add;
        await using (var scope = db.Scope())
        {
            var front = await scope.ServiceProvider.GetRequiredService<IPortalQueries>().ListOrganizationsAsync(Today, CancellationToken.None);
            Assert.Equal(15, front.Count(o => o.NextMeeting is not null));
        }

        var plan = await db.WithContextAsync(async context =>
        {
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SET plan_cache_mode = force_generic_plan; SET random_page_cost = 1.1; PREPARE front(date) AS "
                + Assert.Single(run).Replace("@p0", "$1", StringComparison.Ordinal) + ";";
            await command.ExecuteNonQueryAsync();
            command.CommandText = $"EXPLAIN EXECUTE front('{Today:yyyy-MM-dd}')";
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("\n", lines);
        });
        Assert.Contains("IX_Meetings_OrganizationId_Date_StartTime_Id", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("\"IX_Meetings_Date\"", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_PostgreSQL_the_kept_pages_and_objects_are_compressed_with_lz4_where_the_server_has_it()
    {
        // Each public read of a kept page or object decompresses it whole: pglz, PostgreSQL's default, made that most of the
        // read (issue 17). A server without lz4 keeps pglz (the migration runs to its end there); this one is asked first.
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgres, Clock);
        var (lz4, methods) = await db.WithContextAsync(async context =>
        {
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var probe = connection.CreateCommand();
            probe.CommandText = "SET default_toast_compression = 'lz4'";
            bool supported;
            try
            {
                await probe.ExecuteNonQueryAsync();
                supported = true;
            }
            catch (Npgsql.PostgresException)
            {
                supported = false;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT c.relname || '.' || a.attname, a.attcompression
                FROM pg_attribute AS a INNER JOIN pg_class AS c ON c.oid = a.attrelid
                WHERE (c.relname, a.attname) IN (('MeetingPages', 'Html'), ('MinutesTexts', 'Json'), ('MeetingObjects', 'Json'),
                    ('AgendaItemObjects', 'Json'), ('PersonObjects', 'Json'))
                ORDER BY 1
                """;
            var found = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0) + "=" + reader.GetFieldValue<char>(1));
            }

            return (supported, found);
        });

        var method = lz4 ? 'l' : '\0';
        Assert.Equal(
            new[] { "AgendaItemObjects.Json", "MeetingObjects.Json", "MeetingPages.Html", "MinutesTexts.Json", "PersonObjects.Json" }.Select(c => c + "=" + method),
            methods);
    }

    [Fact]
    public async Task With_Debug_logging_each_lean_command_is_logged_and_without_it_none()
    {
        // The portal benchmark counts a page's round trips from this log, beside EF Core's command log.
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, null, Clock);
        await GeneratedArchive.SeedAsync(db, seed: 3, Clock);
        foreach (var level in new[] { Microsoft.Extensions.Logging.LogLevel.Debug, Microsoft.Extensions.Logging.LogLevel.Information })
        {
            var logged = new CapturingLoggerProvider();
            await using var services = db.Build((s, _) => s.AddLogging(b => b.SetMinimumLevel(level).AddProvider(logged)));
            await using var scope = services.CreateAsyncScope();
            var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();
            await portal.ListOrganizationsAsync(Today, CancellationToken.None);
            await portal.GetPersonAsync(1, null, CancellationToken.None);

            var lean = logged.Messages.Where(m => m.StartsWith("Executed lean command", StringComparison.Ordinal)).ToList();
            if (level == Microsoft.Extensions.Logging.LogLevel.Debug)
            {
                // The front page is one command; the person page one or two (the person, then the year's attendance).
                Assert.InRange(lean.Count, 2, 3);
                Assert.Contains("CouncilMeetingCounts", lean[0], StringComparison.Ordinal);
                Assert.Contains(lean.Skip(1), sql => sql.Contains("\"Attendance\"", StringComparison.Ordinal));
            }
            else
            {
                Assert.Empty(lean);
            }
        }
    }

    private sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }

    [Fact]
    public async Task The_front_page_reads_kept_totals_by_key_and_the_person_counts_from_a_covering_index_on_SQLite()
    {
        // The front page reads each council's kept total by its key and the person page its kept counts per year and
        // status from an index alone (IX_PersonYearCounts_Covering), not a row per entry.
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, null, Clock);
        await GeneratedArchive.SeedAsync(db, seed: 5, Clock);
        var sessions = db.Services.GetRequiredService<ReadSessions>();
        var run = new List<string>();
        sessions.Executed = run.Add;
        await using (var scope = db.Scope())
        {
            var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();
            await portal.ListOrganizationsAsync(Today, CancellationToken.None);
            await portal.GetPersonAsync(1, null, CancellationToken.None);
        }

        var plans = await db.WithContextAsync(async context =>
        {
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            var lines = new List<string>();
            foreach (var statement in run.SelectMany(sql => sql.Split(";\n")))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + statement;
                foreach (var name in new[] { "@p0", "@p1", "@p2" }.Where(statement.Contains))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = name == "@p0" && statement.Contains("\"PersonId\" = @p0", StringComparison.Ordinal) ? 1 : Today;
                    command.Parameters.Add(parameter);
                }

                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(3));
                }
            }

            return lines;
        });
        Assert.Contains(plans, p => p.Contains("SEARCH t USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(plans, p => p.Contains("MeetingYearCounts", StringComparison.Ordinal));
        Assert.Contains(plans, p => p.Contains("COVERING INDEX IX_PersonYearCounts_Covering", StringComparison.Ordinal));
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static async Task SeedMoreAsync(TestDatabase db)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await db.WithContextAsync(async context =>
        {
            var body = await context.Bodies.SingleAsync(b => b.Key == "genereret");
            var council = await context.Organizations.SingleAsync(o => o.Slug == "raadet");
            council.Describe("GR", "Rådet rådgiver om alt.", "https://raadet.example");
            var people = await context.People.OrderBy(p => p.Id).ToListAsync();
            var term = council.AddTerm("2026–2029", new DateOnly(2026, 1, 1), new DateOnly(2029, 12, 31));
            council.AddTerm("2022–2025", new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31));
            var committee = body.AddOrganization("udvalget", "Udvalget for Alt", OrganizationKind.Committee, "Et udvalg.");
            var imported = body.AddOrganization("importeret", "Det Importerede Råd", OrganizationKind.Council);
            body.AddOrganization("tomt", "Åbent Råd", OrganizationKind.Council);
            context.AddRange(
                new Membership(people[6], committee, MembershipRole.Member, Today.AddYears(-1), null, council, null),
                new Membership(people[7], committee, MembershipRole.Chair, null, null, council, null),
                new Membership(people[8], council, MembershipRole.Member, Today.AddYears(-2), null, null, term),
                new Membership(people[8], committee, MembershipRole.Observer, Today.AddYears(-4), Today.AddYears(-3)));

            // The committee's plan ahead: a cancelled meeting first, then two on one day, the later one saved first, so
            // its next meeting is the earlier time of that day, not the first saved nor the cancelled one.
            var cancelled = new Meeting(committee, Today.AddDays(20), new TimeOnly(9, 0));
            cancelled.Cancel("Aflyst.", now);
            context.AddRange(cancelled, new Meeting(committee, Today.AddDays(40), new TimeOnly(15, 0)));
            await context.SaveChangesAsync();
            context.Add(new Meeting(committee, Today.AddDays(40), new TimeOnly(10, 30)));

            // Minutes imported for an earlier year: no members registered, attendance recorded.
            for (var i = 0; i < 4; i++)
            {
                var meeting = new Meeting(imported, new DateOnly(Today.Year - 2, 3 + (i * 2), 10), i == 2 ? null : new TimeOnly(10, 0));
                var item = meeting.AppendItem("Godkendelse af dagsorden");
                meeting.AppendItem("Lukket punkt", isPublic: false);
                meeting.PublishAgenda(now);
                meeting.MarkHeld(Today);
                meeting.RecordAttendance(people[9], AttendanceStatus.Present);
                meeting.RecordAttendance(people[10], i == 3 ? AttendanceStatus.Apologies : AttendanceStatus.Present);
                meeting.RecordAttendance(people[11], AttendanceStatus.Guest);
                meeting.RecordMinutes(item, "Godkendt.", null);
                if (i < 3)
                {
                    meeting.PublishMinutes(now);
                }

                context.Add(meeting);
            }

            // A council of another municipality with the same name, one public agenda: the search's filter names both municipalities.
            var neighbour = new Body("naboby", "Naboby Kommune");
            context.Bodies.Add(neighbour);
            var namesake = neighbour.AddOrganization("importeret-naboby", "Det Importerede Råd", OrganizationKind.Council);
            var agenda = new Meeting(namesake, new DateOnly(Today.Year - 1, 5, 12), new TimeOnly(14, 0));
            agenda.AppendItem("Eventuelt");
            agenda.PublishAgenda(now);
            context.Add(agenda);

            return await context.SaveChangesAsync();
        });
    }

    /// <summary>The reads as they were written with EF Core (LINQ), kept here as the reference; ties the LINQ left open are ordered by id.</summary>
    private static class EfPageRead
    {
        public static async Task<IReadOnlyList<(string Slug, string Name)>> ListSearchableCouncilsAsync(ProtokolDbContext db)
        {
            var councils = await db.Organizations.AsNoTracking()
                .Where(o => o.Kind != OrganizationKind.ExternalOrganisation && db.MeetingYearCounts.Any(c => c.OrganizationId == o.Id && c.PublicMeetings > 0))
                .Select(o => new { o.Slug, o.Name, Body = o.Body.Name })
                .ToListAsync();
            var shared = councils.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return councils.Select(o => (o.Slug, Name: shared.Contains(o.Name) ? $"{o.Name} ({o.Body})" : o.Name)).OrderBy(o => o.Name, Danish).ToList();
        }

        public static async Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(ProtokolDbContext db, DateOnly today)
        {
            var organizations = await db.Organizations.AsNoTracking()
                .Where(o => o.Kind != OrganizationKind.ExternalOrganisation)
                .Select(o => new
                {
                    o.Id, o.Slug, o.Name, o.Kind, o.Purpose, BodyName = o.Body.Name,
                    Count = db.MeetingYearCounts.Where(c => c.OrganizationId == o.Id).Sum(c => c.PublicMeetings),
                    NextId = db.Meetings.Where(m => m.OrganizationId == o.Id && m.Date >= today && m.CancelledAt == null && m.State < MeetingState.Held)
                        .OrderBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id).Select(m => (int?)m.Id).FirstOrDefault(),
                    LatestId = db.Meetings.Where(m => m.OrganizationId == o.Id && m.State >= MeetingState.MinutesPublished)
                        .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefault(),
                })
                .ToListAsync();
            var linked = organizations.SelectMany(o => new[] { o.NextId, o.LatestId }).OfType<int>().ToList();
            var byId = await db.Meetings.AsNoTracking().Where(m => linked.Contains(m.Id)).Select(m => new { m.Id, m.Date, m.StartTime }).ToDictionaryAsync(m => m.Id);
            return organizations
                .Select(o => new OrganizationSummary(o.Id, o.Slug, o.Name, o.Kind, o.Purpose, o.BodyName, o.Count,
                    o.NextId is { } n ? new MeetingLink(n, byId[n].Date, byId[n].StartTime) : null,
                    o.LatestId is { } l ? new MeetingLink(l, byId[l].Date) : null))
                .OrderByDescending(o => o.MeetingCount > 0)
                .ThenBy(o => o.Name, Danish)
                .ToList();
        }

        public static async Task<OrganizationMeetings?> GetOrganizationMeetingsAsync(ProtokolDbContext db, string slug, int? year, DateOnly today)
        {
            var organization = await db.Organizations.AsNoTracking()
                .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
                .Select(o => new { o.Id, o.Slug, o.Name, BodyName = o.Body.Name })
                .FirstOrDefaultAsync();
            if (organization is null)
            {
                return null;
            }

            var (shownYear, years, meetings) = await PlanAsync(db, organization.Id, year, today);
            return new OrganizationMeetings(organization.Id, organization.Slug, organization.Name, organization.BodyName, shownYear, years, meetings);
        }

        private static async Task<(int Year, List<int> Years, List<MeetingSummary> Meetings)> PlanAsync(ProtokolDbContext db, int organizationId, int? year, DateOnly today, List<int>? knownYears = null)
        {
            var years = knownYears ?? await db.MeetingYearCounts.AsNoTracking().Where(c => c.OrganizationId == organizationId).OrderByDescending(c => c.Year).Select(c => c.Year).ToListAsync();
            var shownYear = year
                ?? (await db.Meetings.AsNoTracking().Where(m => m.OrganizationId == organizationId && m.Date >= today && m.CancelledAt == null && m.State < MeetingState.Held)
                    .OrderBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id).Select(m => (DateOnly?)m.Date).FirstOrDefaultAsync())?.Year
                ?? (years.Count > 0 ? years[0] : today.Year);
            var from = new DateOnly(shownYear, 1, 1);
            var to = new DateOnly(shownYear, 12, 31);
            var meetings = !years.Contains(shownYear) ? [] : await db.Meetings.AsNoTracking()
                .Where(m => m.OrganizationId == organizationId && m.Date >= from && m.Date <= to)
                .OrderBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id)
                .Select(m => new MeetingSummary(
                    m.Id, m.Date, m.StartTime, m.EndTime, m.Name,
                    m.Location == null ? null : m.Location.Name,
                    m.Host == null ? null : m.Host.Name,
                    m.State,
                    m.State >= MeetingState.AgendaPublished ? m.Items.Count(i => i.ParentId == null) : 0,
                    m.CancelledAt != null,
                    m.ImportedFrom != null))
                .ToListAsync();
            return (shownYear, years, meetings);
        }

        public static async Task<OrganizationRecord?> GetOrganizationAsync(ProtokolDbContext db, string slug, DateOnly today)
        {
            var organization = await db.Organizations.AsNoTracking()
                .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
                .Select(o => new
                {
                    o.Id, o.Slug, o.Name, BodyName = o.Body.Name, o.Purpose, o.Website,
                    Term = db.Terms.Where(t => t.OrganizationId == o.Id && t.Start <= today && (t.End == null || t.End >= today)).Select(t => t.Name).FirstOrDefault(),
                })
                .FirstOrDefaultAsync();
            if (organization is null)
            {
                return null;
            }

            var seats = await db.Memberships.AsNoTracking()
                .Where(m => (m.OrganizationId == organization.Id || m.OnBehalfOfId == organization.Id)
                    && (m.Start == null || m.Start <= today) && (m.End == null || m.End >= today))
                .OrderBy(m => m.Id)
                .Select(m => new
                {
                    m.OrganizationId, OrganizationName = m.Organization.Name, OrganizationSlug = m.Organization.Slug, OrganizationKind = m.Organization.Kind, m.Role,
                    OnBehalfOf = m.OnBehalfOf == null ? null : m.OnBehalfOf.Name, m.Start, m.End,
                    Person = new PersonRef(m.Person.Id, m.Person.Name, m.Person.Publication, m.Person.PublicRole),
                })
                .ToListAsync();
            var members = seats.Where(s => s.OrganizationId == organization.Id)
                .OrderBy(s => s.Role).ThenBy(s => s.Person.PublicName, Danish)
                .Select(s => new SeatRecord(s.Person, s.Role, s.OnBehalfOf, s.Start, s.End)).ToList();
            var representation = seats.Where(s => s.OrganizationId != organization.Id)
                .OrderBy(s => s.OrganizationName, Danish)
                .Select(s => (new SeatRecord(s.Person, s.Role, s.OnBehalfOf, s.Start, s.End), s.OrganizationName,
                    s.OrganizationKind == OrganizationKind.ExternalOrganisation ? null : s.OrganizationSlug))
                .ToList();

            var plan = await PlanAsync(db, organization.Id, today.Year, today);
            if (plan is { Meetings.Count: 0, Years.Count: > 0 })
            {
                plan = await PlanAsync(db, organization.Id, null, today, plan.Years);
            }

            IReadOnlyList<PersonRef> recent = [];
            MeetingLink? recentMeeting = null;
            if (members.Count == 0)
            {
                var latest = await db.Meetings.AsNoTracking()
                    .Where(m => m.OrganizationId == organization.Id && m.State >= MeetingState.MinutesPublished && m.Attendance.Any())
                    .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id)
                    .Select(m => new { m.Id, m.Date })
                    .FirstOrDefaultAsync();
                if (latest is not null)
                {
                    recentMeeting = new MeetingLink(latest.Id, latest.Date);
                    recent = (await db.Attendance.AsNoTracking()
                        .Where(a => a.MeetingId == latest.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Apologies || a.Status == AttendanceStatus.Absent))
                        .OrderBy(a => a.Id)
                        .Select(a => new PersonRef(a.Person.Id, a.Person.Name, a.Person.Publication, a.Person.PublicRole))
                        .ToListAsync())
                        .OrderBy(p => p.PublicName, Danish).ToList();
                }
            }

            var next = await db.Meetings.AsNoTracking().Where(m => m.OrganizationId == organization.Id && m.Date >= today && m.CancelledAt == null && m.State < MeetingState.Held)
                .OrderBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id).Select(m => new { m.Id, m.Date }).FirstOrDefaultAsync();
            return new OrganizationRecord(organization.Id, organization.Slug, organization.Name, organization.BodyName, organization.Purpose,
                organization.Website, organization.Term, members, representation, plan.Meetings, plan.Year, recent, recentMeeting,
                next is null ? null : new MeetingLink(next.Id, next.Date));
        }

        public static async Task<PersonRecord?> GetPersonAsync(ProtokolDbContext db, int id, int? year)
        {
            var person = await db.People.AsNoTracking()
                .Where(p => p.Id == id)
                .Select(p => new { p.Id, p.Name, p.Publication, p.PublicRole, Aliases = p.Aliases.OrderBy(a => a.Id).Select(a => a.Name).ToList() })
                .FirstOrDefaultAsync();
            if (person is null)
            {
                return null;
            }

            var seats = await db.Memberships.AsNoTracking()
                .Where(m => m.PersonId == id)
                .OrderByDescending(m => m.Start).ThenBy(m => m.Id)
                .Select(m => new PersonSeat(m.Organization.Name, m.Organization.Kind == OrganizationKind.ExternalOrganisation ? null : m.Organization.Slug,
                    m.Role, m.OnBehalfOf == null ? null : m.OnBehalfOf.Name, m.Start, m.End))
                .ToListAsync();
            var counts = await db.Attendance.AsNoTracking()
                .Where(a => a.PersonId == id && a.Meeting.State >= MeetingState.MinutesPublished)
                .GroupBy(a => new { a.Meeting.Date.Year, a.Status })
                .Select(g => new { g.Key.Year, g.Key.Status, Count = g.Count() })
                .ToListAsync();
            var years = counts.Select(c => c.Year).Distinct().OrderDescending().ToList();
            var totals = new AttendanceTotals(
                counts.Where(c => c.Status == AttendanceStatus.Present).Sum(c => c.Count),
                counts.Where(c => c.Status != AttendanceStatus.Guest).Sum(c => c.Count),
                counts.Where(c => c.Status == AttendanceStatus.Guest).Sum(c => c.Count));
            var self = new PersonRef(person.Id, person.Name, person.Publication, person.PublicRole);
            var shownYear = year ?? (years.Count > 0 ? years[0] : null);
            if (year is not null && !years.Contains(year.Value))
            {
                return new PersonRecord(self, person.Aliases, seats, [], year, years, totals, YearFound: false);
            }

            List<PersonAttendance> attendance = [];
            if (shownYear is { } shown)
            {
                var from = new DateOnly(shown, 1, 1);
                var to = new DateOnly(shown, 12, 31);
                attendance = await db.Attendance.AsNoTracking()
                    .Where(a => a.PersonId == id && a.Meeting.State >= MeetingState.MinutesPublished && a.Meeting.Date >= from && a.Meeting.Date <= to)
                    .OrderByDescending(a => a.Meeting.Date).ThenBy(a => a.Id)
                    .Select(a => new PersonAttendance(a.MeetingId, a.Meeting.Date, a.Meeting.Organization.Name, a.Status))
                    .ToListAsync();
            }

            return new PersonRecord(self, person.Aliases, seats, attendance, shownYear, years, totals);
        }
    }
}
