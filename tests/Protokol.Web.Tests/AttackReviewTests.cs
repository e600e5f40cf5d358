using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;

namespace Protokol.Web.Tests;

/// <summary>Attacks of the second review (an outsider, a member, another council's secretary) that got through.</summary>
public sealed class AttackReviewTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    /// <summary>U+FFFE made the query's normalisation throw, U+FFFF the search feed's XML writer: 500 for anyone.</summary>
    [Theory]
    [InlineData("/soeg?q=%EF%BF%BE")]
    [InlineData("/api/search?q=%EF%BF%BE")]
    [InlineData("/feeds/soeg.atom?q=havn%EF%BF%BE")]
    [InlineData("/feeds/soeg.atom?q=havn%EF%BF%BF")]
    [InlineData("/soeg?q=%EF%B7%90b%EF%BF%BE")]
    public async Task Noncharacters_in_a_search_are_dropped_never_a_500(string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Anyone may subscribe to a search and confirm it from their own mailbox. A search with U+FFFE was stored as typed
    /// and made every round of digests throw on it: nobody got one any more.
    /// </summary>
    [Fact]
    public async Task A_subscribed_search_with_a_noncharacter_never_stops_the_digests()
    {
        var longAgo = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var council = await db.Organizations.Where(o => o.Slug == Core.Demo.DemoCouncil.CouncilSlug).Select(o => o.Id).SingleAsync();
            var search = Core.Mail.Subscription.ForSearch("fremmed@example.dk", "q=r%C3%A5det%EF%BF%BE", longAgo);
            var follower = Core.Mail.Subscription.ForCouncil("borger@example.dk", council, longAgo);
            search.Confirm(longAgo);
            follower.Confirm(longAgo);
            db.AddRange(search, follower);
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();
        var queued = await app.Services.GetRequiredService<Protokol.Web.Mail.DigestService>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, queued);
    }

    /// <summary>
    /// A secretary's title with U+FFFF (pasted, or from an imported document) broke the Atom feed of every council, and the
    /// meeting's PDF and Word: XML cannot carry it and the PDF's normalisation threw. The title is stored without it.
    /// </summary>
    [Fact]
    public async Task A_noncharacter_typed_into_an_item_never_breaks_the_feeds_or_the_exports()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var page = $"/admin/moeder/{meeting.Id}";
        await Staff.SubmitAsync(secretary, page, page + "/AddItem", new()
        {
            ["title"] = "Ulovlige \uFFFF\uFFFEtegn i titlen",
            ["kind"] = nameof(AgendaItemKind.Discussion),
            ["isPublic"] = "true",
            ["text"] = "Tekst med \uFFFE og \uFFFF og \u0001 og \uFDD0 i.",
        });
        await Staff.SubmitAsync(secretary, page, page + "/PublishAgenda", []);
        await app.ApplyPendingChangesAsync();

        var client = app.CreateClient();
        foreach (var path in new[] { "/feeds/moeder.atom", "/raad/udsatteraadet/moeder.atom", $"/moeder/{meeting.Id}/referat.pdf", $"/moeder/{meeting.Id}/referat.docx", "/feeds/soeg.atom?q=ulovlige", $"/moeder/{meeting.Id}" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }

        var feed = await client.GetStringAsync(new Uri("/feeds/moeder.atom", UriKind.Relative));
        Assert.Contains("Ulovlige tegn i titlen", feed, StringComparison.Ordinal);
    }

    /// <summary>
    /// The attendance and follow-up forms list the municipality's people, but took any person's id: a secretary could
    /// put another municipality's person on her meeting's public attendance (their public page, the OParl API) or make
    /// them the owner of a follow-up, so that the reminders went to their address with her text.
    /// </summary>
    [Fact]
    public async Task Another_municipalitys_person_is_never_recorded_at_a_meeting_nor_made_owner_of_a_follow_up()
    {
        var (stranger, _, _) = await OtherMunicipalityAsync("fremmed-kommune");

        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).Last();
        string member;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            member = (await db.Attendance.Where(a => a.MeetingId == meeting.Id && a.Status == AttendanceStatus.Present).Select(a => a.PersonId).FirstAsync()).ToString(CultureInfo.InvariantCulture);
        }

        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var page = $"/admin/moeder/{meeting.Id}/referat";
        var id = stranger.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostAsync(secretary, page, page + "/attendance", new() { [$"status[{id}]"] = "Present" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostAsync(secretary, page, page + "/attendance", new() { [$"status[{member}]"] = "Present", [$"substituteFor[{member}]"] = id })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostAsync(secretary, page, page + "/followup", new() { ["text"] = "Ring til Frede", ["owner"] = id })).StatusCode);

        var followUp = await FirstFollowUpAsync(meeting.OrganizationId);
        var edit = $"/admin/opfoelgninger/{followUp.Id}";
        var edited = await Staff.PostAsync(secretary, edit, edit + "/edit", new() { ["version"] = followUp.Version.ToString(CultureInfo.InvariantCulture), ["text"] = followUp.Text, ["owner"] = id,
            ["due"] = followUp.Due is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty });
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            Assert.False(await db.Attendance.AnyAsync(a => a.PersonId == stranger || a.SubstituteForId == stranger));
            Assert.False(await db.FollowUps.AnyAsync(f => f.OwnerId == stranger));
        }

        // A person of the municipality is still taken.
        var own = await Staff.PostAsync(secretary, page, page + "/followup", new() { ["text"] = "Ring til medlemmet", ["owner"] = member });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    /// <summary>The meeting's details form took any meeting place's and organisation's id ("Nyt møde" already refused another municipality's place).</summary>
    [Fact]
    public async Task Another_municipalitys_meeting_place_or_organisation_is_never_put_on_a_meeting()
    {
        var (_, place, organisation) = await OtherMunicipalityAsync("anden-kommune");
        var meeting = (await app.DemoMeetingsAsync(MeetingState.Planned)).Last();
        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var page = $"/admin/moeder/{meeting.Id}";
        Dictionary<string, string> Details(string field, int value) => new()
        {
            ["version"] = meeting.Version.ToString(CultureInfo.InvariantCulture),
            ["date"] = meeting.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["start"] = meeting.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
            ["end"] = meeting.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
            [field] = value.ToString(CultureInfo.InvariantCulture),
        };

        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostAsync(secretary, page, page + "/details", Details("location", place))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostAsync(secretary, page, page + "/details", Details("host", organisation))).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var stored = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting.Id);
        Assert.NotEqual(place, stored.LocationId);
        Assert.NotEqual(organisation, stored.HostId);
    }

    /// <summary>
    /// The original of an imported meeting is the document as written, past the privacy gate: once someone named in it is
    /// shown by role only (or an item is closed), the page showed the role, but the original, linked from the page and the
    /// OParl API, still named them.
    /// </summary>
    [Fact]
    public async Task The_original_of_an_imported_meeting_is_withheld_once_someone_in_it_is_shown_by_role_only()
    {
        const string minutes = "Referat af møde i Kystrådet den 2. marts 2021 kl. 10-12\nMødet blev holdt på Havnekontoret, Kajgade 1, 7990 Havnby.\nTil stede: Sara Strand, Mads Mole\n\n1. Godkendelse af dagsorden\nGodkendt\n\n2. Sandflugt ved stranden\nMads Mole fortalte om sandet i sin bolig.\n";
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<Core.Abstractions.IProtokolStore>(), new DocumentReader(new ImportLimits()), app.Clock);
            id = (await importer.ImportAsync("kyst-2021-03-02.txt", Encoding.UTF8.GetBytes(minutes), new ImportTarget("havnby", "Havnby"), CancellationToken.None)).MeetingId!.Value;
        }

        var client = app.CreateClient();
        var (_, page) = await app.GetPageAsync($"/moeder/{id}");
        var href = page.QuerySelectorAll(".facts a").Single(a => a.TextContent == "kyst-2021-03-02.txt").GetAttribute("href")!;
        var original = await client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);

        // Browsers and proxies keep it no longer than a page: it was cached for a year as "immutable", past its withdrawal.
        Assert.Equal("public, max-age=60", original.Headers.CacheControl?.ToString());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var mole = await db.People.SingleAsync(p => p.Name == "Mads Mole");
            mole.SetPublication(PublicationLevel.RoleOnly, "en beboer");
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();
        var (_, after) = await app.GetPageAsync($"/moeder/{id}");
        Assert.DoesNotContain("Mads Mole", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("kyst-2021-03-02.txt", after.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(after.QuerySelectorAll(".facts a"), a => a.TextContent == "kyst-2021-03-02.txt");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(href, UriKind.Relative))).StatusCode);
        Assert.DoesNotContain("/filer/", await client.GetStringAsync(new Uri($"/oparl/v1/meeting/{id}", UriKind.Relative)), StringComparison.Ordinal);
    }

    /// <summary>
    /// The person page took any person's id from any secretary: one of another municipality read the real name of a person
    /// its registry shows by role only (and their e-mail and seats), which the registry's list rightly left out.
    /// </summary>
    [Fact]
    public async Task Another_municipalitys_secretary_cannot_read_a_person_of_this_municipality()
    {
        await OtherMunicipalityAsync("tredje-kommune");
        int withheld;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var demo = await db.Organizations.Where(o => o.Slug == Core.Demo.DemoCouncil.CouncilSlug).Select(o => o.BodyId).SingleAsync();
            withheld = await db.People.Where(p => p.Publication == PublicationLevel.RoleOnly && p.BodyId == demo).Select(p => p.Id).FirstAsync();
        }

        var stranger = await Staff.SignedInAsync(app, level: AccessLevel.Secretary, organization: "tredje-kommune-raad");
        var response = await stranger.GetAsync(new Uri($"/admin/personer/{withheld}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // The municipality's own secretary still reads the record.
        var own = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(new Uri($"/admin/personer/{withheld}", UriKind.Relative))).StatusCode);
    }

    /// <summary>A second municipality with a person, a meeting place, an organisation and a council (slug: key + "-raad"): their ids.</summary>
    private async Task<(int Person, int Location, int Organisation)> OtherMunicipalityAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var body = new Body(key, "Fremmed Kommune");
        var person = new Person(body, "Frede Fremmed");
        var location = new Location(body, "Fremmed rådhus", "Fremmedvej 1", "9999", "Fremmedby");
        var organisation = body.AddOrganization(key + "-forening", "Fremmed forening", OrganizationKind.ExternalOrganisation);
        body.AddOrganization(key + "-raad", "Fremmed råd", OrganizationKind.Council);
        db.AddRange(body, person, location);
        await db.SaveChangesAsync();
        return (person.Id, location.Id, organisation.Id);
    }

    private async Task<Core.FollowUps.FollowUp> FirstFollowUpAsync(int organizationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        return await db.FollowUps.AsNoTracking().Where(f => f.OrganizationId == organizationId).OrderBy(f => f.Id).FirstAsync();
    }
}
