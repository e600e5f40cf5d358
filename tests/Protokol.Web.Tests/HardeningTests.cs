using System.Net;
using Protokol.Core.Accounts;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

/// <summary>The web attacks of the hardening run (issue 14): script in minutes, open redirects, a forged Host header.</summary>
public sealed class HardeningTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task Every_page_carries_a_CSP_without_inline_script_and_the_other_security_headers_and_has_no_inline_script_or_style()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).First();
        var staff = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var pages = new List<(HttpClient Client, string Path)>
        {
            (app.CreateClient(), "/"), (app.CreateClient(), "/soeg?q=hjemløse"), (app.CreateClient(), $"/moeder/{meeting.Id}"), (app.CreateClient(), "/login"),
            (app.CreateClient(), "/findes-ikke"), (app.CreateClient(), "/api/search?q=havn"), (app.CreateClient(), "/feeds/moeder.atom"),
            (staff, "/admin"), (staff, $"/admin/moeder/{meeting.Id}"),
        };
        foreach (var (client, path) in pages)
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var document = await Staff.ParseAsync(response);
                Assert.Empty(document.QuerySelectorAll("style, script:not([src]), [style]"));
                Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
            }
        }
    }

    [Theory]
    [InlineData("/%09/evil.example/x")]
    [InlineData("/%0d%0a/evil.example/x")]
    [InlineData("/%5Cevil.example/x")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%00")]
    [InlineData("https://evil.example/")]
    public async Task The_language_switch_sends_control_characters_and_other_sites_home(string back)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/sprog/en?tilbage=" + back, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Letters_outside_ASCII_in_the_way_back_are_encoded_not_a_500()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/sprog/en?tilbage=/s%C3%B8g%3Fq%3D%C3%A6ble", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/s%C3%B8g?q=%C3%A6ble", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/\t/evil.example/x")]
    [InlineData("/æøå\u0001")]
    [InlineData("//evil.example")]
    public async Task Sign_in_with_a_hostile_way_back_goes_to_the_accounts_home_never_a_500(string back)
    {
        var client = Staff.Client(app);
        var email = await Staff.CreateAccountAsync(app, level: AccessLevel.Member);
        var response = await Staff.PostAsync(client, "/login", "/login", new() { ["email"] = email, ["password"] = Staff.Password, ["tilbage"] = back });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // A member's home is their own page (/medlem); a secretary's the back office.
        Assert.Equal("/medlem", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_forged_Host_header_never_reaches_absolute_URLs()
    {
        foreach (var path in new[] { "/oparl/v1/system", "/feeds/moeder.atom", "/api/search?q=hjemløse&antal=1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            var response = await app.CreateClient().SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        }

        var system = await app.CreateClient().GetStringAsync(new Uri("/oparl/v1/system", UriKind.Relative));
        Assert.Contains("\"id\":\"http://localhost/oparl/v1/system\"", system, StringComparison.Ordinal);
    }
}
