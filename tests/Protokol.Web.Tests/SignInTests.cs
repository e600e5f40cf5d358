using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Web.Accounts;
using Protokol.Web.Pages;

namespace Protokol.Web.Tests;

/// <summary>Signing out ends the session for good; guessing is throttled without locking anyone out or telling which addresses exist.</summary>
public sealed class SignInTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task A_cookie_copied_before_signing_out_no_longer_opens_the_back_office()
    {
        var client = Staff.Client(app);
        var signedIn = await Staff.SignInAsync(client, await Staff.CreateAccountAsync(app, level: AccessLevel.Secretary), Staff.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);

        // The cookie as an attacker would copy it, replayed by a client of its own.
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("protokol.login=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);

        var signedOut = await Staff.PostAsync(client, "/logout", "/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var replay = await copy.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/login", replay.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guessing_from_one_client_never_locks_the_owner_out_and_every_failure_gets_the_same_answer()
    {
        await using var clients = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>()));
        HttpClient From(string address)
        {
            var client = clients.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
            return client;
        }

        var admin = await Staff.CreateAccountAsync(app, admin: true);
        var attacker = From("203.0.113.9");
        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < SignInThrottle.PerClient + 5; i++)
        {
            var target = i % 2 == 0 ? admin : $"findes-ikke-{i}@havnby.dk";
            var response = await Staff.SignInAsync(attacker, target, "gæt-nummer-" + i);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            answers.Add((await Staff.ParseAsync(response)).QuerySelector(".alert-error")!.TextContent.Trim());
        }

        // One answer for a wrong password, an unknown address and a throttled attempt.
        Assert.Equal([LoginModel.FailureMessage], answers);

        // The attacker is throttled even with the right password...
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.SignInAsync(attacker, admin, Staff.Password)).StatusCode);

        // ...but the administrator, on their own machine, signs in at once: nothing was locked.
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(From("198.51.100.7"), admin, Staff.Password)).StatusCode);
    }

    [Theory]
    [InlineData("", "", "Skriv din e-mailadresse. Skriv din adgangskode.")]
    [InlineData("", "noget", "Skriv din e-mailadresse.")]
    [InlineData("findes-ikke@havnby.dk", "", "Skriv din adgangskode.")]
    public async Task A_field_left_empty_is_asked_for_at_the_field_not_answered_as_a_wrong_password(string email, string password, string expected)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var response = await Staff.SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Staff.ParseAsync(response);
        Assert.Equal(expected, page.QuerySelector(".alert-error")!.TextContent.Trim());
        Assert.DoesNotContain(LoginModel.FailureMessage, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email.Length == 0, page.QuerySelector("#email-error")?.TextContent.Contains("Skriv din e-mailadresse.", StringComparison.Ordinal) == true);
        Assert.Equal(password.Length == 0, page.QuerySelector("#password-error")?.TextContent.Contains("Skriv din adgangskode.", StringComparison.Ordinal) == true);
    }

    /// <summary>Lets a test say which address a request comes from (the test server has none).</summary>
    [Fact]
    public async Task Behind_a_proxy_clients_are_told_apart_by_their_forwarded_address_and_a_direct_client_cannot_choose_one()
    {
        await using var clients = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>()));
        HttpClient Through(string connection, string? forwardedFor)
        {
            var client = clients.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, connection);
            if (forwardedFor is not null)
            {
                client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            }

            return client;
        }

        var owner = await Staff.CreateAccountAsync(app, level: AccessLevel.Secretary);

        // A guesser behind the same proxy (loopback) as the owner: past every per-client limit.
        var guesser = Through("127.0.0.1", "203.0.113.19");
        for (var i = 0; i < SignInThrottle.PerClient + 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Staff.SignInAsync(guesser, owner, "gæt-" + i)).StatusCode);
        }

        // A client connecting directly names the owner's address as its own: not believed, counted as itself.
        var spoofer = Through("203.0.113.77", "198.51.100.21");
        for (var i = 0; i < SignInThrottle.PerClientAndAddress + 1; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Staff.SignInAsync(spoofer, owner, "gæt-" + i)).StatusCode);
        }

        // The owner, through the proxy from another machine, signs in.
        var signedIn = await Staff.SignInAsync(Through("127.0.0.1", "198.51.100.21"), owner, Staff.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_stops_the_start_with_the_setting_named()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ProxySettings.Section + ":0"] = "10.0.0.5", [ProxySettings.Section + ":1"] = "proxy.havnby" })
            .Build();
        var error = Assert.Throws<InvalidOperationException>(() => ProxySettings.ForwardedHeaders(configuration));
        Assert.Equal("Protokol:Proxy:KnownProxies:1: 'proxy.havnby' is not an IP address.", error.Message);

        configuration[ProxySettings.Section + ":1"] = "2001:db8::7";
        Assert.Contains(System.Net.IPAddress.Parse("2001:db8::7"), ProxySettings.ForwardedHeaders(configuration).KnownProxies);
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
