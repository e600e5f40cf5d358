using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Data;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Tests;

/// <summary>
/// Issue 14, item 7: every POST handler of the back office, found in the route table at test time,
/// tried by every kind of user. A handler without a declared <see cref="StaffRule"/> fails here; one
/// with a rule must let exactly the users the rule names through and refuse the others without
/// changing anything.
/// </summary>
public sealed class StaffRuleTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private enum Who
    {
        Anonymous,
        Member,
        OtherSecretary,
        OwnSecretary,
        Administrator,
    }

    /// <summary>What each rule means, for the udsatteråd's member and secretary, the tryghedsforum's secretary and an administrator.</summary>
    private static readonly Dictionary<StaffRule, Who[]> Allowed = new()
    {
        [StaffRule.SignedIn] = [Who.Member, Who.OtherSecretary, Who.OwnSecretary, Who.Administrator],
        [StaffRule.Administrator] = [Who.Administrator],
        [StaffRule.ReadCouncil] = [Who.Member, Who.OwnSecretary, Who.Administrator],
        [StaffRule.RunCouncil] = [Who.OwnSecretary, Who.Administrator],
        [StaffRule.ReadMeeting] = [Who.Member, Who.OwnSecretary, Who.Administrator],
        [StaffRule.RunMeeting] = [Who.OwnSecretary, Who.Administrator],
        [StaffRule.Registry] = [Who.OtherSecretary, Who.OwnSecretary, Who.Administrator],
        [StaffRule.AnySecretary] = [Who.OtherSecretary, Who.OwnSecretary, Who.Administrator],
        [StaffRule.ReadFollowUp] = [Who.Member, Who.OwnSecretary, Who.Administrator],
        [StaffRule.RunFollowUp] = [Who.OwnSecretary, Who.Administrator],
        [StaffRule.RunHearing] = [Who.OwnSecretary, Who.Administrator],
        [StaffRule.ChangePerson] = [Who.OwnSecretary, Who.Administrator],
        [StaffRule.AnswerMeeting] = [Who.Member, Who.OwnSecretary, Who.Administrator],
        [StaffRule.CommentOnMinutes] = [Who.Member, Who.OwnSecretary, Who.Administrator],

        // The member here owns no follow-up: only the council's secretary may close someone else's (MemberPageTests try the owner).
        [StaffRule.OwnFollowUp] = [Who.OwnSecretary, Who.Administrator],
    };

    [Fact]
    public void Every_rule_says_who_it_lets_through() =>
        Assert.Equal(Enum.GetValues<StaffRule>().Order(), Allowed.Keys.Order());

    [Fact]
    public void A_POST_handler_never_inherits_the_rule_of_its_page()
    {
        static HandlerMethodDescriptor Handler(string verb, string method) =>
            new() { HttpMethod = verb, MethodInfo = typeof(RuledPage).GetMethod(method)!, Parameters = [] };

        Assert.Equal(StaffRule.ReadCouncil, StaffRuleAttribute.Of(Handler("Get", nameof(RuledPage.OnGet)), typeof(RuledPage)));
        Assert.Equal(StaffRule.ReadCouncil, StaffRuleAttribute.Of(null, typeof(RuledPage)));
        Assert.Null(StaffRuleAttribute.Of(Handler("Post", nameof(RuledPage.OnPost)), typeof(RuledPage)));
        Assert.Equal(StaffRule.RunCouncil, StaffRuleAttribute.Of(Handler("Post", nameof(RuledPage.OnPostSave)), typeof(RuledPage)));
    }

    [Fact]
    public async Task Every_POST_handler_under_admin_declares_a_rule_and_lets_exactly_its_users_through()
    {
        var handlers = await PostHandlersAsync();
        Assert.True(handlers.Count >= 20, $"only {handlers.Count} POST handlers found under /admin");
        var undeclared = handlers.Where(h => h.Rule is null).Select(h => $"{h.Page} {h.Method}").ToList();
        Assert.True(undeclared.Count == 0, "POST handlers without [StaffRule]: " + string.Join(", ", undeclared));

        // Changing is never allowed by a rule for reading; and a handler on one council's or person's record is
        // decided for that record: the municipality-wide rules are only for addresses without one.
        foreach (var (pattern, page, method, _, rule) in handlers)
        {
            Assert.False(rule is StaffRule.ReadCouncil or StaffRule.ReadMeeting or StaffRule.ReadFollowUp, $"{page} {method}: a POST handler needs a rule for changing, not [{rule}]");
            var aboutRecord = pattern.Contains("{id", StringComparison.Ordinal) || pattern.Contains("{slug", StringComparison.Ordinal);
            Assert.False(aboutRecord && rule is StaffRule.Registry or StaffRule.SignedIn or StaffRule.AnySecretary, $"{page} {method} changes one record: [{rule}] does not look at it");
        }

        var (targets, clients) = (await TargetsAsync(), await ClientsAsync());
        // Deleting comes last: a handler allowed to delete the target record would leave the others nothing to try.
        foreach (var handler in handlers.OrderBy(h => h.Method.Contains("Delete", StringComparison.Ordinal)))
        {
            var url = Url(handler, targets);
            foreach (var (who, client) in clients)
            {
                var changesBefore = await AuditCountAsync();
                var token = await Staff.TokenAsync(client, who == Who.Anonymous ? "/login" : "/admin/konto");
                var response = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                var where = $"POST {url} ({handler.Page} {handler.Method}, [{handler.Rule}]) as {who}: {(int)response.StatusCode} {response.Headers.Location}";
                Assert.True((int)response.StatusCode < 500, where);
                var location = response.Headers.Location?.OriginalString ?? string.Empty;
                var refused = response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/login", StringComparison.Ordinal) || location.Contains("/ingen-adgang", StringComparison.Ordinal));
                if (Allowed[handler.Rule!.Value].Contains(who))
                {
                    Assert.False(refused, where);
                }
                else
                {
                    Assert.True(refused, where);
                    Assert.Contains(who == Who.Anonymous ? "/login" : "/ingen-adgang", location, StringComparison.Ordinal);
                    Assert.True(changesBefore == await AuditCountAsync(), where + " changed something");
                }
            }
        }
    }

    [Fact]
    public async Task No_POST_handler_acts_on_a_council_or_record_a_form_field_names_instead_of_its_address()
    {
        // Model binding reads a form field before the address's value of the same name; the rule is decided on the address.
        var handlers = (await PostHandlersAsync()).Where(h => h.Pattern.Contains("{slug", StringComparison.Ordinal) || h.Pattern.Contains("{id", StringComparison.Ordinal)).ToList();
        Assert.True(handlers.Count >= 20, $"only {handlers.Count} POST handlers on a record found");
        var (targets, clients) = (await TargetsAsync(), await ClientsAsync());
        var secretary = clients[Who.OwnSecretary];
        foreach (var handler in handlers.OrderBy(h => h.Method.Contains("Delete", StringComparison.Ordinal)))
        {
            var url = Url(handler, targets);
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = await Staff.TokenAsync(secretary, "/admin/konto") };
            if (handler.Pattern.Contains("{slug", StringComparison.Ordinal))
            {
                fields["slug"] = "tryghedsforum";
            }

            if (handler.Pattern.Contains("{id", StringComparison.Ordinal))
            {
                fields["id"] = "999999";
            }

            var changesBefore = await AuditCountAsync();
            var response = await secretary.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
            var where = $"POST {url} ({handler.Page} {handler.Method}) with {string.Join(", ", fields.Keys.Skip(1))} in the form: {(int)response.StatusCode}";
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, where);
            Assert.True(changesBefore == await AuditCountAsync(), where + " changed something");
        }
    }

    [Fact]
    public async Task The_annual_report_s_texts_of_another_council_are_not_written_through_a_form_field()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary, organization: "tryghedsforum");
        var response = await Staff.PostAsync(client, "/admin/aarsrapport/tryghedsforum/2026", "/admin/aarsrapport/tryghedsforum/2026",
            new() { ["slug"] = DemoCouncil.CouncilSlug, ["year"] = "2026", ["foreword"] = "Skrevet af et andet råds sekretær" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        Assert.False(await db.AnnualReportTexts.AnyAsync(t => t.Foreword == "Skrevet af et andet råds sekretær"));
    }

    /// <summary>The hearing's page offered to rewrite any response; one in approved minutes is the council's record, as the minutes are.</summary>
    [Fact]
    public async Task A_response_in_approved_minutes_is_not_changed_and_a_stale_response_form_is_refused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var approved = await db.Meetings.Include(m => m.Items).Include(m => m.Organization)
            .Where(m => m.State == MeetingState.MinutesApproved && m.Organization.Slug == DemoCouncil.CouncilSlug).OrderBy(m => m.Date).FirstAsync();
        var hearing = new Protokol.Core.Hearings.Hearing(approved.Organization, "Høring om affaldssortering R1", null, null, approved.Date.AddDays(3));
        hearing.TreatAt(approved.Items.First());
        hearing.Respond("Rådet bakker op.", approved.Date);
        db.Hearings.Add(hearing);
        await db.SaveChangesAsync();

        var register = scope.ServiceProvider.GetRequiredService<Protokol.Core.Hearings.RegisterHearing>();
        var refused = await Assert.ThrowsAsync<Protokol.Core.Common.DomainRuleException>(() =>
            register.RespondAsync(approved.OrganizationId, hearing.Id, "Omskrevet bagefter.", approved.Date, CancellationToken.None));
        Assert.Contains("står i det godkendte referat", refused.Message, StringComparison.Ordinal);

        var open = await register.ExecuteAsync(approved.OrganizationId, "Høring om cykelstier R1", null, null, new DateOnly(2026, 11, 20), null, null, CancellationToken.None);
        await Assert.ThrowsAsync<Protokol.Core.Common.ConcurrencyConflictException>(() =>
            register.RespondAsync(approved.OrganizationId, open.Hearing.Id, "Svar fra en gammel fane.", new DateOnly(2026, 11, 21), CancellationToken.None, open.Hearing.Version - 1));
    }

    [Fact]
    public async Task A_hearing_of_another_council_is_not_answered_in_a_meeting_s_minutes_nor_with_a_date_to_come()
    {
        int foreign;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var other = await db.Organizations.Where(o => o.Slug == "tryghedsforum").Select(o => o.Id).SingleAsync();
            var register = scope.ServiceProvider.GetRequiredService<Protokol.Core.Hearings.RegisterHearing>();
            foreign = (await register.ExecuteAsync(other, "Høring om gadebelysning", "Teknik og Miljø", null, new DateOnly(2027, 6, 1), null, null, CancellationToken.None)).Hearing.Id;
        }

        var meeting = (await app.DemoMeetingsAsync(MeetingState.Planned)).Last().Id;
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var page = $"/admin/moeder/{meeting}/referat";
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var response = await Staff.PostAsync(client, page, page + "/hearing",
            new() { ["hearing"] = foreign.ToString(CultureInfo.InvariantCulture), ["response"] = "Svar fra det forkerte råd", ["submitted"] = today.ToString("d.M.yyyy", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Høringen findes ikke for dette råd.", (await Staff.ParseAsync(response)).QuerySelector(".alert-error")?.TextContent, StringComparison.Ordinal);

        // The council's own hearing: a date after today is refused at its field.
        int own;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            own = await db.Hearings.Where(h => h.Organization.Slug == DemoCouncil.CouncilSlug && h.Status == Protokol.Core.Hearings.HearingStatus.Open).Select(h => h.Id).FirstAsync();
        }

        response = await Staff.PostAsync(client, page, page + "/hearing",
            new() { ["hearing"] = own.ToString(CultureInfo.InvariantCulture), ["response"] = "Svar", ["submitted"] = today.AddDays(40).ToString("d.M.yyyy", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ligger efter i dag", (await Staff.ParseAsync(response)).QuerySelector(".alert-error")?.TextContent, StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            Assert.Null(await db.Hearings.Where(h => h.Id == foreign).Select(h => h.Response).SingleAsync());
            Assert.Equal(Protokol.Core.Hearings.HearingStatus.Open, await db.Hearings.Where(h => h.Id == own).Select(h => h.Status).SingleAsync());
        }
    }

    /// <summary>Every POST handler of every page under /admin, from the endpoints the app serves.</summary>
    private async Task<List<(string Pattern, string Page, string Method, string? Name, StaffRule? Rule)>> PostHandlersAsync()
    {
        _ = app.Services;
        var loader = app.Services.GetRequiredService<PageLoader>();
        // The back office, and the members' own pages (whose files are served by MemberFiles, not a page: MemberPageTests).
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("admin", StringComparison.Ordinal)
                        || (e.RoutePattern.RawText!.TrimStart('/').StartsWith("medlem", StringComparison.Ordinal) && e.Metadata.GetMetadata<PageActionDescriptor>() is not null))
            .ToList();
        var result = new List<(string, string, string, string?, StaffRule?)>();
        foreach (var endpoint in endpoints)
        {
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            Assert.True(page is not null, $"{endpoint.RoutePattern.RawText} is not a Razor page: give it a rule and extend this test");
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                // A POST handler's rule is always its own: reading a page never implies changing it.
                var own = handler.MethodInfo.GetCustomAttribute<StaffRuleAttribute>()?.Rule;
                Assert.Equal(own, StaffRuleAttribute.Of(handler, compiled.HandlerTypeInfo));
                result.Add((endpoint.RoutePattern.RawText!, page.ViewEnginePath, handler.MethodInfo.Name, handler.Name, own));
            }
        }

        return result;
    }

    private static string Url((string Pattern, string Page, string Method, string? Name, StaffRule? Rule) handler, Dictionary<string, string> targets)
    {
        var path = "/" + handler.Pattern.TrimStart('/');
        foreach (var parameter in System.Text.RegularExpressions.Regex.Matches(path, @"\{([a-z]+)(:[a-z]+)?\??\}").Select(m => m.Value).ToList())
        {
            var name = parameter.Trim('{', '}', '?').Split(':')[0];
            if (name == "handler")
            {
                path = path.Replace(parameter, handler.Name?.ToLowerInvariant() ?? string.Empty, StringComparison.Ordinal);
                continue;
            }

            var key = $"{handler.Page}:{name}";
            Assert.True(targets.ContainsKey(key), $"Tell this test which record {key} should be (a record of the udsatteråd)");
            path = path.Replace(parameter, targets[key], StringComparison.Ordinal);
        }

        path = path.TrimEnd('/');
        return handler.Name is not null && !handler.Pattern.Contains("{handler", StringComparison.Ordinal) ? $"{path}?handler={handler.Name}" : path;
    }

    /// <summary>The records the handlers are tried on: all of the udsatteråd, none of the tryghedsforum.</summary>
    private async Task<Dictionary<string, string>> TargetsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var meeting = (await app.DemoMeetingsAsync(MeetingState.Planned)).Last().Id;
        var followUp = await db.FollowUps.Where(f => f.Organization.Slug == DemoCouncil.CouncilSlug).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        var hearing = await db.Hearings.Where(h => h.Organization.Slug == DemoCouncil.CouncilSlug).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();

        // Seated only in the udsatteråd, and shown by role only: the person of the issue.
        var person = await db.People.Where(p => p.Name == "Jens-Ole Vinther").Select(p => p.Id).SingleAsync();
        var victim = await Staff.CreateAccountAsync(app, level: AccessLevel.Member);
        var account = await db.UserAccounts.Where(u => u.Email == victim).Select(u => u.Id).SingleAsync();
        static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
        return new()
        {
            ["/Admin/Meeting:id"] = Text(meeting),
            ["/Admin/MeetingSend:id"] = Text(meeting),
            ["/Admin/MeetingMinutes:id"] = Text(meeting),
            ["/Admin/FollowUp:id"] = Text(followUp),
            ["/Admin/Hearing:id"] = Text(hearing),
            ["/Members/Meeting:id"] = Text(meeting),
            ["/Members/FollowUp:id"] = Text(followUp),
            ["/Members/MinutesReview:id"] = Text(meeting),
            ["/Admin/Person:id"] = Text(person),
            ["/Admin/User:id"] = Text(account),
            ["/Admin/Council:slug"] = DemoCouncil.CouncilSlug,
            ["/Admin/CouncilImport:slug"] = DemoCouncil.CouncilSlug,
            ["/Admin/AnnualReport:slug"] = DemoCouncil.CouncilSlug,
            ["/Admin/AnnualReport:year"] = "2026",
        };
    }

    private async Task<Dictionary<Who, HttpClient>> ClientsAsync()
    {
        var clients = new Dictionary<Who, HttpClient> { [Who.Anonymous] = Staff.Client(app) };
        foreach (var (who, admin, level, council) in new[]
        {
            (Who.Member, false, (AccessLevel?)AccessLevel.Member, DemoCouncil.CouncilSlug),
            (Who.OtherSecretary, false, AccessLevel.Secretary, "tryghedsforum"),
            (Who.OwnSecretary, false, AccessLevel.Secretary, DemoCouncil.CouncilSlug),
            (Who.Administrator, true, null, DemoCouncil.CouncilSlug),
        })
        {
            var client = Staff.Client(app);
            var signedIn = await Staff.SignInAsync(client, await Staff.CreateAccountAsync(app, admin, level, council), Staff.Password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            clients[who] = client;
        }

        return clients;
    }

    private async Task<int> AuditCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().AuditLog.CountAsync();
    }

    [StaffRule(StaffRule.ReadCouncil)]
    private sealed class RuledPage : PageModel
    {
        public void OnGet()
        {
        }

        public void OnPost()
        {
        }

        [StaffRule(StaffRule.RunCouncil)]
        public void OnPostSave()
        {
        }
    }
}
