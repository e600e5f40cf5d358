using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>Signing in, lockout, anti-forgery, the role matrix and the dashboard, against the real app.</summary>
public sealed class BackOfficeTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private const string Password = Staff.Password;

    private Task<string> CreateAccountAsync(bool admin = false, AccessLevel? level = null, string? personName = null, string organization = DemoCouncil.CouncilSlug) =>
        Staff.CreateAccountAsync(app, admin, level, organization, personName);

    private HttpClient Client() => Staff.Client(app);

    private static Task<string> TokenAsync(HttpClient client, string path) => Staff.TokenAsync(client, path);

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) => Staff.SignInAsync(client, email, password);

    [Fact]
    public async Task The_public_is_sent_to_the_sign_in_page_and_back()
    {
        var response = await Client().GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?tilbage=%2Fadmin", response.Headers.Location!.OriginalString);

        var (_, page) = await app.GetPageAsync("/login?tilbage=%2Fadmin");
        Assert.Equal("Log ind", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("current-password", page.QuerySelector("#password")!.GetAttribute("autocomplete"));
    }

    [Fact]
    public async Task A_secretary_signs_in_with_a_secure_cookie_and_sees_the_dashboard()
    {
        var email = await CreateAccountAsync(level: AccessLevel.Secretary);
        var client = Client();
        var response = await SignInAsync(client, email.ToUpperInvariant(), Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("protokol.login=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var dashboard = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("no-store", dashboard.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var page = await new HtmlParser().ParseDocumentAsync(await dashboard.Content.ReadAsStringAsync());
        Assert.Equal("Sekretariat", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Rådet for Socialt Udsatte i Havnby", page.QuerySelector("#naeste-moeder ~ div table")!.TextContent, StringComparison.Ordinal);

        // Open follow-ups, the overdue ones first; hearings by deadline.
        var rows = page.QuerySelectorAll("#opfoelgninger ~ div tbody tr").ToList();
        Assert.NotEmpty(rows);
        var overdue = rows.Select(r => r.TextContent.Contains("Overskredet", StringComparison.Ordinal)).ToList();
        Assert.Equal(overdue.OrderByDescending(o => o), overdue);
        Assert.NotNull(page.QuerySelector("#hoeringer"));
    }

    [Fact]
    public async Task The_dashboard_shows_todays_meeting_until_its_minutes_are_published_and_then_the_next_one()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (held, next) = await WithDbAsync(async db =>
        {
            var body = await db.Bodies.FirstAsync();
            var council = body.AddOrganization("dagens-raad", "Rådet med møde i dag", Core.Registry.OrganizationKind.Council);
            var meeting = new Core.Meetings.Meeting(council, today, new TimeOnly(8, 0));
            var item = meeting.AppendItem("Orientering");
            meeting.PublishAgenda(now);
            meeting.MarkHeld(today);
            meeting.RecordMinutes(item, "Taget til efterretning.", null);
            var later = new Core.Meetings.Meeting(council, today.AddDays(35), new TimeOnly(16, 0));
            db.AddRange(meeting, later);
            await db.SaveChangesAsync();
            return (meeting.Id, later.Id);
        });
        var email = await CreateAccountAsync(level: AccessLevel.Secretary, organization: "dagens-raad");
        var client = Client();
        await SignInAsync(client, email, Password);

        async Task<string?> NextMeetingLinkAsync()
        {
            var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/admin", UriKind.Relative)));
            var row = page.QuerySelectorAll("#naeste-moeder ~ div tbody tr").Single(r => r.TextContent.Contains("Rådet med møde i dag", StringComparison.Ordinal));
            return row.QuerySelector("a")?.GetAttribute("href");
        }

        // Held this morning, minutes drafted: the row leads to them.
        Assert.Equal($"/admin/moeder/{held}/referat", await NextMeetingLinkAsync());

        // Published: the council's next meeting is what is to be prepared.
        await WithDbAsync(async db =>
        {
            (await db.Meetings.SingleAsync(m => m.Id == held)).PublishMinutes(now);
            return await db.SaveChangesAsync();
        });
        Assert.Equal($"/admin/moeder/{next}", await NextMeetingLinkAsync());
    }

    private async Task<T> WithDbAsync<T>(Func<ProtokolDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>());
    }

    [Fact]
    public async Task A_member_sees_only_their_own_follow_ups_and_not_the_audit_log()
    {
        var email = await CreateAccountAsync(level: AccessLevel.Member, personName: "Thomas Krogh");
        var client = Client();
        await SignInAsync(client, email, Password);

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/admin", UriKind.Relative)));
        Assert.Equal("Mine opfølgninger", page.QuerySelector("#opfoelgninger")!.TextContent);
        var owners = page.QuerySelectorAll("#opfoelgninger ~ div tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.NotEmpty(owners);
        Assert.All(owners, o => Assert.Equal("Thomas Krogh", o));
        Assert.Null(page.QuerySelector("#hoeringer"));

        var log = await client.GetAsync(new Uri("/admin/logbog", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, log.StatusCode);
        Assert.StartsWith("/ingen-adgang", log.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_passwords_are_throttled_per_client_and_lock_nothing()
    {
        var email = await CreateAccountAsync(level: AccessLevel.Secretary);
        var client = Client();
        for (var i = 0; i < Accounts.SignInThrottle.PerClientAndAddress; i++)
        {
            var wrong = await SignInAsync(client, email, "forkert-adgangskode");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("Forkert e-mail eller adgangskode.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // This client may not try this address again for a while, not even with the right password...
        var refused = await SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Forkert e-mail eller adgangskode.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // ...until the window has passed; the account itself was never locked.
        app.Clock.Now += Accounts.SignInThrottle.Window + TimeSpan.FromSeconds(1);
        var accepted = await SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await SignInAsync(Client(), "ingen@havnby.dk", Password);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Forkert e-mail eller adgangskode.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_without_the_anti_forgery_token_are_refused()
    {
        var email = await CreateAccountAsync(admin: true);
        var client = Client();
        await client.GetAsync(new Uri("/login", UriKind.Relative));
        var response = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("protokol.login=", StringComparison.Ordinal)));

        await SignInAsync(client, email, Password);
        var logout = await client.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var email = await CreateAccountAsync(admin: true);
        var client = Client();
        await SignInAsync(client, email, Password);
        var token = await TokenAsync(client, "/admin");
        var response = await client.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_at_once()
    {
        var email = await CreateAccountAsync(admin: true);
        var client = Client();
        await SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            (await db.UserAccounts.SingleAsync(u => u.Email == email)).Disable();
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Public_pages_for_a_signed_in_reader_are_neither_cached_nor_shown_to_others()
    {
        var email = await CreateAccountAsync(admin: true);
        var client = Client();
        await SignInAsync(client, email, Password);
        var signedIn = await client.GetAsync(new Uri("/raad/udsatteraadet", UriKind.Relative));
        Assert.Contains("no-store", signedIn.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Log ud", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The OParl API tags its own answers: for a signed-in reader, neither a list nor a missing object is kept (no ETag either).
        var list = await client.GetAsync(new Uri("/oparl/v1/body/1/meeting?elementsPerPage=2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("no-store", list.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Null(list.Headers.ETag);
        var missing = await client.GetAsync(new Uri("/oparl/v1/meeting/999999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-store", missing.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("public", (await Client().GetAsync(new Uri("/oparl/v1/body/1/meeting?elementsPerPage=2", UriKind.Relative))).Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        var anonymous = await Client().GetAsync(new Uri("/raad/udsatteraadet", UriKind.Relative));
        Assert.Contains("public", anonymous.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Log ud", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_role_matrix_covers_every_endpoint()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        // The members' pages are signed-in pages too; their files (MemberFiles) decide for themselves (404/403: MemberPageTests).
        var backOffice = endpoints.Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("admin", StringComparison.Ordinal)
            || (e.RoutePattern.RawText!.TrimStart('/').StartsWith("medlem", StringComparison.Ordinal) && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)).ToList();
        Assert.NotEmpty(backOffice);

        // Everything under /admin and the members' pages under /medlem need a signed-in account; nothing else does (the public portal, feeds, API, sign-in).
        foreach (var endpoint in endpoints)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var isBackOffice = backOffice.Contains(endpoint);
            Assert.True(isBackOffice == policies.Count > 0, $"{endpoint.RoutePattern.RawText}: authorization {string.Join(",", policies)}");
        }

        // Each back-office route, tried as every kind of user: 200 = shown, 302 = sent to sign in or to "no access".
        var planned = (await app.DemoMeetingsAsync(Core.Meetings.MeetingState.Planned)).First().Id;
        int person, followUp, hearing;
        long hearingVersion;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (hearing, hearingVersion) = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Hearings.Where(h => h.Organization.Slug == DemoCouncil.CouncilSlug)
                .OrderBy(h => h.Id).Select(h => new ValueTuple<int, long>(h.Id, h.Version)).FirstAsync();
            person = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().People.Where(p => p.Name == "Lene Bjerregaard").Select(p => p.Id).SingleAsync();
            followUp = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().FollowUps.Where(f => f.Organization.Slug == DemoCouncil.CouncilSlug).Select(f => f.Id).FirstAsync();
        }

        var mail = await OutboxMessageTests.QueueAsync(app, DemoCouncil.CouncilSlug, "Prøve");

        const HttpStatusCode Ok = HttpStatusCode.OK, Away = HttpStatusCode.Redirect;
        var matrix = new Dictionary<string, (string Path, HttpStatusCode Anonymous, HttpStatusCode Member, HttpStatusCode Secretary, HttpStatusCode OtherCouncil, HttpStatusCode Administrator)>
        {
            ["admin"] = ("/admin", Away, Ok, Ok, Ok, Ok),
            ["admin/logbog"] = ("/admin/logbog", Away, Away, Away, Away, Ok),
            ["admin/raad/{slug}/{handler?}"] = ("/admin/raad/udsatteraadet", Away, Ok, Ok, Away, Ok),
            ["admin/raad/{slug}/import"] = ("/admin/raad/udsatteraadet/import", Away, Away, Ok, Away, Ok),
            ["admin/moeder/{id:int}/{handler?}"] = ($"/admin/moeder/{planned}", Away, Ok, Ok, Away, Ok),
            ["admin/moeder/{id:int}/referat/{handler?}"] = ($"/admin/moeder/{planned}/referat", Away, Ok, Ok, Away, Ok),
            ["admin/moeder/{id:int}/udsend"] = ($"/admin/moeder/{planned}/udsend", Away, Away, Ok, Away, Ok),
            ["admin/moeder/nyt"] = ("/admin/moeder/nyt", Away, Away, Ok, Ok, Ok),
            ["admin/opfoelgninger/{id:int}/{handler?}"] = ($"/admin/opfoelgninger/{followUp}", Away, Ok, Ok, Away, Ok),
            ["admin/hoeringer/{handler?}"] = ("/admin/hoeringer", Away, Away, Ok, Ok, Ok),
            ["admin/hoeringer/{id:int}/{handler?}"] = ($"/admin/hoeringer/{hearing}", Away, Away, Ok, Away, Ok),
            ["admin/personer"] = ("/admin/personer", Away, Away, Ok, Ok, Ok),
            ["admin/post"] = ("/admin/post", Away, Away, Ok, Ok, Ok),
            ["admin/post/{id:long}"] = ($"/admin/post/{mail}", Away, Away, Ok, HttpStatusCode.NotFound, Ok),
            ["admin/personer/{id:int}/{handler?}"] = ($"/admin/personer/{person}", Away, Away, Ok, Ok, Ok),
            ["admin/raad"] = ("/admin/raad", Away, Away, Away, Away, Ok),
            ["admin/brugere"] = ("/admin/brugere", Away, Away, Away, Away, Ok),
            ["admin/brugere/{id:int}/{handler?}"] = ("/admin/brugere/1", Away, Away, Away, Away, Ok),
            ["admin/konto"] = ("/admin/konto", Away, Ok, Ok, Ok, Ok),
            ["admin/aarsrapport/{slug}/{year:int}/{handler?}"] = ("/admin/aarsrapport/udsatteraadet/2026", Away, Ok, Ok, Away, Ok),
            ["medlem"] = ("/medlem", Away, Ok, Ok, Ok, Ok),
            ["medlem/moeder/{id:int}"] = ($"/medlem/moeder/{planned}", Away, Ok, Ok, Away, Ok),
            ["medlem/moeder/{id:int}/referat/{handler?}"] = ($"/medlem/moeder/{planned}/referat", Away, Ok, Ok, Away, Ok),

            // Only the owner (the member here owns none) or the council's secretary.
            ["medlem/opfoelgninger/{id:int}"] = ($"/medlem/opfoelgninger/{followUp}", Away, Away, Ok, Away, Ok),
        };
        Assert.Equal(backOffice.Select(e => e.RoutePattern.RawText!.TrimStart('/')).Order(StringComparer.Ordinal), matrix.Keys.Order(StringComparer.Ordinal));

        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = Client() };
        foreach (var (role, admin, level) in new[] { ("member", false, (AccessLevel?)AccessLevel.Member), ("secretary", false, AccessLevel.Secretary), ("administrator", true, null) })
        {
            var client = Client();
            await SignInAsync(client, await CreateAccountAsync(admin, level), Password);
            clients[role] = client;
        }

        clients["other"] = Client();
        await SignInAsync(clients["other"], await CreateAccountAsync(false, AccessLevel.Secretary, organization: "tryghedsforum"), Password);

        foreach (var (pattern, expected) in matrix)
        {
            foreach (var (role, status) in new[] { ("anonymous", expected.Anonymous), ("member", expected.Member), ("secretary", expected.Secretary), ("other", expected.OtherCouncil), ("administrator", expected.Administrator) })
            {
                var response = await clients[role].GetAsync(new Uri(expected.Path, UriKind.Relative));
                Assert.True(status == response.StatusCode, $"{pattern} as {role}: {(int)response.StatusCode} {response.Headers.Location}");
                if (status == Away)
                {
                    Assert.Matches(role == "anonymous" ? "^/login" : "^/ingen-adgang", response.Headers.Location!.OriginalString);
                }
            }
        }

        // Changing is for the council's secretary: a member's and another council's secretary's posts are refused.
        foreach (var role in new[] { "member", "other" })
        {
            var token = await TokenAsync(clients[role], "/admin");
            var refused = await clients[role].PostAsync(new Uri($"/admin/moeder/{planned}/publishagenda", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/ingen-adgang", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);

            // Nor do they correct, answer or delete the council's hearing.
            foreach (var handler in new[] { "", "/respond", "/delete" })
            {
                var post = await clients[role].PostAsync(new Uri($"/admin/hoeringer/{hearing}{handler}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["version"] = hearingVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["subject"] = "Overtaget", ["deadline"] = "1.1.2030", ["response"] = "Overtaget", ["submitted"] = "1.1.2026",
                }));
                Assert.True(post.StatusCode == HttpStatusCode.Redirect && post.Headers.Location!.OriginalString.StartsWith("/ingen-adgang", StringComparison.Ordinal), $"{role} {handler}: {(int)post.StatusCode} {post.Headers.Location}");
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Hearings.AsNoTracking().SingleAsync(h => h.Id == hearing);
            Assert.Equal(hearingVersion, stored.Version);
            Assert.NotEqual("Overtaget", stored.Subject);
            Assert.NotEqual("Overtaget", stored.Response);
        }

        Assert.Equal(Core.Meetings.MeetingState.Planned, (await app.DemoMeetingsAsync(Core.Meetings.MeetingState.Planned)).Single(m => m.Id == planned).State);
    }

    [Fact]
    public async Task The_administrator_reads_who_changed_what_in_the_audit_log()
    {
        var email = await CreateAccountAsync(admin: true);
        var client = Client();
        await SignInAsync(client, "ingen@havnby.dk", "forkert-adgangskode");
        await SignInAsync(client, email, "forkert-adgangskode");
        await SignInAsync(client, email, Password);

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/admin/logbog?type=UserAccount", UriKind.Relative)));
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("system", StringComparison.Ordinal) && r.Contains(email, StringComparison.Ordinal) && r.Contains("oprettet", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("AQAAAA", StringComparison.Ordinal)); // no password hash in the log

        // The whole log pages back 200 changes at a time, older pages strictly older: a venue added 200 times
        // makes sure there are more than 200 (the demo council is seeded in fewer entries).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var body = await db.Bodies.FirstAsync();
            for (var i = 0; i < 200; i++)
            {
                db.Locations.Add(new Core.Meetings.Location(body, $"Logbogens mødested {i}"));
            }

            await db.SaveChangesAsync();
        }

        var first = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/admin/logbog", UriKind.Relative)));
        Assert.Equal(200, first.QuerySelectorAll("tbody tr").Length);
        var older = first.QuerySelectorAll("a").Single(a => a.TextContent == "Ældre ændringer").GetAttribute("href")!;
        Assert.Matches(@"^/admin/logbog\?foer=\d+$", older);
        var second = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri(older, UriKind.Relative)));
        Assert.NotEmpty(second.QuerySelectorAll("tbody tr"));
        Assert.DoesNotContain(second.QuerySelectorAll("tbody tr").Select(r => r.TextContent), r => first.QuerySelectorAll("tbody tr").Select(f => f.TextContent).Contains(r));
    }
}
