using System.Net;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

/// <summary>A tester's link checker got 405 for HEAD on the feeds, calendars, exports, OParl and the search API, which GET answers.</summary>
public sealed class HeadRequestTests(KestrelProtokolApp app) : IClassFixture<KestrelProtokolApp>
{
    [Fact]
    public async Task Every_kind_of_address_answers_HEAD_as_GET_without_the_body()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved))[0];
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        foreach (var path in new[]
        {
            "/", $"/moeder/{meeting.Id}", "/feeds/moeder.atom", "/raad/udsatteraadet/kalender.ics", $"/moeder/{meeting.Id}/referat.pdf",
            $"/moeder/{meeting.Id}/referat.docx", "/oparl/v1/system", "/api/search?q=r%C3%A5det", "/api/openapi/v1.json",
        })
        {
            using var get = await client.GetAsync(new Uri(path, UriKind.Relative));
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));
            Assert.True(get.StatusCode == HttpStatusCode.OK, path);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"{path}: {head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        // Still a 404 where GET has one, and other methods are still refused.
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/moeder/999999/referat.pdf", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var put = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri("/feeds/moeder.atom", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
    }
}
