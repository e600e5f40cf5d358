using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

public sealed class CachingTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await app.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/raad/udsatteraadet")]
    [InlineData("/feeds/moeder.atom")]
    [InlineData("/raad/udsatteraadet/kalender.ics")]
    [InlineData("/oparl/v1/body/1/meeting?elementsPerPage=3")] // tagged from the API's own buffer, not buffered again
    [InlineData("/oparl/v1/meeting/1")]
    public async Task Public_responses_carry_an_etag_and_a_client_with_it_gets_304(string path)
    {
        var first = await GetAsync(path);
        var etag = first.Headers.ETag?.ToString();
        Assert.NotNull(etag);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl?.ToString());

        var again = await GetAsync(path, etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());

        var stale = await GetAsync(path, "\"something-else\"");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotEmpty(await stale.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_etag_changes_when_what_the_public_sees_changes()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).Single();
        var item = meeting.Items.OrderBy(i => i.Position).First(i => i.Minutes is not null);
        var before = (await GetAsync($"/moeder/{meeting.Id}")).Headers.ETag?.ToString();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WriteMinutes>().ExecuteAsync(meeting.Id, [new MinutesEntry(item.Id, item.Version, "Rettet efter mødet.", item.Decision)], CancellationToken.None);
        }

        var after = await GetAsync($"/moeder/{meeting.Id}", before);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before, after.Headers.ETag?.ToString());
        Assert.Contains("Rettet efter mødet.", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_page_is_rendered_once_and_then_served_from_memory()
    {
        var first = await GetAsync("/raad/udsatteraadet?cache-probe=1");
        var second = await GetAsync("/raad/udsatteraadet?cache-probe=1");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Not_found_pages_are_not_cached()
    {
        var response = await GetAsync("/moeder/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Static_assets_are_served_from_the_build_manifest_and_a_page_request_looks_up_no_file()
    {
        // Run from its build output, MapStaticAssets would add a development fallback ("{**path:file}") whose constraint asks the
        // file system on every request's route match, and send the fingerprinted stylesheets with "no-cache" (issue 17).
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        Assert.DoesNotContain(endpoints, e => e.RoutePattern.RawText?.Contains(":file}", StringComparison.Ordinal) == true);

        var page = await (await GetAsync("/")).Content.ReadAsStringAsync();
        var start = page.IndexOf("href=\"/css/site.", StringComparison.Ordinal) + "href=\"".Length;
        Assert.True(start > 5, "the stylesheet's link");
        var stylesheet = page[start..page.IndexOf('"', start)];
        Assert.NotEqual("/css/site.css", stylesheet);
        var css = await GetAsync(stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }
}

public sealed class FaviconTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task Every_page_names_an_icon_and_the_one_browsers_and_crawlers_ask_for_unasked_is_there()
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var start = page.IndexOf("<link rel=\"icon\" href=\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page links an icon");

        foreach (var (path, type) in new[] { ("/favicon.ico", "image/x-icon"), ("/favicon.svg", "image/svg+xml") })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, path);
        }
    }
}
