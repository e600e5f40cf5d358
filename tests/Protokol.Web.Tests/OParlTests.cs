using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>The official OParl 1.1 schemas in ../shared/oparl/schema, read at test time.</summary>
internal static class OParlSchemas
{
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "oparl", "schema");
            if (File.Exists(Path.Combine(candidate, "System.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the OParl schemas; skipped, with the reason, where ../shared is absent.</summary>
public sealed class OParlFactAttribute : FactAttribute
{
    public OParlFactAttribute()
    {
        if (OParlSchemas.Directory is null)
        {
            Skip = "The OParl schemas (../shared/oparl/schema beside the repository) are not on this machine.";
        }
    }
}

/// <summary>The OParl 1.1 API against the real app and the official schemas: every object type, paging, filters, tombstones, and nothing unpublished.</summary>
public sealed class OParlTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private const string Origin = "http://localhost";

    private readonly Dictionary<string, JsonSchema> _schemas = [];

    private async Task<JsonSchema> SchemaAsync(string type)
    {
        if (!_schemas.TryGetValue(type, out var schema))
        {
            _schemas[type] = schema = await JsonSchema.FromFileAsync(Path.Combine(OParlSchemas.Directory!, type + ".json"));
        }

        return schema;
    }

    private async Task<JsonObject> GetAsync(string url)
    {
        var response = await app.CreateClient().GetAsync(new Uri(url, UriKind.Absolute));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<HttpStatusCode> StatusAsync(string url) => (await app.CreateClient().GetAsync(new Uri(url, UriKind.Absolute))).StatusCode;

    /// <summary>Validates an object against its type's schema, then every object embedded in it against its own, and checks each URL is absolute.</summary>
    private async Task ValidateAsync(JsonObject json, HashSet<string> seen)
    {
        var type = json["type"]!.GetValue<string>();
        Assert.StartsWith("https://schema.oparl.org/1.1/", type, StringComparison.Ordinal);
        var name = type["https://schema.oparl.org/1.1/".Length..];
        seen.Add(name);
        var schema = await SchemaAsync(name);
        var errors = schema.Validate(json.ToJsonString());
        Assert.True(errors.Count == 0, $"{json["id"]} is not a valid {name}: {string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}"))}");
        if (json["deleted"]?.GetValue<bool>() == true)
        {
            Assert.Equal(["created", "deleted", "id", "modified", "type"], json.Select(p => p.Key).Order(StringComparer.Ordinal));
            return;
        }

        using var raw = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(OParlSchemas.Directory!, name + ".json")));
        foreach (var property in raw.RootElement.GetProperty("properties").EnumerateObject())
        {
            if (json[property.Name] is not { } value)
            {
                continue;
            }

            var definition = property.Value;
            var items = definition.TryGetProperty("items", out var i) ? i : (System.Text.Json.JsonElement?)null;
            var format = definition.TryGetProperty("format", out var f) ? f.GetString() : items?.TryGetProperty("format", out var itemFormat) == true ? itemFormat.GetString() : null;
            var values = value is JsonArray array ? array.Select(v => v!).ToList() : [value];
            if (format == "url")
            {
                Assert.All(values, v => Assert.True(
                    Uri.TryCreate(v.GetValue<string>(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                    && (property.Name == "website" || url.GetLeftPart(UriPartial.Authority) == Origin),
                    $"{json["id"]}: {property.Name} {v}"));
            }

            if (definition.TryGetProperty("schema", out _) || items?.TryGetProperty("schema", out _) == true)
            {
                // Embedded objects; a string here is the URL of an external list.
                foreach (var embedded in values.OfType<JsonObject>())
                {
                    await ValidateAsync(embedded, seen);
                }
            }
        }
    }

    /// <summary>Every page of a list, following links.next; checks the paging figures on the way.</summary>
    private async Task<List<JsonObject>> WalkAsync(string url)
    {
        var all = new List<JsonObject>();
        var first = await GetAsync(url);
        var total = first["pagination"]!["totalElements"]!.GetValue<int>();
        var page = first;
        for (var number = 1; ; number++)
        {
            Assert.Equal(number, page["pagination"]!["currentPage"]!.GetValue<int>());
            all.AddRange(page["data"]!.AsArray().Select(o => o!.AsObject()));
            if (page["links"]!["next"] is not { } next)
            {
                Assert.Equal(page["links"]!["self"]!.GetValue<string>(), page["links"]!["last"]!.GetValue<string>());
                break;
            }

            page = await GetAsync(next.GetValue<string>());
        }

        Assert.Equal(total, all.Count);
        Assert.Equal(all.Count, all.Select(o => o["id"]!.GetValue<string>()).Distinct().Count());
        return all;
    }

    [OParlFact]
    public async Task Every_object_type_from_the_system_object_down_validates_against_the_OParl_schemas()
    {
        _ = app.Services;

        // The validator bites: a wrong type and a missing required field are errors.
        Assert.NotEmpty((await SchemaAsync("Meeting")).Validate("{\"id\":\"http://localhost/x\",\"type\":\"https://schema.oparl.org/1.1/Paper\"}"));
        Assert.NotEmpty((await SchemaAsync("AgendaItem")).Validate("{\"id\":\"http://localhost/x\",\"type\":\"https://schema.oparl.org/1.1/AgendaItem\"}"));
        var seen = new HashSet<string>();
        var system = await GetAsync(Origin + "/oparl/v1/system");
        await ValidateAsync(system, seen);
        Assert.Equal("https://schema.oparl.org/1.1/", system["oparlVersion"]!.GetValue<string>());

        foreach (var body in await WalkAsync(system["body"]!.GetValue<string>()))
        {
            await ValidateAsync(body, seen);
            foreach (var list in new[] { "organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file", "locationList", "legislativeTermList" })
            {
                var objects = await WalkAsync(body[list]!.GetValue<string>());
                Assert.NotEmpty(objects);
                foreach (var o in objects)
                {
                    await ValidateAsync(o, seen);
                }

                // Each object's id is its own URL, serving the same object.
                var sample = objects[0];
                Assert.Equal(sample.ToJsonString(), (await GetAsync(sample["id"]!.GetValue<string>())).ToJsonString());
            }
        }

        Assert.Equal(["AgendaItem", "Body", "Consultation", "File", "LegislativeTerm", "Location", "Meeting", "Membership", "Organization", "Paper", "Person", "System"], seen.Order(StringComparer.Ordinal));
    }

    [OParlFact]
    public async Task A_list_of_more_than_one_page_is_walked_with_its_links_and_keeps_its_filters()
    {
        var pages = await GetAsync(Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=7");
        var total = pages["pagination"]!["totalElements"]!.GetValue<int>();
        Assert.True(total > 14, $"only {total} agenda items");
        Assert.Equal((total + 6) / 7, pages["pagination"]!["totalPages"]!.GetValue<int>());
        Assert.Null(pages["links"]!["prev"]);

        // The next link names the page and carries the last id as a cursor; the page by its number alone is the same page.
        var next = pages["links"]!["next"]!.GetValue<string>();
        Assert.StartsWith(Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=7&page=2&after=0-", next, StringComparison.Ordinal);
        Assert.Equal((await GetAsync(Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=7&page=2")).ToJsonString(), (await GetAsync(next)).ToJsonString());
        var walked = await WalkAsync(Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=7");
        Assert.Equal((await WalkAsync(Origin + "/oparl/v1/body/1/agendaItem")).Select(o => o["id"]!.ToString()), walked.Select(o => o["id"]!.ToString()));

        // Filters travel with the links; a later modified_since than anything returns an empty list; a bad value is named.
        var filtered = await GetAsync(Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=7&modified_since=2000-01-01T00%3A00%3A00%2B01%3A00");
        Assert.Contains("modified_since=2000-01-01T00%3A00%3A00%2B01%3A00", filtered["links"]!["next"]!.GetValue<string>(), StringComparison.Ordinal);
        var future = await GetAsync(Origin + "/oparl/v1/body/1/meeting?created_since=2099-01-01T00%3A00%3A00Z");
        Assert.Empty(future["data"]!.AsArray());
        Assert.Equal(25, future["pagination"]!["elementsPerPage"]!.GetValue<int>()); // meetings carry their items: fewer to a page
        Assert.Equal(1000, (await GetAsync(Origin + "/oparl/v1/body/1/agendaItem?elementsPerPage=5000"))["pagination"]!["elementsPerPage"]!.GetValue<int>());
        var bad = await app.CreateClient().GetAsync(new Uri(Origin + "/oparl/v1/body/1/meeting?modified_until=igår", UriKind.Absolute));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("modified_until", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [OParlFact]
    public async Task Drafts_closed_items_unpublished_minutes_and_withheld_names_never_leave_through_the_API()
    {
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).First();

        // The upcoming meeting is held and its minutes drafted, but not published.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var meeting = await db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == upcoming.Id);
            meeting.MarkHeld(meeting.Date);
            meeting.RecordMinutes(meeting.Items.OrderBy(i => i.Position).First(), "UDKAST-REFERAT", "UDKAST-BESLUTNING");
            meeting.RecordAttendance(await db.People.SingleAsync(p => p.Name == "Lene Bjerregaard"), AttendanceStatus.Present);
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();

        // A planned meeting is public with its time and place, as on the portal; its draft agenda is not.
        Assert.NotEmpty(planned.Items);
        var plannedMeeting = await GetAsync($"{Origin}/oparl/v1/meeting/{planned.Id}");
        Assert.Equal("terminiert", plannedMeeting["meetingState"]!.GetValue<string>());
        Assert.Null(plannedMeeting["agendaItem"]);
        Assert.Null(plannedMeeting["invitation"]);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"{Origin}/oparl/v1/file/m{planned.Id}"));
        foreach (var item in planned.Items)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"{Origin}/oparl/v1/agendaitem/{item.Id}"));
        }

        var everything = new List<string>();
        foreach (var list in new[] { "organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file", "locationList", "legislativeTermList" })
        {
            everything.AddRange((await WalkAsync($"{Origin}/oparl/v1/body/1/{list}")).Select(o => o.ToJsonString()));
        }

        var text = string.Join("\n", everything);
        Assert.Contains($"/oparl/v1/meeting/{planned.Id}\"", text, StringComparison.Ordinal);
        Assert.All(planned.Items, item => Assert.DoesNotContain($"/oparl/v1/agendaitem/{item.Id}\"", text, StringComparison.Ordinal));
        Assert.All(planned.Attachments, a => Assert.DoesNotContain($"/oparl/v1/file/a{a.Id}\"", text, StringComparison.Ordinal));
        Assert.DoesNotContain("UDKAST-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jens-Ole Vinther", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text.Replace("mailto", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // no e-mail addresses

        var held = await GetAsync($"{Origin}/oparl/v1/meeting/{upcoming.Id}");
        Assert.Equal("eingeladen", held["meetingState"]!.GetValue<string>());
        Assert.Null(held["participant"]);
        Assert.Null(held["resultsProtocol"]);
        Assert.NotNull(held["invitation"]);

        // Closed items: the title only.
        var closed = (await WalkAsync($"{Origin}/oparl/v1/body/1/agendaItem")).Where(i => i["public"]!.GetValue<bool>() == false).ToList();
        Assert.NotEmpty(closed);
        Assert.All(closed, i => Assert.Null(i["resolutionText"]));
        Assert.All(closed, i => Assert.Null(i["auxiliaryFile"]));

        // A person shown by role only is there, named by role as on the portal (not "deleted": a client would drop a live
        // person), without seats or a page; their seat has no person.
        int withheld;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            withheld = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().People.Where(p => p.Name == "Jens-Ole Vinther").Select(p => p.Id).SingleAsync();
        }

        var person = await GetAsync($"{Origin}/oparl/v1/person/{withheld}");
        Assert.Null(person["deleted"]);
        Assert.Equal("Brugerrepræsentant", person["name"]!.GetValue<string>());
        Assert.Equal(["body", "created", "id", "modified", "name", "type"], person.Select(p => p.Key).Order(StringComparer.Ordinal));
        await ValidateAsync(person, []);
        Assert.Contains(await WalkAsync($"{Origin}/oparl/v1/body/1/person"), p => p["id"]!.GetValue<string>() == person["id"]!.GetValue<string>() && p["deleted"] is null);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri($"/personer/{withheld}", UriKind.Relative))).StatusCode);
    }

    [OParlFact]
    public async Task A_file_embedded_in_a_meeting_or_item_carries_no_text_and_at_its_own_url_and_in_the_file_list_has_it()
    {
        static IEnumerable<JsonObject> Files(JsonNode? node) => node is JsonArray array ? array.Select(f => f!.AsObject()) : node is JsonObject file ? [file] : [];
        var meetings = await WalkAsync($"{Origin}/oparl/v1/body/1/meeting");
        var embedded = meetings.SelectMany(m => Files(m["resultsProtocol"]).Concat(Files(m["invitation"])).Concat(Files(m["auxiliaryFile"]))
            .Concat(Files(m["agendaItem"]).SelectMany(i => Files(i["auxiliaryFile"])))).ToList();
        Assert.Contains(embedded, f => f["id"]!.GetValue<string>().Contains("/file/m", StringComparison.Ordinal));
        Assert.Contains(embedded, f => f["id"]!.GetValue<string>().Contains("/file/a", StringComparison.Ordinal));
        Assert.All(embedded, f => Assert.Null(f["text"]));

        // The same File at its own URL: the embedded object plus its text (the minutes' or agenda's text for every meeting document).
        var withText = 0;
        foreach (var file in embedded)
        {
            var own = await GetAsync(file["id"]!.GetValue<string>());
            withText += own.Remove("text") ? 1 : 0;
            Assert.Equal(file.ToJsonString(), own.ToJsonString());
        }

        Assert.True(withText >= embedded.Count(f => f["id"]!.GetValue<string>().Contains("/file/m", StringComparison.Ordinal)), $"{withText} of {embedded.Count} with text");
        var listed = (await WalkAsync($"{Origin}/oparl/v1/body/1/file")).Where(f => f["id"]!.GetValue<string>().Contains("/file/m", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, f => Assert.False(string.IsNullOrWhiteSpace(f["text"]?.GetValue<string>())));
    }

    [OParlFact]
    public async Task A_removed_membership_stays_as_a_tombstone_with_its_creation_time()
    {
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var seat = await db.Memberships.Include(m => m.Person).FirstAsync(m => m.Person.Name == "Kirsten Brandt");
            id = seat.Id;
            Assert.Equal(HttpStatusCode.OK, await StatusAsync($"{Origin}/oparl/v1/membership/{id}"));
            db.Memberships.Remove(seat);
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();

        var tombstone = await GetAsync($"{Origin}/oparl/v1/membership/{id}");
        Assert.True(tombstone["deleted"]!.GetValue<bool>());
        Assert.Null(tombstone["organization"]);
        Assert.True(DateTimeOffset.Parse(tombstone["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            <= DateTimeOffset.Parse(tombstone["modified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var since = Uri.EscapeDataString(app.Clock.GetUtcNow().AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        var changed = await WalkAsync($"{Origin}/oparl/v1/body/1/membership?modified_since={since}");
        Assert.Contains(changed, m => m["id"]!.GetValue<string>().EndsWith($"/membership/{id}", StringComparison.Ordinal) && m["deleted"]?.GetValue<bool>() == true);
    }

    [OParlFact]
    public async Task Planned_and_cancelled_meetings_are_listed_as_on_the_portal_without_their_draft_agenda()
    {
        var planned = await app.DemoMeetingsAsync(MeetingState.Planned);
        Assert.True(planned.Count >= 2, "the demo plans more than one meeting");
        var cancelled = planned[1];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var meeting = await db.Meetings.SingleAsync(m => m.Id == cancelled.Id);
            meeting.Cancel("Ingen sager", app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();

        var seen = new HashSet<string>();
        var json = await GetAsync($"{Origin}/oparl/v1/meeting/{cancelled.Id}");
        await ValidateAsync(json, seen);
        Assert.True(json["cancelled"]!.GetValue<bool>());
        Assert.Equal("terminiert", json["meetingState"]!.GetValue<string>());
        Assert.Contains("Aflyst", json["keyword"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Null(json["agendaItem"]);
        Assert.Null(json["auxiliaryFile"]);
        Assert.Null(json["participant"]);
        Assert.Equal(Origin + $"/moeder/{cancelled.Id}", json["web"]!.GetValue<string>());
        Assert.NotNull(json["start"]);

        var open = await GetAsync($"{Origin}/oparl/v1/meeting/{planned[0].Id}");
        Assert.False(open["cancelled"]!.GetValue<bool>());
        Assert.Equal("terminiert", open["meetingState"]!.GetValue<string>());

        // In the body's and the council's meeting lists, in the same form as on their own.
        var listed = await WalkAsync($"{Origin}/oparl/v1/body/1/meeting");
        var byId = listed.ToDictionary(m => m["id"]!.GetValue<string>());
        Assert.Equal(json.ToJsonString(), byId[$"{Origin}/oparl/v1/meeting/{cancelled.Id}"].ToJsonString());
        Assert.All(planned, m => Assert.Equal("terminiert", byId[$"{Origin}/oparl/v1/meeting/{m.Id}"]["meetingState"]!.GetValue<string>()));
        var organization = (await GetAsync(byId[$"{Origin}/oparl/v1/meeting/{cancelled.Id}"]["organization"]!.AsArray()[0]!.GetValue<string>()))["meeting"]!.GetValue<string>();
        Assert.Contains((await WalkAsync(organization)).Select(m => m["id"]!.GetValue<string>()), id => id == $"{Origin}/oparl/v1/meeting/{cancelled.Id}");

        // Its place lists it among the meetings held or planned there.
        if (json["location"] is JsonObject location)
        {
            var place = await GetAsync(location["id"]!.GetValue<string>());
            Assert.Contains($"{Origin}/oparl/v1/meeting/{cancelled.Id}", place["meetings"]!.AsArray().Select(m => m!.GetValue<string>()));
        }

        // Held meetings are not cancelled.
        Assert.All(listed.Where(m => m["meetingState"]!.GetValue<string>() == "durchgeführt"), m => Assert.False(m["cancelled"]!.GetValue<bool>()));
    }

    [OParlFact]
    public async Task A_list_walked_by_its_cursor_has_the_pages_by_number_across_live_records_and_tombstones()
    {
        // A removed public attachment leaves a tombstone at the end of the file list.
        int removed;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var attachment = await db.Attachments.Where(a => a.IsPublic && (a.AgendaItem == null || a.AgendaItem.IsPublic) && a.Meeting.State >= MeetingState.AgendaPublished).OrderBy(a => a.Id).FirstAsync();
            removed = attachment.Id;
            db.Attachments.Remove(attachment);
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();

        // Attachments, agendas and minutes, imported originals, then tombstones: pages of 4 cross every part's end.
        var walked = await WalkAsync($"{Origin}/oparl/v1/body/1/file?elementsPerPage=4");
        var first = await GetAsync($"{Origin}/oparl/v1/body/1/file?elementsPerPage=4");
        var byNumber = new List<JsonObject>();
        for (var page = 1; page <= first["pagination"]!["totalPages"]!.GetValue<int>(); page++)
        {
            byNumber.AddRange((await GetAsync($"{Origin}/oparl/v1/body/1/file?elementsPerPage=4&page={page}"))["data"]!.AsArray().Select(o => o!.AsObject()));
        }

        Assert.Equal(byNumber.Select(o => o.ToJsonString()), walked.Select(o => o.ToJsonString()));
        Assert.Contains(walked, f => f["id"]!.GetValue<string>() == $"{Origin}/oparl/v1/file/a{removed}" && f["deleted"]?.GetValue<bool>() == true);
        Assert.Contains(walked, f => f["id"]!.GetValue<string>().Contains("/file/m", StringComparison.Ordinal));

        // The default page is sized by its bytes (10 Files: a text is 18–21 KB, docs/oparl.md): its links name no size, and
        // walking them gives the same list.
        var byDefault = await GetAsync($"{Origin}/oparl/v1/body/1/file");
        Assert.True(walked.Count > 10, $"only {walked.Count} files");
        Assert.Equal(10, byDefault["pagination"]!["elementsPerPage"]!.GetValue<int>());
        Assert.Equal(10, byDefault["data"]!.AsArray().Count);
        Assert.Equal((walked.Count + 9) / 10, byDefault["pagination"]!["totalPages"]!.GetValue<int>());
        Assert.StartsWith($"{Origin}/oparl/v1/body/1/file?page=2&after=", byDefault["links"]!["next"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(walked.Select(o => o.ToJsonString()), (await WalkAsync($"{Origin}/oparl/v1/body/1/file")).Select(o => o.ToJsonString()));

        // A cursor that is no position is named.
        var bad = await app.CreateClient().GetAsync(new Uri(Origin + "/oparl/v1/body/1/file?page=2&after=x7", UriKind.Absolute));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("after", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [OParlFact]
    public async Task The_people_membership_and_organization_lists_write_each_object_as_it_reads_at_its_own_url()
    {
        // The lists are written straight from their records, the objects at their own URLs as JSON nodes: the same bytes.
        // Filtered too, the person list holds the people shown by role only, named by role.
        var filter = "?elementsPerPage=7&modified_since=2000-01-01T00%3A00%3A00%2B01%3A00";
        foreach (var list in new[] { "person", "membership", "organization", "person" + filter, "membership" + filter })
        {
            var objects = await WalkAsync($"{Origin}/oparl/v1/body/1/{list}");
            Assert.NotEmpty(objects);
            foreach (var json in objects)
            {
                Assert.Equal((await GetAsync(json["id"]!.GetValue<string>())).ToJsonString(), json.ToJsonString());
            }

            if (list.StartsWith("person", StringComparison.Ordinal))
            {
                Assert.Contains(objects, o => o["name"]?.GetValue<string>() == "Brugerrepræsentant" && o["deleted"] is null);
                Assert.DoesNotContain(objects, o => o.ToJsonString().Contains("Jens-Ole", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData("page=-3", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=0", "page")]
    [InlineData("elementsPerPage=0", "elementsPerPage")]
    [InlineData("elementsPerPage=-5", "elementsPerPage")]
    [InlineData("elementsPerPage=abc", "elementsPerPage")]
    public async Task A_page_or_page_size_that_is_no_positive_number_is_named_not_read_as_the_first_page(string parameter, string name)
    {
        foreach (var list in new[] { "agendaItem", "file", "person" })
        {
            var response = await app.CreateClient().GetAsync(new Uri($"{Origin}/oparl/v1/body/1/{list}?{parameter}", UriKind.Absolute));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.StartsWith(name + ":", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Origin + "/oparl/v1/body/1/agendaItem?page=2&elementsPerPage=3"));
    }

    [Fact]
    public async Task Errors_of_the_APIs_are_JSON_problems_not_the_portals_HTML_page()
    {
        foreach (var path in new[] { "/oparl/v1/meeting/999999", "/oparl/v1/nothing-here", "/api/nothing-here", "/oparl/v1/file/zz" })
        {
            var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(404, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
        }

        // People still get the Danish page.
        var page = await app.CreateClient().GetAsync(new Uri("/moeder/999999", UriKind.Relative));
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>The portal with every SQL statement its contexts run counted, without the page cache and the search poller.</summary>
public sealed class StatementCountingApp : ProtokolAppFactory
{
    public StatementCounter Statements { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Protokol:PageCache", "false");
        builder.UseSetting("Protokol:Search:PollSeconds", "3600");
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<ProtokolDbContext>(o => o.AddInterceptors(Statements));

            // And the statements of the public reads' kept connections, which do not go through EF Core.
            services.AddSingleton(sp => new Protokol.Data.Portal.ReadSessions(sp.GetRequiredService<DatabaseSettings>()) { Executed = Statements.Record });

            // Page boundaries every 2 entries, so that the demo's lists have many.
            services.AddSingleton(new Protokol.Data.OParl.OParlListIndex(TimeProvider.System, stride: 2));
        });
    }
}

public sealed class StatementCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    private int _count;

    private System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>The statements since the last <see cref="Reset"/>.</summary>
    public IReadOnlyCollection<string> Texts => _texts;

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _texts = new();
    }

    /// <summary>A statement run on the public reads' kept connections (<see cref="Protokol.Data.Portal.ReadSessions.Executed"/>), not through EF Core.</summary>
    public void Record(string sql)
    {
        Interlocked.Increment(ref _count);
        _texts.Enqueue(sql);
    }

    public override System.Data.Common.DbCommand CommandInitialized(Microsoft.EntityFrameworkCore.Diagnostics.CommandEndEventData eventData, System.Data.Common.DbCommand result)
    {
        Interlocked.Increment(ref _count);
        _texts.Enqueue(result.CommandText);
        return result;
    }
}

/// <summary>A list page reads its objects set-based: the same few statements for 2 objects as for 25 or 100.</summary>
public sealed class OParlStatementTests(StatementCountingApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<StatementCountingApp>
{
    private async Task<(int Statements, JsonObject Page)> ReadAsync(string path)
    {
        using var client = app.CreateClient();
        app.Statements.Reset();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var statements = app.Statements.Count;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (statements, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Theory]
    [InlineData("meeting", 25)]
    [InlineData("agendaItem", 100)]
    [InlineData("file", 25)]
    [InlineData("person", 100)]
    [InlineData("organization", 100)]
    [InlineData("paper", 100)]
    public async Task A_page_costs_the_same_statements_whatever_its_size_and_number(string list, int size)
    {
        _ = app.Services;

        // The first request reads the list's figures (the sizes of its parts, its tombstones) and keeps them; later pages do not.
        var (cold, _) = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=2");
        var (small, smallPage) = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=2");
        Assert.InRange(small, 1, cold);
        var (large, largePage) = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage={size}");
        Assert.True(largePage["data"]!.AsArray().Count > 2 || largePage["pagination"]!["totalElements"]!.GetValue<int>() <= 2, $"{list}: too few objects to compare");

        // The page after a cursor: keyset, the same statements again.
        var (next, _) = await ReadAsync(new Uri(smallPage["links"]!["next"]!.GetValue<string>()).PathAndQuery);
        Assert.DoesNotContain(app.Statements.Texts, sql => sql.Contains("OFFSET", StringComparison.OrdinalIgnoreCase));
        _ = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=3&page=2");
        Assert.Contains(app.Statements.Texts, sql => sql.Contains("OFFSET", StringComparison.OrdinalIgnoreCase)); // the check bites: by number, a page skips the ids between the kept boundary and its start

        // Statements are skipped for rows a page does not have (a page of planned meetings reads no agenda), never added per object:
        // counts per part, the page's ids, then one statement per kind of row (meetings, items, attendance, guests, attachments, hearings, seats, withheld names).
        output.WriteLine($"{list}: {small} statements for 2 objects, {large} for {largePage["data"]!.AsArray().Count}, {next} for the page after a cursor");
        Assert.InRange(large, 1, 18);
        Assert.InRange(small, 1, large);
        Assert.InRange(next, 1, large);
    }

    [Theory]
    [InlineData("agendaItem")]
    [InlineData("meeting")]
    [InlineData("file")]
    [InlineData("membership")]
    public async Task A_page_reads_the_lists_version_and_its_first_ids_in_one_command(string list)
    {
        _ = app.Services;
        static bool Version(string sql) => sql.Contains("\"AuditLog\"", StringComparison.Ordinal);
        static bool Ids(string sql) => sql.Contains("@p1", StringComparison.Ordinal) && sql.Contains("LIMIT @p3", StringComparison.Ordinal);

        // The list's start, the page after a cursor, and a later page by number once the list and its boundaries are kept (the
        // first read of a late page reads the boundaries, after the version).
        var (_, first) = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=2");
        var pages = first["pagination"]!["totalPages"]!.GetValue<int>();
        Assert.True(pages >= 3, $"{list}: {pages} pages");
        var late = $"/oparl/v1/body/1/{list}?elementsPerPage=2&page={pages - 1}";
        _ = await ReadAsync(late);
        foreach (var path in new[] { $"/oparl/v1/body/1/{list}?elementsPerPage=2", new Uri(first["links"]!["next"]!.GetValue<string>()).PathAndQuery, late })
        {
            _ = await ReadAsync(path);
            var versions = app.Statements.Texts.Where(Version).ToList();
            Assert.True(Ids(Assert.Single(versions)), $"{path}: the version was read without the page's ids");
            Assert.DoesNotContain(app.Statements.Texts, sql => Ids(sql) && !Version(sql));
        }
    }

    [Theory]
    [InlineData("agendaItem")]
    [InlineData("meeting")]
    [InlineData("person")]
    public async Task A_late_page_by_number_costs_what_the_same_page_after_a_cursor_costs(string list)
    {
        _ = app.Services;
        var (_, first) = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=2");
        var pages = first["pagination"]!["totalPages"]!.GetValue<int>();
        Assert.True(pages >= 4, $"{list}: {pages} pages");
        var late = pages - 1;

        // The list's figures and page boundaries are read once and kept; then a page by number is read by key from the boundary below it.
        _ = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=2&page={late}");
        var (_, previous) = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=2&page={late - 1}");
        var (byCursor, same) = await ReadAsync(new Uri(previous["links"]!["next"]!.GetValue<string>()).PathAndQuery);
        var (byNumber, page) = await ReadAsync($"/oparl/v1/body/1/{list}?elementsPerPage=2&page={late}");
        Assert.Equal(page["data"]!.ToJsonString(), same["data"]!.ToJsonString());
        Assert.Equal(byCursor, byNumber);
        Assert.DoesNotContain(app.Statements.Texts, sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase) || sql.Contains("OFFSET", StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"{list}: page {late} of {pages} by number {byNumber} statements, after a cursor {byCursor}");
    }
}
