using System.Net;

namespace Protokol.Web.Tests;

/// <summary>Requests no page is made for: methods other than GET, HEAD and POST, error pages asked for by hand, a forged Host.</summary>
public sealed class HttpHardeningTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Theory]
    [InlineData("TRACE", "/moeder/1")]
    [InlineData("TRACE", "/soeg")]
    [InlineData("PUT", "/raad/udsatteraadet")]
    [InlineData("DELETE", "/personer/1")]
    [InlineData("OPTIONS", "/")]
    [InlineData("PATCH", "/admin")]
    public async Task Other_methods_are_refused_with_405_and_the_methods_allowed(string method, string path)
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/fejl/404", HttpStatusCode.NotFound)]
    [InlineData("/fejl/400", HttpStatusCode.BadRequest)]
    [InlineData("/fejl/503", HttpStatusCode.ServiceUnavailable)]
    [InlineData("/fejl/101", HttpStatusCode.NotFound)]
    [InlineData("/fejl/302", HttpStatusCode.NotFound)]
    [InlineData("/fejl/999", HttpStatusCode.NotFound)]
    [InlineData("/fejl/0", HttpStatusCode.NotFound)]
    [InlineData("/fejl/-1", HttpStatusCode.NotFound)]
    public async Task The_error_page_answers_only_with_an_error_status(string path, HttpStatusCode expected)
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_redirect_stays_on_the_site_whatever_Host_is_named()
    {
        // The address is relative: a Host header (where the allowed hosts are not set) never picks where it leads.
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/admin", "/admin/moeder/1" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.False(response.Headers.Location!.IsAbsoluteUri, response.Headers.Location.OriginalString);
            Assert.StartsWith("/login?tilbage=%2Fadmin", response.Headers.Location.OriginalString, StringComparison.Ordinal);
        }
    }
}
