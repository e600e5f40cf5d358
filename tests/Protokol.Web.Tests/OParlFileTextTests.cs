using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.TestSupport;

namespace Protokol.Web.Tests;

/// <summary>
/// The text of a meeting's minutes as an OParl File follows the people's publication levels at once (issue 17: whatever keeps
/// the text, a person chosen to be shown by role only must vanish from it with the next request, the meeting unchanged).
/// </summary>
public abstract class OParlFileTextTests(ProtokolAppFactory app)
{
    private const string Origin = "http://localhost";

    private async Task<JsonObject> GetAsync(string url)
    {
        var response = await app.CreateClient().GetAsync(new Uri(url, UriKind.Absolute));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<string> ListedTextAsync(string id)
    {
        var page = await GetAsync(Origin + "/oparl/v1/body/1/file?elementsPerPage=1000");
        return page["data"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!["text"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_person_shown_by_role_only_leaves_the_minutes_text_at_its_own_url_and_in_the_file_list_at_once()
    {
        // A published meeting's minutes naming one of those present, who is shown by name.
        var (meeting, person, name) = await WithContextAsync(async db =>
        {
            var present = await db.Set<Attendance>().AsNoTracking()
                .Where(a => a.Status == AttendanceStatus.Present && a.Meeting.State >= MeetingState.MinutesPublished)
                .Join(db.People.Where(p => p.Publication == PublicationLevel.Named), a => a.PersonId, p => p.Id, (a, p) => new { a.MeetingId, p.Id, p.Name })
                .OrderBy(a => a.MeetingId).FirstAsync();
            return (present.MeetingId, present.Id, present.Name);
        });
        var id = $"{Origin}/oparl/v1/file/m{meeting}";
        Assert.Contains(name, (await GetAsync(id))["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(name, await ListedTextAsync(id), StringComparison.Ordinal);

        await WithContextAsync(async db =>
        {
            (await db.People.SingleAsync(p => p.Id == person)).SetPublication(PublicationLevel.RoleOnly, "Borgerrepræsentant");
            return await db.SaveChangesAsync();
        });
        try
        {
            foreach (var text in new[] { (await GetAsync(id))["text"]!.GetValue<string>(), await ListedTextAsync(id) })
            {
                Assert.DoesNotContain(name, text, StringComparison.Ordinal);
                Assert.Contains("Borgerrepræsentant", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                (await db.People.SingleAsync(p => p.Id == person)).SetPublication(PublicationLevel.Named, null);
                return await db.SaveChangesAsync();
            });
        }

        Assert.Contains(name, (await GetAsync(id))["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The text of a meeting's File at its own URL and in the file list (the same), after a read that keeps it.</summary>
    private async Task<string> TextAsync(int meeting)
    {
        var id = $"{Origin}/oparl/v1/file/m{meeting}";
        var own = (await GetAsync(id))["text"]!.GetValue<string>();
        Assert.Equal(own, await ListedTextAsync(id));
        return own;
    }

    /// <summary>The first meeting whose minutes are published and not yet approved, with its items (minutes can still be written).</summary>
    private Task<int> PublishedMeetingAsync() => WithContextAsync(db => db.Meetings.AsNoTracking()
        .Where(m => m.State == MeetingState.MinutesPublished && m.Items.Any(i => i.IsPublic)).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());

    private Task<int> WriteMinutesAsync(int meeting, string minutes) => WithContextAsync(async db =>
    {
        var m = await db.Meetings.Include(x => x.Items).SingleAsync(x => x.Id == meeting);
        var item = m.Items.Where(i => i.IsPublic).OrderBy(i => i.Id).First();
        m.RecordMinutes(item, minutes, item.Decision);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_kept_text_is_read_without_composing_and_follows_a_persons_new_name()
    {
        var (meeting, person, name) = await WithContextAsync(async db =>
        {
            var present = await db.Set<Attendance>().AsNoTracking()
                .Where(a => a.Status == AttendanceStatus.Present && a.Meeting.State >= MeetingState.MinutesPublished)
                .Join(db.People.Where(p => p.Publication == PublicationLevel.Named), a => a.PersonId, p => p.Id, (a, p) => new { a.MeetingId, p.Id, p.Name })
                .OrderByDescending(a => a.MeetingId).FirstAsync();
            return (present.MeetingId, present.Id, present.Name);
        });
        Assert.Contains(name, await TextAsync(meeting), StringComparison.Ordinal);

        // Kept under the key of now: the next read finds it current (composes nothing).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var texts = await scope.ServiceProvider.GetRequiredService<Protokol.Core.Abstractions.IOParlQueries>()
                .MinutesTextsAsync([meeting], Protokol.Web.OParl.OParlMinutesFiles.Composer, CancellationToken.None);
            Assert.True(Assert.Single(texts).Current);
        }

        await WithContextAsync(async db =>
        {
            (await db.People.SingleAsync(p => p.Id == person)).Rename("Gunhild Fiktivsen");
            return await db.SaveChangesAsync();
        });
        try
        {
            // The attendance names the person as the registry does now (the minutes' own words stay as written).
            Assert.Contains("Gunhild Fiktivsen", await TextAsync(meeting), StringComparison.Ordinal);
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                (await db.People.SingleAsync(p => p.Id == person)).Rename(name);
                return await db.SaveChangesAsync();
            });
        }

        Assert.Contains(name, await TextAsync(meeting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edited_minutes_show_in_the_kept_text_at_once()
    {
        var meeting = await PublishedMeetingAsync();
        Assert.DoesNotContain("Solsikkemarken", await TextAsync(meeting), StringComparison.Ordinal);

        await WriteMinutesAsync(meeting, "Udvalget besigtigede Solsikkemarken.");

        Assert.Contains("Udvalget besigtigede Solsikkemarken.", await TextAsync(meeting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_added_to_a_person_shown_by_role_only_leaves_the_kept_text_at_once()
    {
        var meeting = await PublishedMeetingAsync();
        await WriteMinutesAsync(meeting, "Bodil Fiktivsen fremlagde sagen.");
        var person = await WithContextAsync(async db =>
        {
            var p = await db.People.Where(x => x.Publication == PublicationLevel.Named).OrderByDescending(x => x.Id).FirstAsync();
            p.SetPublication(PublicationLevel.RoleOnly, "Borgerrepræsentant");
            await db.SaveChangesAsync();
            return p.Id;
        });
        try
        {
            Assert.Contains("Bodil Fiktivsen fremlagde sagen.", await TextAsync(meeting), StringComparison.Ordinal);

            // Only the alias changes: neither the meeting nor the person's row.
            await WithContextAsync(async db =>
            {
                (await db.People.Include(p => p.Aliases).SingleAsync(p => p.Id == person)).AddAlias("Bodil Fiktivsen");
                return await db.SaveChangesAsync();
            });

            var text = await TextAsync(meeting);
            Assert.DoesNotContain("Bodil Fiktivsen", text, StringComparison.Ordinal);
            Assert.Contains("Borgerrepræsentant fremlagde sagen.", text, StringComparison.Ordinal);
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                (await db.People.SingleAsync(p => p.Id == person)).SetPublication(PublicationLevel.Named, null);
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task A_renamed_location_shows_in_the_kept_text_at_once()
    {
        var (meeting, location) = await WithContextAsync(async db =>
        {
            var m = await db.Meetings.AsNoTracking().Where(x => x.State >= MeetingState.AgendaPublished && x.LocationId != null)
                .OrderBy(x => x.Id).Select(x => new { x.Id, x.LocationId }).FirstAsync();
            return (m.Id, m.LocationId!.Value);
        });
        Assert.DoesNotContain("Sted: Solsikkesalen", await TextAsync(meeting), StringComparison.Ordinal);

        // No page renames a place: its row changes as an import or the database would change it.
        await WithContextAsync(async db =>
        {
            var place = await db.Locations.SingleAsync(l => l.Id == location);
            db.Entry(place).Property(l => l.Name).CurrentValue = "Solsikkesalen";
            return await db.SaveChangesAsync();
        });

        Assert.Contains("Sted: Solsikkesalen", await TextAsync(meeting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minutes_approved_at_a_later_meeting_show_its_date_in_the_kept_text_at_once()
    {
        var meeting = await PublishedMeetingAsync();
        Assert.Contains("Referatet er ikke godkendt endnu.", await TextAsync(meeting), StringComparison.Ordinal);

        // The council's next meeting is held (its agenda published, then marked held on its own day) and approves the minutes.
        var (approving, date) = await WithContextAsync(async db =>
        {
            var m = await db.Meetings.Include(x => x.Organization).SingleAsync(x => x.Id == meeting);
            var next = await db.Meetings.Include(x => x.Items).Include(x => x.Organization)
                .Where(x => x.OrganizationId == m.OrganizationId && x.Date > m.Date && x.State == MeetingState.Planned && x.CancelledAt == null && x.Items.Any())
                .OrderBy(x => x.Date).FirstAsync();
            next.PublishAgenda(app.Clock.GetUtcNow().UtcDateTime);
            next.MarkHeld(next.Date);
            m.ApproveMinutes(next);
            await db.SaveChangesAsync();
            return (next.Id, next.Date);
        });
        try
        {
            var text = await TextAsync(meeting);
            Assert.Contains($"Referatet er godkendt på mødet {Core.Text.DanishDates.LongDate(date)}.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Referatet er ikke godkendt endnu.", text, StringComparison.Ordinal);
        }
        finally
        {
            // The other tests write minutes on this meeting: it goes back to published, not approved (no page undoes an approval).
            await WithContextAsync(async db =>
            {
                var m = await db.Meetings.SingleAsync(x => x.Id == meeting);
                db.Entry(m).Property(x => x.State).CurrentValue = MeetingState.MinutesPublished;
                db.Entry(m).Property(x => x.MinutesApprovedById).CurrentValue = null;
                return await db.SaveChangesAsync();
            });
        }

        Assert.Contains("Referatet er ikke godkendt endnu.", await TextAsync(meeting), StringComparison.Ordinal);
        Assert.NotEqual(meeting, approving);
    }

    [Fact]
    public async Task Readers_composing_the_same_stale_text_at_once_each_get_it_and_keep_one()
    {
        var meeting = await PublishedMeetingAsync();
        await TextAsync(meeting);
        await WriteMinutesAsync(meeting, "Markvandringen blev udsat.");

        // Readers of their own (a context and connection each, as two portal processes have) find the text stale at once.
        var readers = Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var oparl = scope.ServiceProvider.GetRequiredService<Protokol.Web.OParl.OParlObjects>();
            oparl.Urls = new Protokol.Web.OParl.OParlUrls(Origin);
            var file = Assert.Single(await oparl.BuildAsync([new(Protokol.Core.Abstractions.OParlKind.MeetingDocument, meeting)], CancellationToken.None));
            return file.ToJsonString();
        }).ToList();
        var files = await Task.WhenAll(readers);
        Assert.Single(files.Distinct(StringComparer.Ordinal));
        Assert.Contains("Markvandringen blev udsat.", files[0], StringComparison.Ordinal);

        await using var check = app.Services.CreateAsyncScope();
        var kept = await check.ServiceProvider.GetRequiredService<Protokol.Core.Abstractions.IOParlQueries>()
            .MinutesTextsAsync([meeting], Protokol.Web.OParl.OParlMinutesFiles.Composer, CancellationToken.None);
        Assert.True(Assert.Single(kept).Current);
        Assert.Equal(1, await WithContextAsync(db => db.Set<Protokol.Data.OParl.KeptMinutesText>().CountAsync(t => t.MeetingId == meeting)));
    }

    [Fact]
    public async Task The_file_lists_etag_changes_when_a_kept_text_does()
    {
        var meeting = await PublishedMeetingAsync();
        async Task<(string? List, string? Own)> EtagsAsync()
        {
            var client = app.CreateClient();
            var list = await client.GetAsync(new Uri(Origin + "/oparl/v1/body/1/file?elementsPerPage=1000"));
            var own = await client.GetAsync(new Uri($"{Origin}/oparl/v1/file/m{meeting}"));
            return (list.Headers.ETag?.ToString(), own.Headers.ETag?.ToString());
        }

        var before = await EtagsAsync();
        Assert.Equal(before, await EtagsAsync());
        await WriteMinutesAsync(meeting, "Forsamlingen drøftede Kløvermarken.");

        var after = await EtagsAsync();
        Assert.NotNull(after.List);
        Assert.NotEqual(before.List, after.List);
        Assert.NotEqual(before.Own, after.Own);
    }

    private async Task<T> WithContextAsync<T>(Func<ProtokolDbContext, Task<T>> work)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>());
    }
}

/// <summary>The portal over SQLite, public answers not cached (the text itself must follow, not only the cache).</summary>
public sealed class UncachedProtokolApp : ProtokolAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Protokol:PageCache", "false");
    }
}

/// <summary>The portal over a private PostgreSQL database, public answers not cached.</summary>
public sealed class UncachedPostgresProtokolApp : ProtokolAppFactory, IAsyncLifetime
{
    private readonly PostgresCluster _cluster = new();
    private string? _connection;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _connection = await _cluster.CreateDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Protokol", _connection);
        builder.UseSetting("Protokol:Startup:Migrate", "true");
        builder.UseSetting("Protokol:PageCache", "false");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _cluster.DisposeAsync();
    }
}

public sealed class OParlFileTextOnSqliteTests(UncachedProtokolApp app) : OParlFileTextTests(app), IClassFixture<UncachedProtokolApp>;

public sealed class OParlFileTextOnPostgresTests(UncachedPostgresProtokolApp app) : OParlFileTextTests(app), IClassFixture<UncachedPostgresProtokolApp>;
