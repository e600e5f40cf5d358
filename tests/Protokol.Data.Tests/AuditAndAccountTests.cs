using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data.Accounts;
using Protokol.Data.Audit;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class AuditAndAccountTests(PostgresCluster postgres)
{
    private sealed class NamedActor : IAuditActor
    {
        public string Name => "sekretaer@havnby.dk";
    }

    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private async Task<TestDatabase> SeededAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider, postgres, _clock, (services, _) => services.AddScoped<IAuditActor, NamedActor>());
        await using var scope = db.Scope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        return db;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_edit_is_logged_with_who_when_and_the_values_before_and_after(DatabaseProvider provider)
    {
        await using var db = await SeededAsync(provider);
        var itemId = await db.WithContextAsync(async context =>
        {
            var item = await context.AgendaItems.FirstAsync(i => i.Title == "Godkendelse af dagsorden");
            item.Edit("Godkendelse af dagsorden og bilag", item.Kind, item.IsPublic, "Ny tekst");
            await context.SaveChangesAsync();
            return item.Id;
        });

        var entry = await db.WithContextAsync(context => context.AuditLog.SingleAsync(e => e.EntityType == nameof(AgendaItem) && e.EntityId == itemId && e.Action == "changed"));
        Assert.Equal("sekretaer@havnby.dk", entry.Actor);
        Assert.Equal(_clock.Now.UtcDateTime, entry.At);
        var changes = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(entry.Changes)!;
        Assert.Equal(new[] { "Godkendelse af dagsorden", "Godkendelse af dagsorden og bilag" }, changes["Title"].AsEnumerable());
        Assert.Equal(new[] { null, "Ny tekst" }, changes["PublicText"].AsEnumerable());
        Assert.False(changes.ContainsKey("Version"), "bookkeeping fields are not logged");
        Assert.False(changes.ContainsKey("Kind"), "unchanged fields are not logged");

        // Records added in the same save are logged with the ids they were given.
        var added = await db.WithContextAsync(context => context.AuditLog.CountAsync(e => e.EntityType == nameof(Meeting) && e.Action == "added" && e.EntityId > 0));
        Assert.Equal(await db.WithContextAsync(context => context.Meetings.CountAsync()), added);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_meeting_added_with_its_items_is_one_entry_naming_each_part_with_its_id_and_values(DatabaseProvider provider)
    {
        await using var db = await SeededAsync(provider);
        var (meetingId, itemIds) = await db.WithContextAsync(async context =>
        {
            var organization = await context.Organizations.OrderBy(o => o.Id).FirstAsync();
            var meeting = new Meeting(organization, new DateOnly(2019, 3, 25), new TimeOnly(15, 0));
            meeting.AddItem("1", "Godkendelse af referat", AgendaItemKind.Decision);
            meeting.AddItem("2", "Trafik ved skolerne", publicText: "Rådet drøftede skolevejene.");
            context.Add(meeting);
            await context.SaveChangesAsync();
            return (meeting.Id, meeting.Items.OrderBy(i => i.Number).Select(i => i.Id).ToList());
        });

        var logged = await db.WithContextAsync(context => context.AuditLog
            .Where(e => (e.EntityType == nameof(Meeting) && e.EntityId == meetingId) || (e.EntityType == nameof(AgendaItem) && itemIds.Contains(e.EntityId))).ToListAsync());
        var entry = Assert.Single(logged);
        Assert.Equal((nameof(Meeting), "added", "sekretaer@havnby.dk"), (entry.EntityType, entry.Action, entry.Actor));
        using var json = JsonDocument.Parse(entry.Changes);
        Assert.Equal("2019-03-25", json.RootElement.GetProperty("Date")[1].GetString());
        var items = json.RootElement.GetProperty(nameof(AgendaItem));
        Assert.Equal(JsonValueKind.Null, items[0].ValueKind);
        Assert.Equal(itemIds, items[1].EnumerateArray().Select(i => i.GetProperty("Id").GetInt32()));
        Assert.Equal(["Godkendelse af referat", "Trafik ved skolerne"], items[1].EnumerateArray().Select(i => i.GetProperty("Title").GetString()));
        Assert.Equal("Rådet drøftede skolevejene.", items[1][1].GetProperty("PublicText").GetString());
        Assert.False(items[1][0].TryGetProperty("MeetingId", out _), "the entry is the meeting's own");

        // An item added to a meeting that already exists is an entry of its own.
        var added = await db.WithContextAsync(async context =>
        {
            var meeting = await context.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == meetingId);
            var item = meeting.AddItem("3", "Eventuelt");
            await context.SaveChangesAsync();
            return item.Id;
        });
        var own = await db.WithContextAsync(context => context.AuditLog.SingleAsync(e => e.EntityType == nameof(AgendaItem) && e.EntityId == added));
        Assert.Equal("added", own.Action);
        using var ownJson = JsonDocument.Parse(own.Changes);
        Assert.Equal("Eventuelt", ownJson.RootElement.GetProperty("Title")[1].GetString());
        Assert.Equal(meetingId, ownJson.RootElement.GetProperty("MeetingId")[1].GetInt32());
        Assert.Equal(added, ownJson.RootElement.GetProperty("Id")[1].GetInt32());

        // A person and a seat added in one save: the seat's entry names the person by the id the person was given,
        // not by EF Core's temporary key.
        var (personId, seatId) = await db.WithContextAsync(async context =>
        {
            var organization = await context.Organizations.Include(o => o.Body).OrderBy(o => o.Id).FirstAsync();
            var person = new Person(organization.Body, "Vibeke Ny");
            var seat = new Membership(person, organization, MembershipRole.Member, new DateOnly(2019, 1, 1), null);
            context.AddRange(person, seat);
            await context.SaveChangesAsync();
            return (person.Id, seat.Id);
        });
        var seatEntry = await db.WithContextAsync(context => context.AuditLog.SingleAsync(e => e.EntityType == nameof(Membership) && e.EntityId == seatId));
        using var seatJson = JsonDocument.Parse(seatEntry.Changes);
        Assert.Equal(seatId, seatJson.RootElement.GetProperty("Id")[1].GetInt32());
        Assert.Equal(personId, seatJson.RootElement.GetProperty("PersonId")[1].GetInt32());
        var personEntry = await db.WithContextAsync(context => context.AuditLog.SingleAsync(e => e.EntityType == nameof(Person) && e.EntityId == personId));
        Assert.Equal(personId, JsonDocument.Parse(personEntry.Changes).RootElement.GetProperty("Id")[1].GetInt32());
        Assert.All(items[1].EnumerateArray(), i => Assert.True(i.GetProperty("Id").GetInt32() > 0));
    }

    private sealed class ScopeActor : IAuditActor
    {
        public string Name { get; set; } = "ingen";
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_pooled_context_logs_each_scope_under_that_scope_s_actor_and_clock(DatabaseProvider provider)
    {
        // Contexts are pooled: the second scope gets the first one's context back, and must not
        // write the log in the first scope's name or with its clock.
        await using var db = await TestDatabase.CreateAsync(provider, postgres, _clock, (services, _) =>
        {
            services.AddScoped<ScopeActor>();
            services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<ScopeActor>());
        });
        var start = _clock.Now;
        ProtokolDbContext? first = null;
        foreach (var actor in new[] { "anne@havnby.dk", "bo@havnby.dk" })
        {
            await using var scope = db.Scope();
            scope.ServiceProvider.GetRequiredService<ScopeActor>().Name = actor;
            var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            Assert.True(first is null || ReferenceEquals(first, context), "the second scope leases the pooled context");
            first ??= context;
            Assert.Same(_clock, context.Clock);
            context.Bodies.Add(new Body("pool-" + actor, "Kommune " + actor));
            await context.SaveChangesAsync();
            _clock.Now = _clock.Now.AddDays(3);
        }

        _clock.Now = start;
        var log = await db.WithContextAsync(context => context.AuditLog.Where(e => e.EntityType == nameof(Body)).OrderBy(e => e.Id).Select(e => new { e.Actor, e.At }).ToListAsync());
        Assert.Equal(["anne@havnby.dk", "bo@havnby.dk"], log.Select(e => e.Actor));
        Assert.Equal([start.UtcDateTime, start.AddDays(3).UtcDateTime], log.Select(e => e.At));

        // A context given back forgets the scope: leased outside a scope it writes as the system.
        await using var bare = await db.Services.GetRequiredService<IDbContextFactory<ProtokolDbContext>>().CreateDbContextAsync();
        Assert.Equal("system", bare.Actor.Name);
        Assert.Same(TimeProvider.System, bare.Clock);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_save_that_fails_leaves_no_trace_in_the_log(DatabaseProvider provider)
    {
        await using var db = await SeededAsync(provider);
        var before = await db.WithContextAsync(context => context.AuditLog.LongCountAsync());
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.WithContextAsync(async context =>
        {
            var meeting = await context.Meetings.Include(m => m.Items).FirstAsync(m => m.Items.Count > 2);
            var items = meeting.Items.OrderBy(i => i.Position).ToList();
            items[0].Edit("Ændret titel", items[0].Kind, items[0].IsPublic, null);

            // Two items with one number: the unique index refuses the whole save.
            context.Entry(items[1]).Property(nameof(AgendaItem.Number)).CurrentValue = items[2].Number;
            return await context.SaveChangesAsync();
        }));
        Assert.Equal(before, await db.WithContextAsync(context => context.AuditLog.LongCountAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Accounts_sign_in_by_email_and_lock_after_five_wrong_passwords(DatabaseProvider provider)
    {
        await using var db = await SeededAsync(provider);
        await using var scope = db.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var council = await db.WithContextAsync(context => context.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug));
        await accounts.CreateAsync("Sofie@Havnby.dk", "Sofie Kjærgaard Holm", "en-lang-adgangskode", false, [(council.Id, AccessLevel.Secretary)], CancellationToken.None);

        await Assert.ThrowsAsync<DomainRuleException>(() => accounts.CreateAsync("sofie@havnby.dk", "Igen", "en-lang-adgangskode", true, [], CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => accounts.CreateAsync("ny@havnby.dk", "Kort", "kort", true, [], CancellationToken.None));

        var ok = await accounts.SignInAsync(" SOFIE@havnby.dk ", "en-lang-adgangskode", CancellationToken.None);
        Assert.Equal(SignInOutcome.Success, ok.Outcome);
        Assert.Equal(AccessLevel.Secretary, ok.Account!.Access.Single().Level);
        Assert.NotEqual("en-lang-adgangskode", ok.Account.PasswordHash);

        for (var i = 0; i < 10; i++)
        {
            await accounts.SignInAsync("sofie@havnby.dk", "forkert", CancellationToken.None);
        }

        // Wrong passwords never lock the account (anyone could lock anyone); the portal throttles instead.
        Assert.Equal(SignInOutcome.Success, (await accounts.SignInAsync("sofie@havnby.dk", "en-lang-adgangskode", CancellationToken.None)).Outcome);
        var stored = await db.WithContextAsync(context => context.UserAccounts.SingleAsync(u => u.Email == "sofie@havnby.dk"));

        // Signing out ends the sessions: a new security stamp, and the log never holds the hash.
        var stamp = stored.SecurityStamp;
        await accounts.EndSessionsAsync(stored.Id, CancellationToken.None);
        Assert.Null(await accounts.FindActiveAsync(stored.Id, stamp, CancellationToken.None));
        var logged = await db.WithContextAsync(context => context.AuditLog.Where(e => e.EntityType == nameof(UserAccount)).Select(e => e.Changes).ToListAsync());
        Assert.DoesNotContain(logged, c => c.Contains(stored.PasswordHash, StringComparison.Ordinal));
    }
}
