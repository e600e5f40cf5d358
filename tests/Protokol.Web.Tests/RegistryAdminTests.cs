using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Registry;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>The secretary's registry through the web layer: people, publication level, memberships, merging duplicates, councils and their standing items.</summary>
public sealed class RegistryAdminTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<T> QueryAsync<T>(Func<ProtokolDbContext, Task<T>> query)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>());
    }

    private Task<Person> PersonAsync(string name) =>
        QueryAsync(db => db.People.Include(p => p.Aliases).SingleAsync(p => p.Name == name));

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, string> Details(Person p, string publication, string? publicRole = null, string? alias = null) => new()
    {
        ["version"] = p.Version.ToString(CultureInfo.InvariantCulture), ["name"] = p.Name, ["email"] = p.Email ?? "",
        ["publication"] = publication, ["publicRole"] = publicRole ?? "", ["alias"] = alias ?? "",
    };

    [Fact]
    public async Task A_new_member_is_added_with_a_new_represented_organisation_and_appears_on_the_council_page()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var body = await QueryAsync(db => db.Bodies.Select(b => b.Id).FirstAsync());
        var council = await QueryAsync(db => db.Organizations.SingleAsync(o => o.Slug == "udsatteraadet"));

        var added = await Staff.SubmitAsync(client, "/admin/personer", "/admin/personer", new()
        {
            ["body"] = Id(body), ["name"] = "Karl Emil Strand", ["email"] = "karl@gadeholdet.example", ["publication"] = "Named",
        });
        var path = added.Headers.Location!.OriginalString;
        Assert.Matches(@"^/admin/personer/\d+$", path);

        // Each save says what it did, once (issue 13, item 7: no confirmation after creating a person).
        var created = await Staff.PageAsync(client, path);
        Assert.Equal("Karl Emil Strand er tilføjet til registret og vises offentligt med navn. Giv personen et medlemskab herunder.", created.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.Null((await Staff.PageAsync(client, path)).QuerySelector(".alert-success"));

        await Staff.SubmitAsync(client, path, path + "/membership", new()
        {
            ["organization"] = Id(council.Id), ["role"] = "Member", ["newOrganisation"] = "Gadeholdet Havnby", ["start"] = "2026-11-01",
        });
        Assert.Equal("Karl Emil Strand er nu medlem i Rådet for Socialt Udsatte i Havnby.", (await Staff.PageAsync(client, path)).QuerySelector(".alert-success")!.TextContent.Trim());

        var rows = (await app.GetPageAsync("/raad/udsatteraadet")).Document.QuerySelectorAll("section[aria-labelledby=medlemmer] tbody tr")
            .Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains("Karl Emil Strand | medlem | Gadeholdet Havnby | fra 1. november 2026", rows);
        Assert.Equal(OrganizationKind.ExternalOrganisation, (await QueryAsync(db => db.Organizations.SingleAsync(o => o.Name == "Gadeholdet Havnby"))).Kind);

        // The same organisation typed again is found, not made twice; a bad date names the field's value.
        var second = await Staff.PostAsync(client, path, path + "/membership", new()
        {
            ["organization"] = Id(council.Id), ["role"] = "Substitute", ["newOrganisation"] = "gadeholdet havnby", ["start"] = "første december",
        });
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("\"første december\" er ikke en dato", (await Staff.ParseAsync(second)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await QueryAsync(db => db.Organizations.CountAsync(o => o.Name == "Gadeholdet Havnby")));
        Assert.Equal(1, await QueryAsync(db => db.Memberships.CountAsync(m => m.Person.Name == "Karl Emil Strand")));

        // Ending the membership takes the member off the current list.
        var seat = await QueryAsync(db => db.Memberships.SingleAsync(m => m.Person.Name == "Karl Emil Strand"));
        await Staff.SubmitAsync(client, path, path + "/end", new() { ["membership"] = Id(seat.Id), ["end"] = "2026-11-20" });
        Assert.Equal("Medlemskabet af Rådet for Socialt Udsatte i Havnby slutter 20. november 2026.", (await Staff.PageAsync(client, path)).QuerySelector(".alert-success")!.TextContent.Trim());
        var after = (await app.GetPageAsync("/raad/udsatteraadet")).Document.QuerySelector("section[aria-labelledby=medlemmer]")!.TextContent;
        Assert.DoesNotContain("Karl Emil Strand", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_shown_by_role_only_disappears_by_name_from_every_public_page()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var peter = await PersonAsync("Peter Lund Madsen");
        Assert.Contains("Peter Lund Madsen", (await app.GetPageAsync("/raad/udsatteraadet")).Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Peter Lund Madsen", (await app.GetPageAsync("/soeg?q=Peter+Lund+Madsen")).Document.Body!.TextContent, StringComparison.Ordinal);

        // Role only, without the role's words: refused with the field named, nothing changed.
        var path = $"/admin/personer/{peter.Id}";
        var refused = await Staff.PostAsync(client, path, path + "/details", Details(peter, "RoleOnly"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("rolle", (await Staff.ParseAsync(refused)).QuerySelector(".alert-error")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PublicationLevel.Named, (await PersonAsync("Peter Lund Madsen")).Publication);

        await Staff.SubmitAsync(client, path, path + "/details", Details(peter, "RoleOnly", "Brugerrepræsentant"));
        await app.ApplyPendingChangesAsync(); // the index follows the save in the background

        var council = (await app.GetPageAsync("/raad/udsatteraadet")).Document;
        Assert.DoesNotContain("Peter Lund Madsen", council.Body!.TextContent, StringComparison.Ordinal);
        var rows = council.QuerySelectorAll("section[aria-labelledby=medlemmer] tbody tr").Select(r => Squash(r.TextContent)).ToList();
        Assert.Equal(2, rows.Count(r => r.StartsWith("Brugerrepræsentant medlem", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync($"/personer/{peter.Id}")).Response.StatusCode);
        Assert.DoesNotContain("Peter Lund Madsen", (await app.GetPageAsync("/soeg?q=Peter+Lund+Madsen")).Document.Body!.TextContent, StringComparison.Ordinal);
        var held = (await app.DemoMeetingsAsync(Core.Meetings.MeetingState.MinutesApproved)).Last(m => m.Date.Year == 2026);
        Assert.DoesNotContain("Peter Lund Madsen", (await app.GetPageAsync($"/moeder/{held.Id}")).Document.Body!.TextContent, StringComparison.Ordinal);
        var api = await app.CreateClient().GetStringAsync(new Uri("/api/search?q=Peter+Lund+Madsen", UriKind.Relative));
        var hits = System.Text.Json.JsonDocument.Parse(api).RootElement.GetProperty("hits");
        Assert.DoesNotContain("Peter Lund Madsen", hits.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secretary_of_another_council_cannot_make_a_role_only_member_public()
    {
        // Issue 14, item 7: POST /admin/personer/{id}/details with publication=Named by the tryghedsforum's secretary.
        var other = await Staff.SignedInAsync(app, level: AccessLevel.Secretary, organization: "tryghedsforum");
        var jensOle = await PersonAsync("Jens-Ole Vinther");
        var path = $"/admin/personer/{jensOle.Id}";
        var page = await Staff.PageAsync(other, path);
        Assert.Contains("Du kan ikke ændre personen", page.QuerySelector(".alert-info")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("details", Details(jensOle, "Named")),
            ("membership", new() { ["organization"] = Id(await QueryAsync(db => db.Organizations.Where(o => o.Slug == "tryghedsforum").Select(o => o.Id).SingleAsync())), ["role"] = "Member" }),
            ("merge", new() { ["other"] = Id((await PersonAsync("Ali Haddad")).Id), ["confirm"] = "true" }),
        })
        {
            var refused = await Staff.PostAsync(other, "/admin/personer", $"{path}/{handler}", fields);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/ingen-adgang", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var stored = await PersonAsync("Jens-Ole Vinther");
        Assert.Equal((PublicationLevel.RoleOnly, jensOle.Version), (stored.Publication, stored.Version));
        Assert.DoesNotContain("Jens-Ole", (await app.GetPageAsync("/raad/udsatteraadet")).Document.Body!.TextContent, StringComparison.Ordinal);

        // Someone with a seat in her forum too is hers to change; the udsatteråd's own secretary changes Jens-Ole.
        var mogens = await PersonAsync("Mogens Aagaard");
        await Staff.SubmitAsync(other, $"/admin/personer/{mogens.Id}", $"/admin/personer/{mogens.Id}/details", Details(mogens, "Named", alias: "Mogens Aagård"));
        var own = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        await Staff.SubmitAsync(own, path, path + "/details", Details(stored, "RoleOnly", "Brugerrepræsentant", alias: "J.-O. Vinther"));
        Assert.Equal("Jens-Ole Vinther er gemt og vises offentligt kun som \"Brugerrepræsentant\".", (await Staff.PageAsync(own, path)).QuerySelector(".alert-success")!.TextContent.Trim());
    }

    [Fact]
    public async Task Merging_two_records_of_one_person_moves_memberships_and_keeps_the_other_spelling()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var body = await QueryAsync(db => db.Bodies.Select(b => b.Id).FirstAsync());
        var tryghed = await QueryAsync(db => db.Organizations.SingleAsync(o => o.Slug == "tryghedsforum"));
        var secretaryOfBoth = await Staff.SignedInAsync(app, admin: true);

        // An import made a second record with another spelling, a member of the other forum.
        var duplicate = await Staff.SubmitAsync(client, "/admin/personer", "/admin/personer", new() { ["body"] = Id(body), ["name"] = "Hanne Østergård", ["publication"] = "Named" });
        var duplicatePath = duplicate.Headers.Location!.OriginalString;
        await Staff.SubmitAsync(secretaryOfBoth, duplicatePath, duplicatePath + "/membership", new() { ["organization"] = Id(tryghed.Id), ["role"] = "Member", ["start"] = "2026-01-01" });
        var removedId = int.Parse(duplicatePath.Split('/')[^1], CultureInfo.InvariantCulture);

        var people = await Staff.PageAsync(client, "/admin/personer?q=Hanne");
        Assert.Equal(2, people.QuerySelectorAll("tbody tr").Length);

        var hanne = await PersonAsync("Hanne Østergaard");
        var path = $"/admin/personer/{hanne.Id}";
        var seatsBefore = await QueryAsync(db => db.Memberships.CountAsync(m => m.PersonId == hanne.Id));
        var attendedBefore = await QueryAsync(db => db.Attendance.CountAsync(a => a.PersonId == hanne.Id));

        // The record now sits only in the other forum: this council's secretary may not merge it away (issue 14, item 7).
        var refused = await Staff.PostAsync(client, path, path + "/merge", new() { ["other"] = Id(removedId), ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Personen har kun plads i råd, du ikke er sekretær for; bed deres sekretær om ændringen.", (await Staff.ParseAsync(refused)).QuerySelector(".alert-error")!.TextContent.Trim());
        Assert.True(await QueryAsync(db => db.People.AnyAsync(p => p.Id == removedId)));

        // Neither the other record nor the confirmation may be left out: nothing is merged.
        foreach (var (fields, said) in new (Dictionary<string, string>, string)[]
        {
            (new() { ["confirm"] = "true" }, "Vælg den anden post, der skal lægges sammen med denne person."),
            (new() { ["other"] = Id(removedId) }, "Sæt hak ved, at det er den samme person: sammenlægningen kan ikke fortrydes."),
        })
        {
            var unconfirmed = await Staff.PostAsync(secretaryOfBoth, path, path + "/merge", fields);
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            Assert.Contains(said, (await Staff.ParseAsync(unconfirmed)).Body!.TextContent, StringComparison.Ordinal);
            Assert.True(await QueryAsync(db => db.People.AnyAsync(p => p.Id == removedId)));
        }

        await Staff.SubmitAsync(secretaryOfBoth, path, path + "/merge", new() { ["other"] = Id(removedId), ["confirm"] = "true" });
        var page = await Staff.PageAsync(secretaryOfBoth, path);
        Assert.Contains("Hanne Østergård", page.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hanne Østergård", page.QuerySelector(".hint")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("tbody th"), th => th.TextContent == "Tryghedsforum Banegårdskvarteret");
        Assert.Equal(seatsBefore + 1, await QueryAsync(db => db.Memberships.CountAsync(m => m.PersonId == hanne.Id)));
        Assert.Equal(attendedBefore, await QueryAsync(db => db.Attendance.CountAsync(a => a.PersonId == hanne.Id)));
        Assert.False(await QueryAsync(db => db.People.AnyAsync(p => p.Id == removedId)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync($"/personer/{removedId}")).Response.StatusCode);
        Assert.Contains("Tryghedsforum Banegårdskvarteret", (await app.GetPageAsync($"/personer/{hanne.Id}")).Document.QuerySelector("section[aria-labelledby=medlemskaber]")!.TextContent, StringComparison.Ordinal);

        // The audit log holds the deleted record; merging with oneself is refused.
        Assert.True(await QueryAsync(db => db.AuditLog.AnyAsync(e => e.EntityType == nameof(Person) && e.EntityId == removedId && e.Changes.Contains("Hanne Østergård"))));
        var self = await Staff.PostAsync(client, path, path + "/merge", new() { ["other"] = Id(hanne.Id), ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_council_whose_first_agenda_has_the_standing_items()
    {
        var admin = await Staff.SignedInAsync(app, admin: true);
        var body = await QueryAsync(db => db.Bodies.Select(b => b.Id).FirstAsync());
        var created = await Staff.SubmitAsync(admin, "/admin/raad", "/admin/raad", new()
        {
            ["body"] = Id(body), ["name"] = "Ældrerådet i Havnby", ["slug"] = "Ældrerådet", ["kind"] = "Council", ["purpose"] = "Rådgiver byrådet om ældrepolitik.",
        });
        Assert.Equal("/admin/raad/aeldreraadet", created.Headers.Location!.OriginalString);

        // The same address twice is refused with the reason.
        var twice = await Staff.PostAsync(admin, "/admin/raad", "/admin/raad", new() { ["body"] = Id(body), ["name"] = "Ældrerådet", ["slug"] = "aeldreraadet", ["kind"] = "Council" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("aeldreraadet", (await Staff.ParseAsync(twice)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);

        // The secretary rewrites the standing items: one is added before Eventuelt.
        var council = await Staff.PageAsync(admin, "/admin/raad/aeldreraadet");
        var standing = council.QuerySelector("textarea[name=standingItems]")!.TextContent;
        Assert.Contains("Godkendelse af referat", standing, StringComparison.Ordinal);
        var lines = standing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        lines.Insert(lines.Count - 1, "Nyt fra ældrecentrene");
        await Staff.SubmitAsync(admin, "/admin/raad/aeldreraadet", "/admin/raad/aeldreraadet/describe", new()
        {
            ["version"] = council.QuerySelector("form[action$='/describe'] input[name=version]")!.GetAttribute("value")!,
            ["purpose"] = "Rådgiver byrådet om ældrepolitik.", ["shortName"] = "Ældrerådet", ["website"] = "", ["standingItems"] = string.Join('\n', lines),
        });

        await Staff.SubmitAsync(admin, "/admin/raad/aeldreraadet", "/admin/raad/aeldreraadet/plan", new()
        {
            ["Plan.Year"] = "2027", ["Plan.Dates"] = "2027-03-02\n2027-04-06", ["Plan.Start"] = "10.00", ["Plan.End"] = "12.00",
        });
        var meetings = await QueryAsync(db => db.Meetings.Where(m => m.Organization.Slug == "aeldreraadet").OrderBy(m => m.Date).Select(m => m.Id).ToListAsync());
        Assert.Equal(2, meetings.Count);
        foreach (var meeting in meetings)
        {
            await Staff.SubmitAsync(admin, $"/admin/moeder/{meeting}", $"/admin/moeder/{meeting}/prefill", []);
        }

        // The council's first meeting has no minutes to approve; the next one approves them first.
        var first = await QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetings[0]).OrderBy(i => i.Position).Select(i => i.Title).ToListAsync());
        Assert.DoesNotContain("Godkendelse af referat", first);
        Assert.Equal(["Nyt fra ældrecentrene", "Eventuelt"], first[^2..]);
        var titles = await QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetings[1]).OrderBy(i => i.Position).Select(i => i.Title).ToListAsync());
        Assert.Equal("Godkendelse af referat", titles[0]);
        Assert.Equal(["Nyt fra ældrecentrene", "Eventuelt"], titles[^2..]);

        // A secretary of another council reaches neither the list of councils nor this council's page.
        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.GetAsync(new Uri("/admin/raad", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.GetAsync(new Uri("/admin/raad/aeldreraadet", UriKind.Relative))).StatusCode);
    }
}
