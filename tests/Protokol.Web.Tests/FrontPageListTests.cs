using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// The front page's council list is rendered once per set of rows and language (<see cref="Rendering.RenderedLists"/>, issue 17):
/// a second request gets the same bytes in its own language, and an edit to anything the list shows (a council's name and purpose,
/// its municipality, its latest public minutes) shows in the next request; undone, the page is the first page byte for byte.
/// </summary>
public abstract class FrontPageListTests(ProtokolAppFactory app)
{
    private const string EnglishCookie = ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB";

    private async Task<string> FrontAsync(bool english = false)
    {
        var client = app.CreateClient();
        if (english)
        {
            client.DefaultRequestHeaders.Add("Cookie", EnglishCookie);
        }

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_list_is_the_same_in_each_language_and_every_edit_shows_at_once()
    {
        var danish = await FrontAsync();
        var english = await FrontAsync(english: true);
        Assert.Contains("lang=\"en\"", english, StringComparison.Ordinal);
        Assert.NotEqual(danish, english);
        Assert.Contains("Møder i arkivet", danish, StringComparison.Ordinal);
        Assert.DoesNotContain("Møder i arkivet", english, StringComparison.Ordinal);
        Assert.Equal(danish, await FrontAsync());
        Assert.Equal(english, await FrontAsync(english: true));

        var (council, body, meeting) = await WithContextAsync(async db =>
        {
            var m = await db.Meetings.AsNoTracking().Where(m => m.State >= MeetingState.MinutesPublished)
                .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Select(m => new { m.Id, m.OrganizationId }).FirstAsync();
            var bodyId = await db.Organizations.Where(o => o.Id == m.OrganizationId).Select(o => o.BodyId).SingleAsync();
            return (m.OrganizationId, bodyId, m.Id);
        });

        var name = await SetAsync<Organization, string>(council, o => o.Name, "Rådet for Hyldebærstier");
        Assert.Contains("Rådet for Hyldebærstier", await FrontAsync(), StringComparison.Ordinal);
        Assert.Contains("Rådet for Hyldebærstier", await FrontAsync(english: true), StringComparison.Ordinal);
        await SetAsync<Organization, string>(council, o => o.Name, name);
        Assert.Equal(danish, await FrontAsync());

        var purpose = await SetAsync<Organization, string?>(council, o => o.Purpose, "Rådet rådgiver om stier & <bænke>.");
        Assert.Contains("Rådet rådgiver om stier &amp; &lt;bænke&gt;.", await FrontAsync(), StringComparison.Ordinal);
        await SetAsync<Organization, string?>(council, o => o.Purpose, purpose);

        var municipality = await SetAsync<Body, string>(body, b => b.Name, "Solsikke Kommune");
        Assert.Contains("Solsikke Kommune", await FrontAsync(), StringComparison.Ordinal);
        await SetAsync<Body, string>(body, b => b.Name, municipality);

        // The latest public minutes taken back: the list links to the council's minutes before them, or to none.
        var link = $"href=\"/moeder/{meeting}\"";
        Assert.Contains(link, danish, StringComparison.Ordinal);
        var state = await SetAsync<Meeting, MeetingState>(meeting, m => m.State, MeetingState.MinutesDrafted);
        Assert.DoesNotContain(link, await FrontAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(link, await FrontAsync(english: true), StringComparison.Ordinal);
        await SetAsync<Meeting, MeetingState>(meeting, m => m.State, state);

        Assert.Equal(danish, await FrontAsync());
        Assert.Equal(english, await FrontAsync(english: true));
    }

    /// <summary>Sets one property with a save, as the back office or an import changes a row; returns the value it had.</summary>
    private Task<TValue> SetAsync<TEntity, TValue>(int id, System.Linq.Expressions.Expression<Func<TEntity, TValue>> property, TValue value)
        where TEntity : Core.Common.Entity => WithContextAsync(async db =>
    {
        var entity = await db.Set<TEntity>().SingleAsync(e => e.Id == id);
        var entry = db.Entry(entity).Property(property);
        var before = entry.CurrentValue;
        entry.CurrentValue = value;
        await db.SaveChangesAsync();
        return before;
    });

    private async Task<T> WithContextAsync<T>(Func<ProtokolDbContext, Task<T>> work)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>());
    }
}

public sealed class FrontPageListOnSqliteTests(UncachedProtokolApp app) : FrontPageListTests(app), IClassFixture<UncachedProtokolApp>;

public sealed class FrontPageListOnPostgresTests(UncachedPostgresProtokolApp app) : FrontPageListTests(app), IClassFixture<UncachedPostgresProtokolApp>;
