using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Web.OParl;

namespace Protokol.Web.Tests;

/// <summary>
/// The Meeting and AgendaItem objects the meeting lists and the agenda-item list copy from their kept bytes (issue 17) follow every
/// input at once: after each edit the kept object is the object written afresh (<c>/meeting/N</c>, <c>/agendaitem/N</c> write it
/// per request), and the edit shows in it.
/// </summary>
public abstract class OParlKeptObjectTests(ProtokolAppFactory app)
{
    private const string Origin = "http://localhost";

    /// <summary>The Meeting object as the lists serve it (kept, or written and kept now) under <paramref name="origin"/>.</summary>
    private async Task<string> KeptMeetingAsync(int meeting, string origin = Origin)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var urls = new OParlUrls(origin);
        var objects = await OParlKeptObjects.MeetingsAsync(queries, new OParlMeetingWriter(queries, urls), urls, [meeting], CancellationToken.None);
        return Encoding.UTF8.GetString(objects[meeting]);
    }

    private async Task<string> KeptItemAsync(int item)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var urls = new OParlUrls(Origin);
        var objects = await OParlKeptObjects.AgendaItemsAsync(queries, new OParlMeetingWriter(queries, urls), urls, [item], CancellationToken.None);
        return Encoding.UTF8.GetString(objects[item]);
    }

    private async Task<string> FreshAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(Origin + "/oparl/v1" + path, UriKind.Absolute));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The meeting's object from the lists, equal to the one written afresh, and found kept (current) by the next read.</summary>
    private async Task<string> MeetingAsync(int meeting)
    {
        var kept = await KeptMeetingAsync(meeting);
        Assert.Equal(await FreshAsync($"/meeting/{meeting}"), kept);
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var keys = await queries.KeptMeetingsAsync([meeting], OParlKeptObjects.Writer(queries, new OParlUrls(Origin)), CancellationToken.None);
        Assert.True(Assert.Single(keys).Current);
        return kept;
    }

    /// <summary>The item's object from the item list (kept, or written and kept now), equal to the one written afresh.</summary>
    private async Task<string> ItemAsync(int item)
    {
        var kept = await KeptItemAsync(item);
        Assert.Equal(await FreshAsync($"/agendaitem/{item}"), kept);
        return kept;
    }

    private Task<(int Meeting, int Item)> PublishedAsync() => WithContextAsync(async db =>
    {
        var m = await db.Meetings.AsNoTracking().Where(m => m.State == MeetingState.MinutesPublished && m.Items.Any(i => i.IsPublic))
            .OrderBy(m => m.Id).Select(m => new { m.Id, Item = m.Items.Where(i => i.IsPublic).OrderBy(i => i.Id).Select(i => i.Id).First() }).FirstAsync();
        return (m.Id, m.Item);
    });

    private Task<int> SetAsync<TEntity, TValue>(int id, System.Linq.Expressions.Expression<Func<TEntity, TValue>> property, TValue value)
        where TEntity : Core.Common.Entity => WithContextAsync(async db =>
    {
        // No page edits these fields directly: the row changes as an import or the back office would change it, with a save.
        var entity = await db.Set<TEntity>().SingleAsync(e => e.Id == id);
        db.Entry(entity).Property(property).CurrentValue = value;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task An_edited_meeting_and_an_edited_item_show_in_the_kept_objects_at_once()
    {
        var (meeting, item) = await PublishedAsync();
        Assert.DoesNotContain("Solsikkemødet", await MeetingAsync(meeting), StringComparison.Ordinal);
        Assert.DoesNotContain("Kløverstien", await ItemAsync(item), StringComparison.Ordinal);

        await SetAsync<Meeting, string?>(meeting, m => m.Name, "Solsikkemødet");
        Assert.Contains("Solsikkemødet", await MeetingAsync(meeting), StringComparison.Ordinal);

        await SetAsync<AgendaItem, string>(item, i => i.Title, "Kløverstien");
        Assert.Contains("Kløverstien", await MeetingAsync(meeting), StringComparison.Ordinal);
        Assert.Contains("Kløverstien", await ItemAsync(item), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_shown_by_role_only_leaves_the_kept_meeting_at_once()
    {
        var (meeting, person) = await WithContextAsync(async db =>
        {
            var present = await db.Set<Attendance>().AsNoTracking()
                .Where(a => a.Status == AttendanceStatus.Present && a.Meeting.State >= MeetingState.MinutesPublished)
                .Join(db.People.Where(p => p.Publication == PublicationLevel.Named), a => a.PersonId, p => p.Id, (a, p) => new { a.MeetingId, p.Id })
                .OrderBy(a => a.MeetingId).FirstAsync();
            return (present.MeetingId, present.Id);
        });
        var url = $"{Origin}/oparl/v1/person/{person}\"";
        Assert.Contains(url, await MeetingAsync(meeting), StringComparison.Ordinal);

        await WithContextAsync(async db =>
        {
            (await db.People.SingleAsync(p => p.Id == person)).SetPublication(PublicationLevel.RoleOnly, "Borgerrepræsentant");
            return await db.SaveChangesAsync();
        });
        try
        {
            Assert.DoesNotContain(url, await MeetingAsync(meeting), StringComparison.Ordinal);
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                (await db.People.SingleAsync(p => p.Id == person)).SetPublication(PublicationLevel.Named, null);
                return await db.SaveChangesAsync();
            });
        }

        Assert.Contains(url, await MeetingAsync(meeting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_attendance_and_a_hearing_treated_and_removed_show_in_the_kept_objects_at_once()
    {
        // The meeting's stamp (session 11) stands for its items', attendance's and hearings' rows in the key: each save below goes
        // through the context's normal save, and the kept object that follows must be the one written afresh.
        var (meeting, attendance, person) = await WithContextAsync(async db =>
        {
            var present = await db.Set<Attendance>().AsNoTracking()
                .Where(a => a.Status == AttendanceStatus.Present && a.Meeting.State >= MeetingState.MinutesPublished)
                .Join(db.People.Where(p => p.Publication == PublicationLevel.Named), a => a.PersonId, p => p.Id, (a, p) => new { a.MeetingId, a.Id, Person = p.Id })
                .OrderBy(a => a.MeetingId).ThenBy(a => a.Id).FirstAsync();
            return (present.MeetingId, present.Id, present.Person);
        });
        var item = await WithContextAsync(db => db.AgendaItems.AsNoTracking()
            .Where(i => i.MeetingId == meeting && i.IsPublic && !db.Hearings.Any(h => h.AgendaItemId == i.Id)).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var before = await MeetingAsync(meeting);
        var itemBefore = await ItemAsync(item);

        await SetAsync<Attendance, AttendanceStatus>(attendance, a => a.Status, AttendanceStatus.Absent);
        var absent = await MeetingAsync(meeting);
        Assert.NotEqual(before, absent);
        await SetAsync<Attendance, AttendanceStatus>(attendance, a => a.Status, AttendanceStatus.Present);
        Assert.Equal(before, await MeetingAsync(meeting));
        Assert.Contains($"{Origin}/oparl/v1/person/{person}\"", before, StringComparison.Ordinal);

        // A hearing treated at one of the meeting's items is the item's consultation; removed, it is gone again.
        var hearing = await WithContextAsync(async db =>
        {
            var council = await db.Meetings.Where(m => m.Id == meeting).Select(m => m.Organization).SingleAsync();
            var added = new Core.Hearings.Hearing(council, "Høring om Kløverstien", null, null, new DateOnly(2026, 1, 31));
            added.TreatAt(await db.AgendaItems.SingleAsync(i => i.Id == item));
            db.Hearings.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var consultation = $"{Origin}/oparl/v1/consultation/{hearing}\"";
        try
        {
            Assert.Contains(consultation, await MeetingAsync(meeting), StringComparison.Ordinal);
            Assert.Contains(consultation, await ItemAsync(item), StringComparison.Ordinal);
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                db.Hearings.Remove(await db.Hearings.SingleAsync(h => h.Id == hearing));
                return await db.SaveChangesAsync();
            });
        }

        Assert.Equal(before, await MeetingAsync(meeting));
        Assert.Equal(itemBefore, await ItemAsync(item));
    }

    [Fact]
    public async Task An_alias_added_to_a_person_shown_by_role_only_leaves_the_kept_objects_at_once()
    {
        var (meeting, item) = await PublishedAsync();
        await SetAsync<AgendaItem, string>(item, i => i.Title, "Bodil Fiktivsens forslag");
        var person = await WithContextAsync(async db =>
        {
            var p = await db.People.Where(x => x.Publication == PublicationLevel.Named).OrderByDescending(x => x.Id).FirstAsync();
            p.SetPublication(PublicationLevel.RoleOnly, "Borgerrepræsentant");
            await db.SaveChangesAsync();
            return p.Id;
        });
        try
        {
            Assert.Contains("Bodil Fiktivsens forslag", await MeetingAsync(meeting), StringComparison.Ordinal);
            Assert.Contains("Bodil Fiktivsens forslag", await ItemAsync(item), StringComparison.Ordinal);

            // Only the alias changes: neither the meeting, its items nor the person's row.
            await WithContextAsync(async db =>
            {
                (await db.People.Include(p => p.Aliases).SingleAsync(p => p.Id == person)).AddAlias("Bodil Fiktivsen");
                return await db.SaveChangesAsync();
            });

            Assert.DoesNotContain("Bodil Fiktivsen", await MeetingAsync(meeting), StringComparison.Ordinal);
            Assert.DoesNotContain("Bodil Fiktivsen", await ItemAsync(item), StringComparison.Ordinal);
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
    public async Task A_renamed_location_and_an_edited_attachment_show_in_the_kept_objects_at_once()
    {
        var (meeting, location) = await WithContextAsync(async db =>
        {
            var m = await db.Meetings.AsNoTracking().Where(x => x.State >= MeetingState.AgendaPublished && x.LocationId != null)
                .OrderBy(x => x.Id).Select(x => new { x.Id, x.LocationId }).FirstAsync();
            return (m.Id, m.LocationId!.Value);
        });
        Assert.DoesNotContain("Solsikkesalen", await MeetingAsync(meeting), StringComparison.Ordinal);
        await SetAsync<Location, string>(location, l => l.Name, "Solsikkesalen");
        Assert.Contains("Solsikkesalen", await MeetingAsync(meeting), StringComparison.Ordinal);

        var (withFile, attachment, item) = await WithContextAsync(async db =>
        {
            var a = await db.Attachments.AsNoTracking().Where(x => x.IsPublic && x.AgendaItemId != null && x.Meeting.State >= MeetingState.AgendaPublished)
                .OrderBy(x => x.Id).Select(x => new { x.MeetingId, x.Id, x.AgendaItemId }).FirstAsync();
            return (a.MeetingId, a.Id, a.AgendaItemId!.Value);
        });
        Assert.DoesNotContain("Oplæg om Kløvermarken", await MeetingAsync(withFile), StringComparison.Ordinal);
        Assert.DoesNotContain("Oplæg om Kløvermarken", await ItemAsync(item), StringComparison.Ordinal);
        await SetAsync<Attachment, string>(attachment, a => a.Title, "Oplæg om Kløvermarken");
        Assert.Contains("Oplæg om Kløvermarken", await MeetingAsync(withFile), StringComparison.Ordinal);
        Assert.Contains("Oplæg om Kløvermarken", await ItemAsync(item), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_approved_at_a_later_meeting_shows_in_the_kept_objects_at_once()
    {
        var (meeting, _) = await PublishedAsync();
        var before = await MeetingAsync(meeting);
        var next = await WithContextAsync(async db =>
        {
            var m = await db.Meetings.Include(x => x.Organization).SingleAsync(x => x.Id == meeting);
            var next = await db.Meetings.Include(x => x.Items).Include(x => x.Organization)
                .Where(x => x.OrganizationId == m.OrganizationId && x.Date > m.Date && x.State == MeetingState.Planned && x.CancelledAt == null && x.Items.Any())
                .OrderBy(x => x.Date).FirstAsync();
            next.PublishAgenda(app.Clock.GetUtcNow().UtcDateTime);
            next.MarkHeld(next.Date);
            m.ApproveMinutes(next);
            await db.SaveChangesAsync();
            return next.Id;
        });
        try
        {
            Assert.NotEqual(before, await MeetingAsync(meeting));
            await MeetingAsync(next);
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                var m = await db.Meetings.SingleAsync(x => x.Id == meeting);
                db.Entry(m).Property(x => x.State).CurrentValue = MeetingState.MinutesPublished;
                db.Entry(m).Property(x => x.MinutesApprovedById).CurrentValue = null;
                return await db.SaveChangesAsync();
            });
        }

        Assert.Equal(before, await MeetingAsync(meeting));
    }

    [Fact]
    public async Task A_run_of_ids_read_as_a_range_sees_an_edit_in_its_middle_and_leaves_out_the_ids_not_asked_for()
    {
        // Five meetings in a row, each with public items; the second is not asked for. The four ids asked for span five, so their
        // keys are read as the range from the first to the last id (session 9), which reads the second meeting's rows too; the same
        // for the items asked for (those of the four meetings but one), which span the second meeting's items.
        var run = await WithContextAsync(db => db.Meetings.AsNoTracking()
            .Where(m => m.State >= MeetingState.AgendaPublished && m.Items.Count(i => i.IsPublic) >= 2)
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
        var first = Enumerable.Range(0, run.Count - 4).First(i => run[i + 4] - run[i] == 4);
        int[] meetings = [run[first], run[first + 2], run[first + 3], run[first + 4]];
        var middle = meetings[1];
        var items = await WithContextAsync(db => db.AgendaItems.AsNoTracking()
            .Where(i => i.IsPublic && meetings.Contains(i.MeetingId)).OrderBy(i => i.Id).Select(i => new { i.Id, i.MeetingId }).ToListAsync());
        var edited = items.First(i => i.MeetingId == middle).Id;
        var skippedItem = items.First(i => i.MeetingId == middle && i.Id != edited).Id;
        var askedItems = items.Select(i => i.Id).Where(i => i != skippedItem).ToArray();

        async Task<(IReadOnlyList<OParlKeptObject> Meetings, IReadOnlyList<OParlKeptObject> Items)> KeysAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
            var writer = OParlKeptObjects.Writer(queries, new OParlUrls(Origin));
            return (await queries.KeptMeetingsAsync(meetings, writer, CancellationToken.None), await queries.KeptAgendaItemsAsync(askedItems, writer, CancellationToken.None));
        }

        foreach (var meeting in meetings)
        {
            await MeetingAsync(meeting);
        }

        var (keptMeetings, keptItems) = await KeysAsync();
        Assert.Equal(meetings, keptMeetings.Select(k => k.Id).Order());
        Assert.All(keptMeetings, k => Assert.True(k.Current));
        Assert.Equal(askedItems, keptItems.Select(k => k.Id).Order());
        Assert.All(keptItems, k => Assert.True(k.Current));

        await SetAsync<AgendaItem, string>(edited, i => i.Title, "Solsikkestien");
        (keptMeetings, keptItems) = await KeysAsync();
        Assert.Equal(meetings, keptMeetings.Select(k => k.Id).Order());
        Assert.Equal([middle], keptMeetings.Where(k => !k.Current).Select(k => k.Id));
        Assert.Equal(items.Where(i => i.MeetingId == middle && i.Id != skippedItem).Select(i => i.Id), keptItems.Where(k => !k.Current).Select(k => k.Id).Order());
        Assert.Contains("Solsikkestien", await MeetingAsync(middle), StringComparison.Ordinal);
        Assert.Contains("Solsikkestien", await ItemAsync(edited), StringComparison.Ordinal);
        Assert.All((await KeysAsync()).Meetings, k => Assert.True(k.Current));
    }

    [Fact]
    public async Task A_kept_object_is_written_again_under_another_public_address()
    {
        var (meeting, _) = await PublishedAsync();
        var here = await MeetingAsync(meeting);
        var there = await KeptMeetingAsync(meeting, "https://portal.example");
        Assert.Equal(here.Replace(Origin, "https://portal.example", StringComparison.Ordinal), there);
        Assert.Equal(here, await MeetingAsync(meeting));
    }

    [Fact]
    public async Task Readers_writing_the_same_stale_object_at_once_each_get_it_and_keep_one()
    {
        var (meeting, item) = await PublishedAsync();
        await MeetingAsync(meeting);
        await SetAsync<AgendaItem, string>(item, i => i.Title, "Markvandringen");

        // Readers of their own (a context and connection each, as two portal processes have) find the object stale at once.
        var objects = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => KeptMeetingAsync(meeting))));
        Assert.Single(objects.Distinct(StringComparer.Ordinal));
        Assert.Contains("Markvandringen", objects[0], StringComparison.Ordinal);
        Assert.Equal(objects[0], await MeetingAsync(meeting));
        Assert.Equal(1, await WithContextAsync(db => db.Set<Data.OParl.KeptMeetingObject>().CountAsync(t => t.MeetingId == meeting)));
        Assert.Equal(1, await WithContextAsync(db => db.Set<Data.OParl.KeptAgendaItemObject>().CountAsync(t => t.AgendaItemId == item)));
    }

    /// <summary>The Person object as the people list serves it (kept, or written and kept now), equal to the one written afresh, and found kept by the next read.</summary>
    private async Task<string> PersonAsync(int person)
    {
        string kept;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
            var urls = new OParlUrls(Origin);
            kept = Encoding.UTF8.GetString((await OParlPeopleWriter.PeopleAsync(queries, urls, [person], CancellationToken.None))[person]);
            var keys = await queries.KeptPeopleAsync([person], OParlKeptObjects.Writer(queries, urls), CancellationToken.None);
            Assert.True(Assert.Single(keys).Current);
        }

        Assert.Equal(await FreshAsync($"/person/{person}"), kept);
        return kept;
    }

    [Fact]
    public async Task An_edited_person_seat_and_publication_show_in_the_kept_person_at_once()
    {
        var (person, seat) = await WithContextAsync(async db =>
        {
            var m = await db.Memberships.AsNoTracking().Where(m => m.Person.Publication == PublicationLevel.Named)
                .OrderBy(m => m.PersonId).Select(m => new { m.PersonId, m.Id }).FirstAsync();
            return (m.PersonId, m.Id);
        });
        var before = await PersonAsync(person);
        Assert.DoesNotContain("Solvej Kløvermark", before, StringComparison.Ordinal);
        Assert.Contains($"/oparl/v1/membership/{seat}\"", before, StringComparison.Ordinal);
        Assert.Equal(before, await PersonAsync(person));

        await SetAsync<Person, string>(person, p => p.Name, "Solvej Kløvermark");
        Assert.Contains("Solvej Kløvermark", await PersonAsync(person), StringComparison.Ordinal);

        await SetAsync<Membership, DateOnly?>(seat, m => m.End, new DateOnly(2031, 2, 3));
        Assert.Contains("\"endDate\":\"2031-02-03\"", await PersonAsync(person), StringComparison.Ordinal);

        // A seat's organization: the seat's row is a registry row, and so is its organization's.
        var other = await WithContextAsync(db => db.Organizations.AsNoTracking().Where(o => o.Id != db.Memberships.Where(m => m.Id == seat).Select(m => m.OrganizationId).First())
            .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        await SetAsync<Membership, int?>(seat, m => m.OnBehalfOfId, other);
        Assert.Contains($"\"onBehalfOf\":\"{Origin}/oparl/v1/organization/{other}\"", await PersonAsync(person), StringComparison.Ordinal);

        await WithContextAsync(async db =>
        {
            (await db.People.SingleAsync(p => p.Id == person)).SetPublication(PublicationLevel.RoleOnly, "Borgerrepræsentant");
            return await db.SaveChangesAsync();
        });
        try
        {
            var hidden = await PersonAsync(person);
            Assert.DoesNotContain("\"deleted\"", hidden, StringComparison.Ordinal);
            Assert.Contains("\"name\":\"Borgerrepr", hidden, StringComparison.Ordinal);
            Assert.DoesNotContain("Solvej", hidden, StringComparison.Ordinal);
        }
        finally
        {
            await WithContextAsync(async db =>
            {
                (await db.People.SingleAsync(p => p.Id == person)).SetPublication(PublicationLevel.Named, null);
                return await db.SaveChangesAsync();
            });
        }

        Assert.Contains("Solvej Kløvermark", await PersonAsync(person), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_people_list_serves_the_kept_person_and_shows_an_edit_at_once()
    {
        var person = await WithContextAsync(db => db.People.AsNoTracking().Where(p => p.Publication == PublicationLevel.Named).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var body = await WithContextAsync(db => db.People.AsNoTracking().Where(p => p.Id == person).Select(p => p.BodyId).FirstAsync());
        var client = app.CreateClient();
        async Task<(string Json, string? ETag)> ListAsync()
        {
            var response = await client.GetAsync(new Uri($"{Origin}/oparl/v1/body/{body}/person", UriKind.Absolute));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadAsStringAsync(), response.Headers.ETag?.Tag);
        }

        var first = await ListAsync();
        Assert.Equal(1, await WithContextAsync(db => db.Set<Data.OParl.KeptPersonObject>().CountAsync(t => t.PersonId == person)));
        var again = await ListAsync();
        Assert.Equal(first, again);
        Assert.NotNull(first.ETag);

        var name = await WithContextAsync(db => db.People.AsNoTracking().Where(p => p.Id == person).Select(p => p.Name).FirstAsync());
        await SetAsync<Person, string>(person, p => p.Name, "Asger Mosevang");
        try
        {
            var edited = await ListAsync();
            Assert.Contains("\"name\":\"Asger Mosevang\"", edited.Json, StringComparison.Ordinal);
            Assert.NotEqual(first.ETag, edited.ETag);
        }
        finally
        {
            await SetAsync<Person, string>(person, p => p.Name, name);
        }

        var back = await ListAsync();
        Assert.Contains($"\"name\":\"{name}\"", back.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("Asger Mosevang", back.Json, StringComparison.Ordinal);
    }

    private async Task<T> WithContextAsync<T>(Func<ProtokolDbContext, Task<T>> work)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>());
    }
}

public sealed class OParlKeptObjectOnSqliteTests(UncachedProtokolApp app) : OParlKeptObjectTests(app), IClassFixture<UncachedProtokolApp>;

public sealed class OParlKeptObjectOnPostgresTests(UncachedPostgresProtokolApp app) : OParlKeptObjectTests(app), IClassFixture<UncachedPostgresProtokolApp>;
