using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Files;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Data.Portal;

namespace Protokol.Web.Tests;

/// <summary>
/// The meeting page's main content is kept as rendered (issue 17): what a reader gets from the kept HTML is the page rendered afresh
/// byte for byte, in each language, and every edit through a save (an item's title, minutes, decision, privacy and withdrawal, an
/// attachment and its file, the meeting's name and publication, a place, a person's publication level and aliases) shows at once.
/// </summary>
public abstract class KeptMeetingPageTests(ProtokolAppFactory app)
{
    private const string EnglishCookie = ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB";

    private async Task<string> GetAsync(int meeting, bool english = false)
    {
        var client = app.CreateClient();
        if (english)
        {
            client.DefaultRequestHeaders.Add("Cookie", EnglishCookie);
        }

        var response = await client.GetAsync(new Uri($"/moeder/{meeting}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The page as read now: after an edit the first read renders it (the kept key no longer matches) and keeps it, the second serves
    /// the kept HTML; both are the same bytes, and the kept row is current.
    /// </summary>
    private async Task<string> PageAsync(int meeting, bool english = false)
    {
        var first = await GetAsync(meeting, english);
        var second = await GetAsync(meeting, english);
        Assert.Equal(first, second);
        Assert.True(await KeptIsCurrentAsync(meeting, english));
        return second;
    }

    private async Task<bool> KeptIsCurrentAsync(int meeting, bool english)
    {
        var rows = await WithContextAsync(db => db.Set<KeptMeetingPageRow>().AsNoTracking().Where(p => p.MeetingId == meeting).ToListAsync());
        var row = Assert.Single(rows, r => r.Variant.StartsWith(english ? "en-GB/" : "da-DK/", StringComparison.Ordinal));
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<Core.Abstractions.IPortalQueries>();
        var kept = await queries.GetKeptMeetingPageAsync(meeting, row.Variant, CancellationToken.None);
        return kept is { Current: true } && kept.Html == row.Html;
    }

    private Task<int> SetAsync<TEntity, TValue>(int id, System.Linq.Expressions.Expression<Func<TEntity, TValue>> property, TValue value)
        where TEntity : Core.Common.Entity => WithContextAsync(async db =>
    {
        // The row changes as an import or the back office would change it, with a save.
        var entity = await db.Set<TEntity>().SingleAsync(e => e.Id == id);
        db.Entry(entity).Property(property).CurrentValue = value;
        return await db.SaveChangesAsync();
    });

    /// <summary>A meeting with public minutes and the first of its public items that has minutes and a decision.</summary>
    private Task<(int Meeting, int Item)> WithMinutesAsync() => WithContextAsync(async db =>
    {
        var m = await db.Meetings.AsNoTracking()
            .Where(m => m.State == MeetingState.MinutesPublished && m.Items.Any(i => i.IsPublic && i.Minutes != null && i.Decision != null))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, Item = m.Items.Where(i => i.IsPublic && i.Minutes != null && i.Decision != null).OrderBy(i => i.Id).Select(i => i.Id).First() })
            .FirstAsync();
        return (m.Id, m.Item);
    });

    [Fact]
    public async Task The_kept_page_is_the_page_rendered_afresh_in_each_language_and_is_what_is_served()
    {
        var (meeting, _) = await WithMinutesAsync();
        await WithContextAsync(db => db.Set<KeptMeetingPageRow>().Where(p => p.MeetingId == meeting).ExecuteDeleteAsync());
        var fresh = await GetAsync(meeting);
        Assert.Equal(fresh, await PageAsync(meeting));
        var english = await PageAsync(meeting, english: true);
        Assert.NotEqual(fresh, english);
        Assert.Contains("lang=\"en\"", english, StringComparison.Ordinal);
        Assert.Equal(2, await WithContextAsync(db => db.Set<KeptMeetingPageRow>().CountAsync(p => p.MeetingId == meeting)));
        Assert.Equal(fresh, await PageAsync(meeting));

        // The kept HTML is what the page writes while its key is current: marked in storage, the mark is served.
        await WithContextAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "MeetingPages" SET "Html" = {0} || "Html" WHERE "MeetingId" = {1} AND "Variant" LIKE 'da-DK/%'""", "<!-- kept -->", meeting));
        Assert.Contains("<!-- kept -->", await GetAsync(meeting), StringComparison.Ordinal);
        await WithContextAsync(db => db.Set<KeptMeetingPageRow>().Where(p => p.MeetingId == meeting).ExecuteDeleteAsync());
        Assert.Equal(fresh, await PageAsync(meeting));
    }

    [Fact]
    public async Task An_edited_meeting_item_minutes_decision_and_attachment_show_at_once()
    {
        var (meeting, item) = await WithMinutesAsync();
        Assert.DoesNotContain("Solsikkemødet", await PageAsync(meeting), StringComparison.Ordinal);

        await SetAsync<Meeting, string?>(meeting, m => m.Name, "Solsikkemødet");
        Assert.Contains("Solsikkemødet", await PageAsync(meeting), StringComparison.Ordinal);
        await SetAsync<AgendaItem, string>(item, i => i.Title, "Kløverstien");
        Assert.Contains("Kløverstien", await PageAsync(meeting), StringComparison.Ordinal);
        await SetAsync<AgendaItem, string?>(item, i => i.Minutes, "Udvalget drøftede markvandringen.");
        Assert.Contains("Udvalget drøftede markvandringen.", await PageAsync(meeting), StringComparison.Ordinal);
        await SetAsync<AgendaItem, string?>(item, i => i.Decision, "Godkendt med bemærkning om hyldeblomster.");
        Assert.Contains("Godkendt med bemærkning om hyldeblomster.", await PageAsync(meeting), StringComparison.Ordinal);

        // Closed: the title only; the minutes and the decision leave the page.
        await SetAsync<AgendaItem, bool>(item, i => i.IsPublic, false);
        var closed = await PageAsync(meeting);
        Assert.Contains("Kløverstien", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("Udvalget drøftede markvandringen.", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("hyldeblomster", closed, StringComparison.Ordinal);
        await SetAsync<AgendaItem, bool>(item, i => i.IsPublic, true);
        Assert.Contains("hyldeblomster", await PageAsync(meeting), StringComparison.Ordinal);

        await SetAsync<AgendaItem, bool>(item, i => i.Withdrawn, true);
        await SetAsync<AgendaItem, string?>(item, i => i.WithdrawnReason, "Sagen er trukket af forvaltningen.");
        Assert.Contains("Sagen er trukket af forvaltningen.", await PageAsync(meeting), StringComparison.Ordinal);

        // The minutes withdrawn from publication: no minutes, decisions or attendance on the page any more.
        await SetAsync<Meeting, MeetingState>(meeting, m => m.State, MeetingState.AgendaPublished);
        var agenda = await PageAsync(meeting);
        Assert.DoesNotContain("hyldeblomster", agenda, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"deltagere\"", agenda, StringComparison.Ordinal);
        await SetAsync<Meeting, MeetingState>(meeting, m => m.State, MeetingState.MinutesPublished);
        Assert.Contains("hyldeblomster", await PageAsync(meeting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_attachment_its_file_and_a_renamed_place_show_at_once()
    {
        var (meeting, attachment, sha256) = await WithContextAsync(async db =>
        {
            var a = await db.Attachments.AsNoTracking()
                .Where(x => x.IsPublic && x.Meeting.State >= MeetingState.AgendaPublished && db.StoredFiles.Any(f => f.Sha256 == x.Sha256))
                .OrderBy(x => x.Id).Select(x => new { x.MeetingId, x.Id, x.Sha256 }).FirstAsync();
            return (a.MeetingId, a.Id, a.Sha256);
        });
        var link = $"/moeder/{meeting}/bilag/{attachment}/";
        Assert.Contains(link, await PageAsync(meeting), StringComparison.Ordinal);
        await SetAsync<Attachment, string>(attachment, a => a.Title, "Oplæg om Kløvermarken");
        Assert.Contains("Oplæg om Kløvermarken", await PageAsync(meeting), StringComparison.Ordinal);

        // The file removed from storage: the attachment is listed without its link (nothing on the attachment's row changes).
        var file = await WithContextAsync(async db =>
        {
            var f = await db.StoredFiles.SingleAsync(f => f.Sha256 == sha256);
            db.StoredFiles.Remove(f);
            await db.SaveChangesAsync();
            return (f.Content, f.MediaType);
        });
        try
        {
            Assert.DoesNotContain(link, await PageAsync(meeting), StringComparison.Ordinal);
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                db.StoredFiles.Add(new StoredFile(file.Content, file.MediaType));
                return await db.SaveChangesAsync();
            });
        }

        Assert.Contains(link, await PageAsync(meeting), StringComparison.Ordinal);

        var (placed, location) = await WithContextAsync(async db =>
        {
            var m = await db.Meetings.AsNoTracking().Where(x => x.State >= MeetingState.AgendaPublished && x.LocationId != null)
                .OrderBy(x => x.Id).Select(x => new { x.Id, x.LocationId }).FirstAsync();
            return (m.Id, m.LocationId!.Value);
        });
        Assert.DoesNotContain("Solsikkesalen", await PageAsync(placed), StringComparison.Ordinal);
        await SetAsync<Location, string>(location, l => l.Name, "Solsikkesalen");
        Assert.Contains("Solsikkesalen", await PageAsync(placed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_shown_by_role_only_and_a_new_alias_leave_the_kept_page_at_once()
    {
        var (meeting, person, name) = await WithContextAsync(async db =>
        {
            var present = await db.Set<Attendance>().AsNoTracking()
                .Where(a => a.Status == AttendanceStatus.Present && a.Meeting.State >= MeetingState.MinutesPublished)
                .Join(db.People.Where(p => p.Publication == PublicationLevel.Named), a => a.PersonId, p => p.Id, (a, p) => new { a.MeetingId, p.Id, p.Name })
                .OrderBy(a => a.MeetingId).FirstAsync();
            return (present.MeetingId, present.Id, present.Name);
        });
        var link = $"href=\"/personer/{person}\"";
        Assert.Contains(link, await PageAsync(meeting), StringComparison.Ordinal);
        await SetPublicationAsync(person, PublicationLevel.RoleOnly);
        try
        {
            var withheld = await PageAsync(meeting);
            Assert.DoesNotContain(link, withheld, StringComparison.Ordinal);
            Assert.DoesNotContain(name, withheld, StringComparison.Ordinal);

            // Only an alias is added (not the meeting, its items or the person's row): a title naming it is withheld at once.
            var item = await WithContextAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting && i.IsPublic).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
            await SetAsync<AgendaItem, string>(item, i => i.Title, "Bodil Fiktivsens forslag");
            Assert.Contains("Bodil Fiktivsens forslag", await PageAsync(meeting), StringComparison.Ordinal);
            await WithContextAsync(async db =>
            {
                (await db.People.Include(p => p.Aliases).SingleAsync(p => p.Id == person)).AddAlias("Bodil Fiktivsen");
                return await db.SaveChangesAsync();
            });
            Assert.DoesNotContain("Bodil Fiktivsen", await PageAsync(meeting), StringComparison.Ordinal);
        }
        finally
        {
            await SetPublicationAsync(person, PublicationLevel.Named);
        }

        Assert.Contains(link, await PageAsync(meeting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_that_does_not_exist_is_not_found_and_keeps_nothing()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/moeder/987654", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await WithContextAsync(db => db.Set<KeptMeetingPageRow>().CountAsync(p => p.MeetingId == 987654)));
    }

    private Task<int> SetPublicationAsync(int person, PublicationLevel level) => WithContextAsync(async db =>
    {
        (await db.People.SingleAsync(p => p.Id == person)).SetPublication(level, level == PublicationLevel.RoleOnly ? "Borgerrepræsentant" : null);
        return await db.SaveChangesAsync();
    });

    private async Task<T> WithContextAsync<T>(Func<ProtokolDbContext, Task<T>> work)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>());
    }
}

public sealed class KeptMeetingPageOnSqliteTests(UncachedProtokolApp app) : KeptMeetingPageTests(app), IClassFixture<UncachedProtokolApp>;

public sealed class KeptMeetingPageOnPostgresTests(UncachedPostgresProtokolApp app) : KeptMeetingPageTests(app), IClassFixture<UncachedPostgresProtokolApp>;
