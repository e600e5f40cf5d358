using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Meetings;
using Protokol.Data;

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
}
