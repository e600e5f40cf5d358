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
